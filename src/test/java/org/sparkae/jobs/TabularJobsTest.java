package org.sparkae.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sparkae.Expect.between;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.feature.OneHotEncoderModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkae.Expect;
import org.sparkae.TestSpark;
import org.sparkae.data.SampleData;

/**
 * Tables through the jobs: a CSV with dotted numeric columns, a string column with nulls, a string
 * class label and an id, every column taken with featuresCol "*"; one-class training with a filter;
 * a missing column or a bad filter stopped before training with one line naming the key.
 */
class TabularJobsTest {
  private static final String[] QUICK = {"--set", "autoencoder.maxEpochs=15", "--set", "autoencoder.seed=3"};

  @TempDir
  static Path dir;
  private static Path trainCsv;
  private static Path scoreCsv;

  @BeforeAll
  static void tables() {
    Dataset<Row> table = SampleData.table(TestSpark.session(), "breastcancer")
        .withColumn("rowId", functions.monotonically_increasing_id());
    Column bucket = functions.col("rowId").mod(3);
    // A string column with nulls, and at scoring a value training never saw.
    trainCsv = dir.resolve("train.csv");
    table.withColumn("site", functions.when(bucket.equalTo(0), "left").when(bucket.equalTo(1), "right"))
        .coalesce(1).write().option("header", true).csv(trainCsv.toUri().toString());
    scoreCsv = dir.resolve("score.csv");
    table.limit(40).withColumn("site", functions.lit("centre")).drop("class", "anomaly")
        .coalesce(1).write().option("header", true).csv(scoreCsv.toUri().toString());
  }

  /** TrainJob arguments: the features config on the training CSV, quick, then {@code more}. */
  private static String[] args(String... more) {
    return concat(new String[] {"--conf", "conf/tabular-features.conf", "--set", "input.path=" + trainCsv.toUri(),
        "--set", "input.idCol=rowId"}, QUICK, more);
  }

  /** ScoreJob on the scoring CSV (no label) with the model of a training run, then {@code more}. */
  private static JobRun score(Path run, Path out, String... more) {
    return JobRun.of(() -> ScoreJob.run(concat(new String[] {"--conf", "conf/tabular-features.conf",
        "--set", "input.path=" + scoreCsv.toUri(), "--set", "input.labelCol=\"\"",
        "--set", "model.path=" + run.resolve("model").toUri(), "--set", "output.dir=" + out.toUri()}, more)));
  }

  private static String[] concat(String[]... parts) {
    return java.util.stream.Stream.of(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new);
  }

  @Test
  void everyColumnOfACsvWithStringsNullsAndAStringLabelTrainsAndScores() throws Exception {
    Path out = dir.resolve("features-run");
    JobRun run = JobRun.of(() -> TrainJob.run(args("--set", "output.dir=" + out.toUri())));
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().contains("classifier on the codes: accuracy"), "a summary on stdout: " + run.out());

    PipelineModel model = PipelineModel.load(out.resolve("model").toUri().toString());
    assertTrue(List.of(model.stages()).stream().anyMatch(s -> s instanceof OneHotEncoderModel),
        "the string column is one-hot encoded inside the saved model");
    Dataset<Row> scored = TestSpark.session().read().parquet(out.resolve("scored").toUri().toString());
    assertTrue(List.of(scored.columns()).containsAll(List.of("rowId", "class", "site", "prediction", "outlier")),
        List.of(scored.columns()).toString());
    assertEquals(Set.of("benign", "malignant"), scored.select("class").distinct().collectAsList().stream()
        .map(r -> r.getString(0)).collect(Collectors.toSet()), "the original label names in the output");
    assertEquals(Set.of("benign", "malignant"), scored.select("class_predicted").distinct().collectAsList().stream()
        .map(r -> r.getString(0)).collect(Collectors.toSet()), "predictions by class name");
    Set<String> named = scored.selectExpr("explode(explanation.feature)").distinct().collectAsList().stream()
        .map(r -> r.getString(0)).collect(Collectors.toSet());
    Set<String> numeric = Set.of("Cl_thickness", "Cell_size", "Cell_shape", "Marg_adhesion", "Epith_c_size",
        "Bare_nuclei", "Bl_cromatin", "Normal_nucleoli", "Mitoses");
    assertTrue(named.stream().allMatch(n -> numeric.contains(n) || n.startsWith("site_is_")),
        "explanations name the input columns: " + named);
    JsonNode metrics = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
    // Breast cancer is nearly linearly separable: LR on the raw columns reaches about 0.96.
    between(0.85, 1, metrics.at("/evaluation/classifier/accuracy").asDouble(), "accuracy on the codes");

