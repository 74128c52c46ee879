package org.sparkae.jobs;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.sparkae.ml.AutoencoderModel;

/**
 * Applies a saved model ({@code model.path}) to new data ({@code input.*}) and writes, atomically
 * into {@code output.dir}: {@code scored/} (parquet: the input columns plus latent, error, outlier
 * and prediction) and {@code metrics.json} (row and outlier counts, error quantiles, timings).
 */
public final class ScoreJob implements JobRunner.Job {
  public static void main(String[] args) {
    System.exit(run(args));
  }

  public static int run(String... args) {
    return JobRunner.run(new ScoreJob(), args);
  }

  @Override
  public String name() {
    return "score";
  }

  @Override
  public void validate(JobConfig c) {
    if (c.string("model.path").isEmpty()) {
      throw new ConfigError("model.path is required: the model/ directory of a TrainJob output");
    }
  }

  @Override
  public void run(JobConfig c, SparkSession spark) throws Exception {
    long start = System.nanoTime();
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("job", name());
    try (OutputDir out = OutputDir.open(spark, c.string("output.dir"), c.bool("output.overwrite"))) {
      PipelineModel model = Scoring.loadModel(c);
      AutoencoderModel ae = Report.autoencoder(model);
      Dataset<Row> data = Scoring.readInput(spark, c);
      spark.sparkContext().setJobDescription("sparkae score: scoring " + c.string("input.path"));
      Dataset<Row> scored = Scoring.compact(model.transform(data), ae);
      scored.write().parquet(out.path("scored"));
      Dataset<Row> written = spark.read().parquet(out.path("scored"));
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("rows", written.count());
      if (!ae.getOutlierCol().isEmpty()) {
        long outliers = written.where(functions.col(ae.getOutlierCol())).count();
        summary.put("outliers", outliers);
        summary.put("outlierRate", (Long) summary.get("rows") == 0 ? 0 : outliers / (double) (Long) summary.get("rows"));
      }
      summary.put("threshold", ae.getThreshold());
      metrics.put("scoring", summary);
      Scoring.timing(metrics, "totalSeconds", start);
      out.write("metrics.json", Json.pretty(metrics));
      out.commit();
      spark.sparkContext().setJobDescription(null);
      System.out.println("scored: " + out.finalPath("scored"));
    }
  }
}
