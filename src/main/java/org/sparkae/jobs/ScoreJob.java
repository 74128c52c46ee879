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
  public String result() {
    return "scored";
  }

  @Override
  public void validate(JobConfig c) {
    SavedPipeline.requireModel(c);
    c.choice("output.format", ScoredOutput.FORMATS);
  }

  @Override
  public void run(JobConfig c, SparkSession spark, OutputDir out, Map<String, Object> metrics) {
    PipelineModel model = SavedPipeline.loadModel(c, spark, out, metrics);
    AutoencoderModel ae = SavedPipeline.autoencoder(model);
    Dataset<Row> data = InputData.read(spark, c);
    InputChecks.check(c, data.schema(), "input.path (" + c.string("input.path") + ")", false);
    spark.sparkContext().setJobDescription("sparkae score: scoring " + c.string("input.path"));
    ScoredOutput.write(ScoredOutput.compact(model.transform(data), ae), c, out.path("scored"));
    Dataset<Row> written = ScoredOutput.read(spark, c, out.path("scored"));
    long rows = written.count();
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("rows", rows);
    if (!ae.getOutlierCol().isEmpty()) {
      long outliers = written.where(functions.col(ae.getOutlierCol()).cast("boolean")).count();
      summary.put("outliers", outliers);
      summary.put("outlierRate", rows == 0 ? 0 : outliers / (double) rows);
    }
    summary.put("threshold", ae.getThreshold());
    metrics.put("scoring", summary);
  }
}
