package org.sparkae.jobs;

import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.sql.SparkSession;
import org.sparkae.ml.AutoencoderModel;
import org.sparkae.store.ModelStore;
import org.sparkae.store.PublishListener;

/** The fitted pipeline ScoreJob and EvaluateJob apply: where it comes from, and its autoencoder. */
final class SavedPipeline {
  private SavedPipeline() {}

  /** ScoreJob and EvaluateJob need model.path, or model.storeUri with model.name. */
  static void requireModel(JobConfig c) {
    boolean byPath = !c.string("model.path").isEmpty();
    boolean byStore = !c.string("model.name").isEmpty();
    if (byPath == byStore) {
      throw new ConfigError("give either model.path (a TrainJob output's model/ directory) or model.name with "
          + "model.storeUri (a published model)");
    }
    if (byStore && c.string("model.storeUri").isEmpty()) {
      throw new ConfigError("model.name needs model.storeUri, e.g. s3://bucket/models");
    }
  }

  /** Loads model.path, or fetches model.name/model.version from the store into the output first. */
  static PipelineModel loadModel(JobConfig c, SparkSession spark, OutputDir out, Map<String, Object> metrics) {
    String path = c.string("model.path");
    if (path.isEmpty()) {
      path = out.path("model");
      try (ModelStore store = ModelStore.open(c.string("model.storeUri"), JobRunner.s3Settings(c),
          spark.sparkContext().hadoopConfiguration())) {
        String version = store.fetch(c.string("model.name"), c.string("model.version"), path, PublishListener.NONE);
        metrics.put("model", Map.of("storeUri", c.string("model.storeUri"), "name", c.string("model.name"),
            "version", version));
      }
    }
    try {
      return PipelineModel.load(path);
    } catch (Exception e) { // Hadoop's IOExceptions arrive undeclared through Scala
      throw new IllegalArgumentException("cannot load a model from " + path + ": " + JobRunner.rootMessage(e), e);
    }
  }

  /** Finds the autoencoder in a fitted pipeline. */
  static AutoencoderModel autoencoder(PipelineModel model) {
    for (Transformer stage : model.stages()) {
      if (stage instanceof AutoencoderModel ae) {
        return ae;
      }
    }
    throw new ConfigError("the model has no AutoencoderModel stage");
  }
}
