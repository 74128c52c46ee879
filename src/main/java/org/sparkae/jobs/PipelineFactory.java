package org.sparkae.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.RandomForestClassifier;
import org.apache.spark.ml.feature.MinMaxScaler;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.sql.types.StructType;
import org.sparkae.ml.Autoencoder;
import org.sparkae.ml.NoiseCorruptor;

/**
 * The training pipeline a config describes: [feature encoding and assembly ({@link FeatureColumns})]
 * -&gt; [scaler] -&gt; [NoiseCorruptor] -&gt; Autoencoder -&gt; [label indexer, classifier on latent].
 * Built once before Spark starts, so bad params fail first, and again for the data's schema.
 */
final class PipelineFactory {
  static final String SCALED_COL = "scaled";
  static final String NOISY_COL = "noisy";

  private PipelineFactory() {}

  /**
   * The pipeline for data of {@code schema}; null (before Spark starts) builds it as if the features
   * were one vector column, which checks every other setting.
   */
  static Pipeline build(JobConfig c, StructType schema) {
    FeatureColumns features = FeatureColumns.resolve(c, schema);
    List<PipelineStage> stages = new ArrayList<>(features.stages());
    String current = features.vectorCol();
    String scaling = c.choice("scaling", "none", "minmax", "standard");
    if (!scaling.equals("none")) {
      stages.add(scaling.equals("minmax") ? new MinMaxScaler().setInputCol(current).setOutputCol(SCALED_COL)
          : new StandardScaler().setInputCol(current).setOutputCol(SCALED_COL).setWithMean(true));
      current = SCALED_COL;
    }

    Autoencoder autoencoder = new Autoencoder().setInputCol(current);
    if (scaling.equals("standard")) {
      autoencoder.setOutputActivation("identity"); // standardized data is unbounded
    }
    String noise = c.choice("noise.type", "none", "gaussian", "masking", "saltpepper");
    if (!noise.equals("none")) {
      NoiseCorruptor corruptor = new NoiseCorruptor().setInputCol(current).setOutputCol(NOISY_COL)
          .setNoiseType(noise).setSeed(c.integer("noise.seed"));
      StageParams.apply(corruptor, Map.of("noiseLevel", c.number("noise.level")), "noise.");
      stages.add(corruptor);
      autoencoder.setInputCol(NOISY_COL).setTargetCol(current);
    }
    StageParams.apply(autoencoder, c.section("autoencoder"), "autoencoder.");
    if (!c.section("autoencoder").containsKey("explanationCol")) {
      autoencoder.setExplanationCol("explanation"); // the jobs say why a row was flagged
    }
    if (!c.string("checkpoint.dir").isBlank()) {
      autoencoder.setCheckpointDir(c.string("checkpoint.dir"));
    }
    stages.add(autoencoder);

    String labelCol = c.string("input.labelCol");
    String classifier = c.choice("classifier.type", "none", "logistic", "randomforest");
    if (!classifier.equals("none") && !labelCol.isEmpty()) {
      String latent = autoencoder.getLatentCol();
      if (latent.isEmpty()) {
        throw new ConfigError("classifier.type = " + classifier + " needs the latent codes: autoencoder.latentCol "
            + "must not be empty");
      }
      StringIndexer indexer = Labels.indexer(c, schema);
      if (indexer != null) {
        stages.add(indexer);
        labelCol = indexer.getOutputCol();
      }
      stages.add(classifier.equals("logistic")
          ? new LogisticRegression().setFeaturesCol(latent).setLabelCol(labelCol)
              .setMaxIter(positive(c, "classifier.maxIter"))
          : new RandomForestClassifier().setFeaturesCol(latent).setLabelCol(labelCol)
              .setNumTrees(positive(c, "classifier.numTrees")).setMaxDepth(positive(c, "classifier.maxDepth")));
    }
    return new Pipeline().setStages(stages.toArray(PipelineStage[]::new));
  }

  private static int positive(JobConfig c, String key) {
    int v = c.integer(key);
    if (v <= 0) {
      throw new ConfigError("key '" + key + "' must be > 0, got " + v);
    }
    return v;
  }
}
