package org.sparkae.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sparkae.Expect.between;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkae.TestSpark;

/** The job mains run in this JVM on the bundled sample; their outputs are read back and checked. */
class JobsTest {
  @TempDir
  static Path dir;
  private static Path trainOut;
  private static final String[] SMALL = {
      "--set", "autoencoder.encoderLayers=[64]", "--set", "autoencoder.latentSize=8",
      "--set", "autoencoder.maxEpochs=2", "--set", "autoencoder.batchSize=32",
      "--set", "autoencoder.validationFraction=0.1", "--set", "noise.type=gaussian", "--set", "noise.level=0.2"};

  @BeforeAll
  static void train() {
    TestSpark.session();
    trainOut = dir.resolve("train");
    assertEquals(0, TrainJob.run(args(SMALL, "--conf", "conf/quickstart.conf", "--set",
        "output.dir=" + trainOut.toUri())));
  }

  @Test
  void trainWritesModelScoredDataMetricsAndReport() throws Exception {
    PipelineModel model = PipelineModel.load(trainOut.resolve("model").toUri().toString());
    assertEquals(3, model.stages().length, "noise -> autoencoder -> logistic regression");

    Dataset<Row> scored = TestSpark.session().read().parquet(trainOut.resolve("scored").toUri().toString());
    assertEquals(500, scored.count(), "every test row is scored");
    List<String> columns = List.of(scored.columns());
    for (String c : List.of("label", "latent", "reconstructionError", "outlier", "prediction")) {
      assertTrue(columns.contains(c), c + " in " + columns);
    }
    assertFalse(columns.contains("reconstruction"), "bulky reconstructions are left out");

    JsonNode metrics = new ObjectMapper().readTree(trainOut.resolve("metrics.json").toFile());
    assertEquals(2, metrics.at("/training/epochs").size());
    // Pixel MSEs of a denoising net after two short epochs on the bundled sample (about 0.03 at this size).
    between(0.005, 0.1, metrics.at("/training/epochs/1/loss").asDouble(), "epoch 2 training loss");
    between(0.005, 0.1, metrics.at("/training/epochs/1/validationLoss").asDouble(), "epoch 2 validation loss");
    assertTrue(metrics.at("/training/epochs/1/validationLoss").asDouble()
        < metrics.at("/training/epochs/0/validationLoss").asDouble(), "the validation loss falls");
    between(10, 1e7, metrics.at("/training/examplesPerSecond").asDouble(), "examples per second");
    assertEquals(500, metrics.at("/evaluation/rows").asLong());
    // Ten clothing classes: chance is 0.1; the full quickstart reaches about 0.79.
    between(0.5, 1, metrics.at("/evaluation/classifier/accuracy").asDouble(), "accuracy");
    between(0.5, 1, metrics.at("/evaluation/classifier/f1").asDouble(), "F1");
    // The 0.98 quantile (contamination 0.02) of the training rows' outlier scores, a sum of z-scores.
    between(1, 10, metrics.at("/evaluation/threshold").asDouble(), "outlier threshold (a score quantile)");
    between(0.1, 600, metrics.at("/timings/fitSeconds").asDouble(), "fit seconds");

    String html = Files.readString(trainOut.resolve("report.html"));
    for (String plot : List.of("loss", "errors", "latent", "images")) {
      assertTrue(html.contains("plots/" + plot + ".png"), plot + " in report");
      assertNotNull(ImageIO.read(trainOut.resolve("plots/" + plot + ".png").toFile()), plot + " is a PNG");
    }
    assertTrue(html.contains("evaluation.classifier.accuracy"));
    try (var siblings = Files.list(dir)) {
      assertTrue(siblings.noneMatch(p -> p.getFileName().toString().contains(".tmp-")), "no temp output left");
    }
  }

  @Test
  void aVariationalRunReportsGeneratedImages() throws Exception {
    Path out = dir.resolve("variational");
    assertEquals(0, TrainJob.run(args(SMALL, "--conf", "conf/quickstart.conf", "--set", "output.dir=" + out.toUri(),
        "--set", "autoencoder.variational=true", "--set", "autoencoder.variationalScore=elbo",
        "--set", "autoencoder.latentDistanceWeight=0")));
    String html = Files.readString(out.resolve("report.html"));
    assertTrue(html.contains("plots/generated.png") && html.contains("Generated images"), "generated images reported");
    java.awt.image.BufferedImage grid = ImageIO.read(out.resolve("plots/generated.png").toFile());
    assertTrue(grid.getHeight() > 3 * 84, "three rows of images: samples, samples, a walk; height " + grid.getHeight());
    JsonNode metrics = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
    between(1, 1e4, metrics.at("/evaluation/threshold").asDouble(), "a negative-ELBO threshold (summed over pixels)");
  }

