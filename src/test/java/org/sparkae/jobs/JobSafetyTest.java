package org.sparkae.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sparkae.TestSpark;

/** Bad data through the job entry points, and no credential in any output or log line. */
class JobSafetyTest {
  @TempDir
  static Path dir;
  private static final String[] SMALL = {"--set", "autoencoder.encoderLayers=[6]", "--set", "autoencoder.latentSize=2",
      "--set", "autoencoder.maxEpochs=1", "--set", "autoencoder.batchSize=16", "--set", "input.testPath=\"\"",
      "--set", "input.imageWidth=0", "--set", "autoencoder.validationFraction=0", "--set", "input.labelCol=\"\""};

  @BeforeAll
  static void writeData() throws Exception {
    TestSpark.session();
    List<Row> clean = new ArrayList<>();
    List<Row> withNaN = new ArrayList<>();
    List<Row> pixels = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      double v = (i % 10) / 10.0;
      clean.add(RowFactory.create((long) i, Vectors.dense(v, 1 - v, v / 2, 0.5)));
      withNaN.add(RowFactory.create((long) i, Vectors.dense(v, i % 25 == 0 ? Double.NaN : 1 - v, v / 2, 0.5)));
      pixels.add(RowFactory.create((long) i, Vectors.dense(255 * v, 255 * (1 - v), 0, 128)));
    }
    var schema = TestSpark.idFeaturesSchema(4);
    TestSpark.session().createDataFrame(clean, schema).write().parquet(dir.resolve("clean").toUri().toString());
    TestSpark.session().createDataFrame(withNaN, schema).write().parquet(dir.resolve("nan").toUri().toString());
    TestSpark.session().createDataFrame(pixels, schema).write().parquet(dir.resolve("pixels").toUri().toString());
    Files.writeString(dir.resolve("notes.txt"), "not an image file");
  }

  /** (case, extra args, exit code, words the one error line must contain or "" for success). */
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("missing input path", new String[] {"--set", "input.format=parquet", "--set",
            "input.path=" + dir.resolve("nowhere").toUri()}, 1, "nowhere"),
        Arguments.of("a text file read as idx", new String[] {"--set", "input.format=idx", "--set",
            "input.path=" + dir.resolve("notes.txt").toUri()}, 1, "notes.txt is not an IDX images file"),
        Arguments.of("NaN rows with handleInvalid=error", new String[] {"--set", "input.format=parquet", "--set",
            "input.path=" + dir.resolve("nan").toUri()}, 1, "column 'features' has NaN at index 1"),
        Arguments.of("NaN rows with handleInvalid=skip", new String[] {"--set", "input.format=parquet", "--set",
            "input.path=" + dir.resolve("nan").toUri(), "--set", "autoencoder.handleInvalid=skip",
            "--set", "input.testPath=" + dir.resolve("clean").toUri()}, 0, ""),
        Arguments.of("unscaled pixels with a sigmoid output", new String[] {"--set", "input.format=parquet", "--set",
            "input.path=" + dir.resolve("pixels").toUri(), "--set", "autoencoder.outputActivation=sigmoid", "--set",
            "autoencoder.inputScaling=none"}, 1, "can only reconstruct [0, 1]"),
        Arguments.of("unscaled pixels with the stage's defaults", new String[] {"--set", "input.format=parquet",
            "--set", "input.path=" + dir.resolve("pixels").toUri()}, 0, ""),
        Arguments.of("unscaled pixels with scaling=minmax", new String[] {"--set", "input.format=parquet", "--set",
            "input.path=" + dir.resolve("pixels").toUri(), "--set", "scaling=minmax"}, 0, ""));
  }

  @ParameterizedTest(name = "train job: {0}")
  @MethodSource("cases")
  void badDataThroughTheTrainJob(String name, String[] extra, int code, String message) throws Exception {
    Path out = dir.resolve("out-" + name.replaceAll("\\W+", "-"));
    List<String> args = new ArrayList<>(List.of(SMALL));
    args.addAll(List.of(extra));
    args.addAll(List.of("--set", "output.dir=" + out.toUri()));
    JobRun r = JobRun.of(() -> TrainJob.run(args.toArray(String[]::new)));
    assertEquals(code, r.code(), r.err());
    if (code == 0) {
      assertTrue(Files.exists(out.resolve("metrics.json")));
      if (name.contains("skip")) {
        assertEquals(4, new ObjectMapper().readTree(out.resolve("metrics.json").toFile())
            .at("/training/skippedRows").asLong(), "rows 0, 25, 50, 75 hold NaN");
      }
    } else {
      String line = r.err().lines().filter(l -> l.startsWith("sparkae train failed: ")).findFirst().orElse(r.err());
      assertTrue(line.contains(message), "expected '" + message + "' in: " + line);
      assertFalse(Files.exists(out), "a failed run leaves no output");
    }
  }

  @Test
  void noCredentialAppearsInLogsMetricsReportOrModel() throws Exception {
    String secret = "FAKE-s3a-SECRET-7f3a9c";
    String access = "FAKEACCESSKEY42";
    var hadoop = TestSpark.session().sparkContext().hadoopConfiguration();
    hadoop.set("fs.s3a.secret.key", secret);
    hadoop.set("fs.s3a.access.key", access);
    Path out = dir.resolve("secrets");
    try {
      List<String> args = new ArrayList<>(List.of(SMALL));
      args.addAll(List.of("--set", "input.format=parquet", "--set", "input.path=" + dir.resolve("clean").toUri(),
          "--set", "spark.conf.\"spark.hadoop.fs.s3a.secret.key\"=" + secret,
          "--set", "spark.conf.\"spark.hadoop.fs.s3a.access.key\"=" + access, "--set", "output.dir=" + out.toUri()));
      JobRun r = JobRun.of(() -> TrainJob.run(args.toArray(String[]::new)));
      assertEquals(0, r.code(), r.err());
      assertTrue(r.err().contains("spark.hadoop.fs.s3a.secret.key") && r.err().contains(JobConfig.REDACTED),
          "the key is logged, its value redacted");
      for (String s : List.of(secret, access)) {
        assertFalse(r.err().contains(s) || r.out().contains(s), "credential in the log");
      }
      try (Stream<Path> files = Files.walk(out)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
          assertFalse(content.contains(secret) || content.contains(access), "credential in " + f);
        }
      }
      assertTrue(Files.readString(out.resolve("report.html")).contains(JobConfig.REDACTED));
    } finally {
      hadoop.unset("fs.s3a.secret.key");
      hadoop.unset("fs.s3a.access.key");
    }
  }
}
