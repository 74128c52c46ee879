package org.sparkae.jobs;

import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparkae.store.ModelStore;
import org.sparkae.store.PublishListener;

/**
 * Trains the configured pipeline and writes, atomically into {@code output.dir}: {@code model/}
 * (the fitted PipelineModel), {@code scored/} (held-out rows as parquet), {@code metrics.json},
 * {@code report.html} and {@code plots/}.
 *
 * <pre>spark-submit --class org.sparkae.jobs.TrainJob sparkae-job.jar [--conf FILE] [--set key=value ...]</pre>
 */
public final class TrainJob implements JobRunner.Job {
  private static final Logger LOG = LoggerFactory.getLogger(TrainJob.class);

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs in this JVM and returns the exit code (0 done, 1 failed, 2 bad configuration). */
  public static int run(String... args) {
    return JobRunner.run(new TrainJob(), args);
  }

  @Override
  public String name() {
    return "train";
  }

  @Override
  public String result() {
    return "report.html";
  }

  @Override
  public void validate(JobConfig c) {
    PipelineFactory.build(c, null); // every setting but the feature columns, checked before Spark starts
    c.choice("output.format", ScoredOutput.FORMATS);
    if (c.string("output.dir").isEmpty()) {
      throw new ConfigError("output.dir must not be empty");
    }
    if (!c.string("publish.name").isEmpty() && c.string("publish.uri").isEmpty()) {
      throw new ConfigError("publish.name needs publish.uri, e.g. s3://bucket/models");
    }
    double testFraction = c.number("input.testFraction");
    if (c.string("input.testPath").isEmpty() && !(testFraction > 0 && testFraction < 1)) {
      throw new ConfigError("input.testFraction must be in (0, 1) when input.testPath is empty, got " + testFraction);
    }
  }

  @Override
  public void run(JobConfig c, SparkSession spark, OutputDir out, Map<String, Object> metrics) throws Exception {
    long start = System.nanoTime();
    spark.sparkContext().setJobDescription("sparkae train: reading input");
    Dataset<Row> input = InputData.read(spark, c);
    Dataset<Row> train;
    Dataset<Row> test;
    if (c.string("input.testPath").isEmpty()) {
      double f = c.number("input.testFraction");
      Dataset<Row>[] split = input.randomSplit(new double[] {1 - f, f}, 42);
      train = split[0];
      test = split[1];
    } else {
      train = input;
      test = InputData.read(spark, c, c.string("input.testPath"), c.string("input.testLabelsPath"));
    }
    // Every column the config names is checked in both inputs before any training.
    InputChecks.check(c, input.schema(), "input.path (" + c.string("input.path") + ")", true);
    if (!c.string("input.testPath").isEmpty()) {
      InputChecks.check(c, test.schema(), "input.testPath (" + c.string("input.testPath") + ")", true);
    }
    Pipeline pipeline = PipelineFactory.build(c, input.schema());
    train = TrainFilter.apply(c, train).persist(StorageLevel.MEMORY_AND_DISK());
    RunMetrics.timing(metrics, "readSeconds", start);

    long fitStart = System.nanoTime();
    PipelineModel model;
    try {
      model = Labels.withPredictedNames(pipeline.fit(train), c);
    } finally {
      train.unpersist();
    }
    RunMetrics.timing(metrics, "fitSeconds", fitStart);
    metrics.put("training", RunMetrics.training(SavedPipeline.autoencoder(model).summary()));

    spark.sparkContext().setJobDescription("sparkae train: saving the model");
    model.write().save(out.path("model"));
    LOG.info("model: {}", out.finalPath("model"));
    spark.sparkContext().setJobDescription("sparkae train: scoring the test data and drawing the report");
    Dataset<Row> scored = EvaluationReport.evaluateAndReport(model, test, c, out, metrics, "sparkae training report");
    try {
      ScoredOutput.write(ScoredOutput.compact(scored, SavedPipeline.autoencoder(model)), c, out.path("scored"));
    } finally {
      scored.unpersist();
    }
    publish(c, spark, out, metrics);
  }

  /** Publishes model/ to the store before the output is committed: a failed publish fails the run. */
  private static void publish(JobConfig c, SparkSession spark, OutputDir out, Map<String, Object> metrics) {
    String name = c.string("publish.name");
    if (name.isEmpty()) {
      return;
    }
    spark.sparkContext().setJobDescription("sparkae train: publishing the model as " + name);
    try (ModelStore store = ModelStore.open(c.string("publish.uri"), JobRunner.s3Settings(c),
        spark.sparkContext().hadoopConfiguration())) {
      String version = store.publish(out.path("model"), name, metrics, PublishListener.NONE);
      metrics.put("published", Map.of("uri", c.string("publish.uri"), "name", name, "version", version));
      LOG.info("published {} version {} to {}", name, version, c.string("publish.uri"));
    }
  }
}
