package org.sparkae.jobs;

import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Scores labelled data ({@code input.*}) with a saved model ({@code model.path}) and writes
 * {@code metrics.json}, {@code report.html} and {@code plots/} into {@code output.dir}, without training.
 */
public final class EvaluateJob implements JobRunner.Job {
  public static void main(String[] args) {
    System.exit(run(args));
  }

  public static int run(String... args) {
    return JobRunner.run(new EvaluateJob(), args);
  }

  @Override
  public String name() {
    return "evaluate";
  }

  @Override
  public String result() {
    return "report.html";
  }

  @Override
  public void validate(JobConfig c) {
    SavedPipeline.requireModel(c);
  }

  @Override
  public void run(JobConfig c, SparkSession spark, OutputDir out, Map<String, Object> metrics) throws Exception {
    PipelineModel model = SavedPipeline.loadModel(c, spark, out, metrics);
    Dataset<Row> data = InputData.read(spark, c);
    InputChecks.check(c, data.schema(), "input.path (" + c.string("input.path") + ")", true);
    spark.sparkContext().setJobDescription("sparkae evaluate: scoring and drawing the report");
    EvaluationReport.evaluateAndReport(model, data, c, out, metrics, "sparkae evaluation report").unpersist();
  }
}
