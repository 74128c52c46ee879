package org.sparkae.jobs;

import java.util.LinkedHashMap;
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
      Dataset<Row> data = Scoring.readInput(spark, c);
      spark.sparkContext().setJobDescription("sparkae evaluate: scoring and drawing the report");
      Scoring.evaluateAndReport(model, data, c, out, metrics, "sparkae evaluation report").unpersist();
      Scoring.timing(metrics, "totalSeconds", start);
      out.write("metrics.json", Json.pretty(metrics));
      out.commit();
      spark.sparkContext().setJobDescription(null);
      System.out.println("report: " + out.finalPath("report.html"));
    }
  }
}
