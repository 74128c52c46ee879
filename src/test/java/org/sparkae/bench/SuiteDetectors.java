package org.sparkae.bench;

import static org.apache.spark.sql.functions.col;

import com.linkedin.relevance.isolationforest.IsolationForest;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.sparkae.jobs.StageOverrides;
import org.sparkae.ml.Autoencoder;
import org.sparkae.ml.AutoencoderModel;

/**
 * The contenders of the suite, each fitted on a train DataFrame ({@code id}, {@code features}, {@code y}) and
 * scoring a test one: our stage with its defaults (plus any overrides the run was given), MLlib PCA's
 * reconstruction error, LinkedIn's IsolationForest with its defaults, and logistic regression on any codes.
 */
final class SuiteDetectors {
  static final String FEATURES = "features";
  static final String Y = "y";
  static final String ID = "id";

  private SuiteDetectors() {}

  /** A new stage with only inputCol set, then the overrides: "name=value", read as the jobs' --set reads them. */
  static Autoencoder autoencoder(List<String> overrides) {
    Autoencoder ae = new Autoencoder().setInputCol(FEATURES);
    StageOverrides.apply(ae, overrides);
    return ae;
  }

  /** Test rows' scores, in id order. */
  static double[] scores(Dataset<Row> scored, String column) {
    return scored.select(col(ID), col(column)).orderBy(ID).collectAsList().stream().mapToDouble(r -> r.getDouble(1))
        .toArray();
  }

  /**
   * PCA with k components on the rows scaled as the stage's inputScaling 'auto' scales them (standardized unless every
   * value lies in [0, 1]), so both see the same space; scored by the mean squared residual.
   */
  static Map<String, Dataset<Row>> pca(Dataset<Row> train, Dataset<Row> test, int k, boolean unitRange) {
    Dataset<Row> tr = train;
    Dataset<Row> te = test;
    String input = FEATURES;
    if (!unitRange) {
      var scaler = new StandardScaler().setInputCol(FEATURES).setOutputCol("standardized").setWithMean(true)
          .setWithStd(true).fit(train);
      tr = scaler.transform(train);
      te = scaler.transform(test);
      input = "standardized";
    }
    PcaBaseline pca = PcaBaseline.fit(tr, input, k);
    return Map.of("train", pca.transform(tr), "test", pca.transform(te));
  }

  /**
   * LinkedIn's Spark isolation forest with its defaults (seeded), scored by its outlierScore. Its 256 samples per
   * tree become all rows on smaller sets, as scikit-learn's min(256, n) does (it refuses more than it has).
   */
  static double[] isolationForest(Dataset<Row> train, Dataset<Row> test, long seed) {
    IsolationForest forest = new IsolationForest();
    forest.setFeaturesCol(FEATURES);
    forest.setRandomSeed(seed);
    long rows = train.count();
    if (rows < 256) {
      forest.setMaxSamples((double) rows);
    }
    return scores(forest.fit(train).transform(test), "outlierScore");
  }

  /** Test accuracy of logistic regression on {@code column}, fitted on train's. */
  static double logisticAccuracy(Dataset<Row> train, Dataset<Row> test, String column) {
    var model = new LogisticRegression().setMaxIter(200).setFeaturesCol(column).setLabelCol(Y).fit(train);
    return new MulticlassClassificationEvaluator().setMetricName("accuracy").setLabelCol(Y)
        .evaluate(model.transform(test));
  }

  /** Our model's code width, read from what it wrote. */
  static int codeWidth(AutoencoderModel model, Dataset<Row> scored) {
    return ((Vector) scored.select(model.getLatentCol()).first().get(0)).size();
  }
}
