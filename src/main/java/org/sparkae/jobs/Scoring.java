package org.sparkae.jobs;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.sparkae.ml.AutoencoderModel;
import org.sparkae.ml.AutoencoderSummary;
import org.sparkae.store.ModelStore;
import org.sparkae.store.PublishListener;

/** Steps the jobs share: reading inputs, loading models, scoring with metrics, the report. */
final class Scoring {
  private static final List<String> BULKY_COLUMNS =
      List.of("reconstruction", PipelineFactory.NOISY_COL, PipelineFactory.SCALED_COL, "rawPrediction", "probability");

  private Scoring() {}

  static Dataset<Row> readInput(SparkSession spark, JobConfig c) {
    return InputData.read(spark, c, c.string("input.path"), c.string("input.labelsPath"));
  }

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

  /** The scored rows worth keeping: inputs and outputs, without reconstructions and intermediate vectors. */
  static Dataset<Row> compact(Dataset<Row> scored, AutoencoderModel ae) {
    Dataset<Row> out = scored;
    for (String col : BULKY_COLUMNS) {
      if (List.of(out.columns()).contains(col) && !col.equals(ae.getLatentCol())) {
        out = out.drop(col);
      }
    }
    return out.drop(ae.getReconstructionCol());
  }

  /** Training figures for metrics.json. */
  static Map<String, Object> training(AutoencoderSummary s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("epochs", s.epochs().stream().map(e -> {
      Map<String, Object> epoch = new LinkedHashMap<>();
      epoch.put("epoch", e.epoch());
      epoch.put("loss", e.trainLoss());
      epoch.put("validationLoss", Double.isNaN(e.validationLoss()) ? null : e.validationLoss());
      epoch.put("seconds", e.seconds());
      epoch.put("examplesPerSecond", e.examplesPerSecond());
      return epoch;
    }).toList());
    m.put("trainingRows", s.numTrainingRows());
    m.put("validationRows", s.numValidationRows());
    m.put("skippedRows", s.numSkippedRows());
    m.put("workers", s.numWorkers());
    m.put("levelledOff", s.levelledOff());
    m.put("finalImprovement", Double.isNaN(s.finalImprovement()) ? null : s.finalImprovement());
    m.put("seconds", s.trainingSeconds());
    m.put("examplesPerSecond", s.examplesPerSecond());
    m.put("threshold", s.threshold());
    m.put("outlierRate", s.trainingOutlierRate());
    return m;
  }

  /**
   * Scores {@code data} with {@code model}, evaluates, draws the report into {@code out}; returns
   * the scored rows (cached; the caller unpersists) and fills {@code metrics.evaluation}.
   */
  static Dataset<Row> evaluateAndReport(PipelineModel model, Dataset<Row> data, JobConfig c, OutputDir out,
      Map<String, Object> metrics, String title) throws Exception {
    AutoencoderModel ae = Report.autoencoder(model);
    long start = System.nanoTime();
    Dataset<Row> scored = model.transform(data).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      report(model, data, scored, ae, c, out, metrics, title, start);
      return scored;
    } catch (Exception | Error e) {
      scored.unpersist();
      throw e;
    }
  }

  private static void report(PipelineModel model, Dataset<Row> data, Dataset<Row> scored, AutoencoderModel ae,
      JobConfig c, OutputDir out, Map<String, Object> metrics, String title, long start) throws Exception {
    Map<String, Object> evaluation = new LinkedHashMap<>();
    double[][] roc = Evaluation.evaluate(scored, ae, c, evaluation);
    metrics.put("evaluation", evaluation);
    timing(metrics, "scoreSeconds", start);

    start = System.nanoTime();
    Report report = new Report(out);
    if (ae.hasSummary()) {
      report.lossCurves(ae.summary());
    }
    long rows = (Long) evaluation.get("rows");
    int sampleRows = c.integer("output.reportSampleRows");
    Dataset<Row> sample = rows <= sampleRows ? scored
        : scored.sample(false, Math.min(1.0, 1.2 * sampleRows / rows), 1).limit(sampleRows);
    report.errors(sample, ae);
    report.latentProjection(sample, ae, Labels.numericLabel(c, sample.schema()),
        Labels.classNames(model, Labels.numericLabel(c, sample.schema())));
    report.imageGrid(model, data, ae, c.integer("input.imageWidth"));
    report.roc(roc, roc == null ? Double.NaN : (Double) evaluation.get("outlierAuroc"));
    report.topOutliers(scored, ae, c.string("input.idCol"), 10);
    timing(metrics, "reportSeconds", start);
    metrics.put("createdAt", Instant.now().toString());
    report.write(title, "sparkae " + metrics.get("job") + " run, " + metrics.get("createdAt"), metrics, c.render());
  }

  @SuppressWarnings("unchecked")
  static void timing(Map<String, Object> metrics, String name, long startNanos) {
    ((Map<String, Object>) metrics.computeIfAbsent("timings", k -> new LinkedHashMap<String, Object>()))
        .put(name, (System.nanoTime() - startNanos) / 1e9);
  }
}