    Path scoredOut = dir.resolve("score-run");
    JobRun score = score(out, scoredOut, "--set", "input.idCol=rowId");
    assertEquals(0, score.code(), score.err());
    Dataset<Row> rescored = TestSpark.session().read().parquet(scoredOut.resolve("scored").toUri().toString());
    assertEquals(40, rescored.where(Expect.finite("reconstructionError")).count(),
        "rows with a site never seen in training are scored, not dropped");
  }

  @Test
  void aTrainFilterTrainsOnTheMatchingRowsOnlyAndScoresEveryRow() throws Exception {
    Path out = dir.resolve("outliers-run");
    JobRun run = JobRun.of(() -> TrainJob.run(concat(new String[] {"--conf", "conf/tabular-outliers.conf",
        "--set", "output.dir=" + out.toUri()}, QUICK)));
    assertEquals(0, run.code(), run.err());

    Dataset<Row>[] split = SampleData.table(TestSpark.session(), "breastcancer")
        .randomSplit(new double[] {0.7, 0.3}, 42);
    long benignTrain = split[0].where("class = 'benign'").count();
    JsonNode metrics = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
    assertEquals(benignTrain, metrics.at("/training/trainingRows").asLong()
        + metrics.at("/training/validationRows").asLong(), "trained on the benign rows of the train split");
    assertEquals(split[1].count(), metrics.at("/evaluation/rows").asLong(), "every test row is scored");
    between(0.9, 1, metrics.at("/evaluation/outlierAuroc").asDouble(), "AUROC of malignant rows");
  }

  @Test
  void scoredRowsAreWrittenAsCsvAndJsonWithVectorsAndExplanationsFlattened() throws Exception {
    Path out = dir.resolve("csv-run");
    JobRun train = JobRun.of(() -> TrainJob.run(args("--set", "output.dir=" + out.toUri(),
        "--set", "output.format=csv")));
    assertEquals(0, train.code(), train.err());
    Dataset<Row> csv = TestSpark.session().read().option("header", true).csv(out.resolve("scored").toUri().toString());
    Row first = csv.select("latent", "explanation", "rowId").first();
    int width = SavedPipeline.autoencoder(PipelineModel.load(out.resolve("model").toUri().toString())).latentWidth();
    assertEquals(width, first.getString(0).split(";").length, "the code's values, ';'-joined");
    assertTrue(first.getString(1).startsWith("[{\"feature\":"), "explanations as JSON text: " + first.getString(1));

    Path scored = dir.resolve("json-run");
    JobRun score = score(out, scored, "--set", "output.format=json");
    assertEquals(0, score.code(), score.err());
    Dataset<Row> json = TestSpark.session().read().json(scored.resolve("scored").toUri().toString());
    assertEquals(40, json.count());
    assertEquals("array<double>", json.schema().apply("latent").dataType().simpleString(), "vectors as arrays");
    assertEquals(3, json.select("explanation").first().getList(0).size());
  }

  @Test
  void aStageErrorNamesTheJobKeyThatFixesIt() {
    Path out = dir.resolve("sigmoid-run");
    JobRun run = JobRun.of(() -> TrainJob.run(args("--set", "output.dir=" + out.toUri(),
        "--set", "autoencoder.inputScaling=none", "--set", "autoencoder.outputActivation=sigmoid")));
    assertEquals(1, run.code(), run.err());
    List<String> lines = run.err().lines().filter(l -> l.startsWith("sparkae train")).toList();
    assertEquals(1, lines.size(), run.err());
    assertTrue(lines.get(0).contains("(in the job config: autoencoder.inputScaling)"), lines.get(0));
  }

  @Test
  void aGapInANumericColumnNamesTheColumnAndIsSkippedWhenAsked() throws Exception {
    Path gapsCsv = dir.resolve("gaps.csv");
    Dataset<Row> table = SampleData.table(TestSpark.session(), "breastcancer")
        .withColumn("rowId", functions.monotonically_increasing_id());
    table.withColumn("Mitoses", functions.when(functions.col("rowId").mod(5).notEqual(0), table.col("Mitoses"))).coalesce(1).write().option("header", true).csv(gapsCsv.toUri().toString());
    String[] onGaps = {"--set", "input.path=" + gapsCsv.toUri()};

    JobRun failed = JobRun.of(() -> TrainJob.run(concat(args("--set", "output.dir=" + dir.resolve("gaps-fail").toUri()),
        onGaps)));
    assertEquals(1, failed.code(), failed.err());
    List<String> lines = failed.err().lines().filter(l -> l.startsWith("sparkae train")).toList();
    assertEquals(1, lines.size(), failed.err());
    assertTrue(lines.get(0).contains("('Mitoses')") && lines.get(0).contains("autoencoder.handleInvalid"),
        "names the table's column and the key: " + lines.get(0));

    Path out = dir.resolve("gaps-skip");
    JobRun skipped = JobRun.of(() -> TrainJob.run(concat(args("--set", "output.dir=" + out.toUri()), onGaps,
        new String[] {"--set", "autoencoder.handleInvalid=skip"})));
    assertEquals(0, skipped.code(), skipped.err());
    JsonNode metrics = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
    between(1, table.count() / 5 + 1, metrics.at("/training/skippedRows").asDouble(), "rows with a gap skipped");
  }

  @Test
  void aMissingColumnOrABadFilterStopsBeforeTrainingWithOneLineNamingTheKey() {
    String[][] cases = {
        {"key 'input.labelCol': column 'diagnosis' is not in input.path", "--set", "input.labelCol=diagnosis"},
        {"key 'input.idCol': column 'id' is not in input.path", "--set", "input.idCol=id"},
        {"key 'input.excludeCols': column 'nope' is not in the input", "--set", "input.excludeCols=[nope]"},
        {"key 'input.trainFilter': cannot apply \"stage > 2\"", "--set", "input.trainFilter=\"stage > 2\""}};
    for (String[] c : cases) {
      Path out = dir.resolve("bad-" + c[2].hashCode());
      JobRun run = JobRun.of(() -> TrainJob.run(concat(args("--set", "output.dir=" + out.toUri()),
          java.util.Arrays.copyOfRange(c, 1, c.length))));
      assertEquals(2, run.code(), run.err());
      List<String> lines = run.err().lines().filter(l -> l.startsWith("sparkae train")).toList();
      assertEquals(1, lines.size(), run.err());
      assertTrue(lines.get(0).contains(c[0]), "expected '" + c[0] + "' in: " + lines.get(0));
      assertTrue(!out.toFile().exists(), "nothing written");
    }
  }
}