  @Test
  void scoreAppliesASavedModelToNewData() throws Exception {
    Path out = dir.resolve("score");
    assertEquals(0, ScoreJob.run("--conf", "conf/quickstart.conf", "--set", "input.path=sample:test",
        "--set", "model.path=" + trainOut.resolve("model").toUri(), "--set", "output.dir=" + out.toUri()));
    Dataset<Row> scored = TestSpark.session().read().parquet(out.resolve("scored").toUri().toString());
    assertEquals(500, scored.count());
    JsonNode metrics = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
    assertEquals(500, metrics.at("/scoring/rows").asLong());
    assertEquals(scored.where("outlier").count(), metrics.at("/scoring/outliers").asLong());
  }

  @Test
  void evaluateReportsAurocForLabelledOutliers() throws Exception {
    // One row in ten replaced by uniform noise: outliers any autoencoder of clothing images should rank first.
    Path data = dir.resolve("labelled.parquet");
    UserDefinedFunction noise = functions.udf((UDF1<Long, Vector>) seed -> {
      java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
      return Vectors.dense(rng.doubles(784).toArray());
    }, new VectorUDT());
    Column id = functions.monotonically_increasing_id();
    Column isNoise = id.mod(10).equalTo(0);
    TestSpark.sampleTest().withColumn("isNoise", isNoise)
        .withColumn("features", functions.when(isNoise, noise.apply(id)).otherwise(functions.col("features")))
        .write().parquet(data.toUri().toString());
    Path out = dir.resolve("evaluate");
    assertEquals(0, EvaluateJob.run("--conf", "conf/quickstart.conf", "--set", "input.format=parquet",
        "--set", "input.path=" + data.toUri(), "--set", "input.outlierLabelCol=isNoise",
        "--set", "model.path=" + trainOut.resolve("model").toUri(), "--set", "output.dir=" + out.toUri()));
    JsonNode metrics = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
    double auroc = metrics.at("/evaluation/outlierAuroc").asDouble();
    between(0.9, 1, auroc, "AUROC of noise rows against clothing");
    assertNotNull(ImageIO.read(out.resolve("plots/roc.png").toFile()));
    between(0.4, 1, metrics.at("/evaluation/classifier/accuracy").asDouble(), "accuracy with one row in ten noise");
  }

  @Test
  void badConfigsFailWithOneLineAndExitCode2() {
    String[][] cases = {
        {"unknown key 'autoencoder.latentSise'", "--set", "autoencoder.latentSise=4"},
        {"unknown key 'input.pth'", "--set", "input.pth=x"},
        {"key 'autoencoder.latentSize': invalid value -1", "--set", "autoencoder.latentSize=-1"},
        {"key 'autoencoder.inputShape': invalid value [28, 28] (image rows: (channels, height, width)",
            "--set", "autoencoder.inputShape=[28, 28]"},
        {"key 'autoencoder.maxEpochs': must be a number, got 'many'", "--set", "autoencoder.maxEpochs=many"},
        {"key 'autoencoder.variational': must be true or false, got 'maybe'", "--set", "autoencoder.variational=maybe"},
        {"key 'input.format' must be one of parquet|csv|libsvm|idx, got 'xls'", "--set", "input.format=xls"},
        {"key 'classifier.type' must be one of none|logistic|randomforest", "--set", "classifier.type=svm"},
        {"key 'input.testFraction' must be a number", "--set", "input.testFraction=lots"},
        {"config file nope.conf does not exist", "--conf", "nope.conf"},
        {"--set needs key=value", "--set", "justakey"},
        {"Unknown option: '--frobnicate'", "--frobnicate"}};
    for (String[] c : cases) {
      String[] args = java.util.Arrays.copyOfRange(c, 1, c.length);
      JobRun r = JobRun.of(() -> TrainJob.run(args));
      assertEquals(2, r.code(), "exit code for " + String.join(" ", args) + ": " + r.err());
      List<String> lines = r.err().lines().filter(l -> l.startsWith("sparkae train")).toList();
      assertEquals(1, lines.size(), "one line: " + r.err());
      assertTrue(lines.get(0).contains(c[0]), "expected '" + c[0] + "' in: " + lines.get(0));
    }
  }

  @Test
  void runtimeFailuresExit1AndLeaveNoOutput() {
    Path out = dir.resolve("never");
    JobRun r = JobRun.of(() -> ScoreJob.run("--set", "model.path=" + dir.resolve("no-model").toUri(),
        "--set", "output.dir=" + out.toUri()));
    assertEquals(1, r.code(), r.err());
    assertTrue(r.err().contains("cannot load a model from"), r.err());
    assertFalse(Files.exists(out), "a failed job leaves no output directory");

    JobRun exists = JobRun.of(() -> ScoreJob.run("--set", "model.path=" + trainOut.resolve("model").toUri(),
        "--set", "output.dir=" + trainOut.toUri(), "--set", "output.overwrite=false"));
    assertEquals(2, exists.code(), exists.err());
    assertTrue(exists.err().contains("already exists"), exists.err());
    assertTrue(Files.exists(trainOut.resolve("model")), "the earlier output is untouched");
  }

  private static String[] args(String[] first, String... more) {
    String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
    System.arraycopy(more, 0, all, first.length, more.length);
    return all;
  }
}
