package org.sparkae.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparkae.data.SampleData;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The defaults suite: our stage with only inputCol set, against MLlib PCA and LinkedIn's IsolationForest, on
 * tabular outlier sets (ODDS definitions, PyOD's protocol: stratified 60/40 splits, fit on the contaminated train
 * split, AUROC and average precision on test, mean over seeds) and image sets (logistic regression on codes vs
 * PCA-k vs raw pixels; one class normal at a time). Every baseline runs in the same run on the same splits.
 * With --validation the test split is never read: each train split is cut 75/25 and the quarter is scored, which
 * is how defaults are chosen. Writes suite.json and suite.md.
 */
@Command(name = "sparkae benchmark-suite", mixinStandardHelpOptions = true)
public final class BenchmarkSuite implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(BenchmarkSuite.class);
  /** The suite's own sets; any other name is a table NAME.csv.gz in --data-dir (the held-out sets among them). */
  private static final List<String> BUILT_IN = List.of("satellite", "ionosphere", "pima", "breastcancer", "digits",
      "fashion-mnist", "mnist");
  private static final List<String> IMAGE_SETS = List.of("digits", "fashion-mnist", "mnist");
  /** NAME-rare: a table with its outliers thinned to this share of the rows (drawn with a fixed seed). */
  private static final String RARE = "-rare";
  private static final double RARE_SHARE = 0.05;
  private static final long RARE_SEED = 7;

  @Option(names = "--out", description = "output directory (default ${DEFAULT-VALUE})")
  Path out = Path.of("target/suite");

  @Option(names = "--data-dir", description = "the suite's CSV extracts (default ${DEFAULT-VALUE})")
  Path dataDir = Path.of("src/test/resources/suite");

  @Option(names = "--sets", split = ",", description = "data sets, of satellite, ionosphere, pima, breastcancer, "
      + "digits, fashion-mnist, mnist (default: all; fashion-mnist and mnist only when installed), or any "
      + "NAME.csv.gz table in --data-dir, such as the held-out sets glass, shuttle, wbc, wine; NAME-rare thins a "
      + "table's outliers to 5% of its rows")
  List<String> sets = new ArrayList<>(BUILT_IN);

  @Option(names = "--seeds", description = "random 60/40 splits per data set (default ${DEFAULT-VALUE})")
  int seeds = 5;

  @Option(names = "--classes", split = ",", description = "one-class protocol classes of the image sets "
      + "(default: all 10)")
  int[] classes = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};

  @Option(names = "--fashion-train-rows", description = "Fashion-MNIST train rows used, 0 = all 60,000 "
      + "(default ${DEFAULT-VALUE})")
  int fashionTrainRows = 0;

  @Option(names = "--fashion-test-rows", description = "Fashion-MNIST test rows used, 0 = all 10,000 "
      + "(default ${DEFAULT-VALUE})")
  int fashionTestRows = 0;

  @Option(names = "--mnist-file", description = "the MNIST digits jobs/fetch-mnist.sh writes (default "
      + "${DEFAULT-VALUE})")
  Path mnistFile = Path.of("target/suite-data/mnist.csv.gz");

  @Option(names = "--ae", description = "a stage param to set on top of the defaults, name=value (repeatable; "
      + "for trying settings, the published table uses none)")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--validation", description = "score a stratified quarter of each train split instead of the "
      + "test split, which stays unread (for choosing settings)")
  boolean validation;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(new CommandLine(new BenchmarkSuite()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    try { // a bad --ae is a usage error, before any data is read
      SuiteDetectors.autoencoder(overrides);
    } catch (RuntimeException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--ae " + overrides + ": " + e.getMessage());
    }
    for (String name : sets) { // so is a set with no data, before any other set runs
      String table = thinnedFrom(name);
      if (!table.equals(name) && IMAGE_SETS.contains(table)) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--sets: '" + name + "': only a table has "
            + "outliers to thin; " + table + " is an image set");
      }
      if (!BUILT_IN.contains(table) && !Files.isRegularFile(tableFile(table))) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--sets: unknown data set '" + name + "': "
            + "not one of " + BUILT_IN + ", and no " + tableFile(table) + " (a table: feature columns, then class "
            + "and anomaly 0/1, with a header)");
      }
    }
    long start = System.nanoTime();
    Files.createDirectories(out);
    SparkSession spark = SparkSession.builder().appName("sparkae benchmark-suite")
        .master(System.getProperty("spark.master", "local[2]")).getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("protocol", (validation ? "VALIDATION RUN (test splits unread): " : "") + "our stage with only "
        + "inputCol set" + (overrides.isEmpty() ? "" : " plus " + overrides) + "; tabular sets: " + seeds
        + " stratified 60/40 splits (seeds 1.." + seeds + "), fitted on the contaminated train split; image sets: "
        + "features (logistic regression) and one class normal at a time");
    results.put("overrides", overrides);
    results.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(), "master",
        spark.sparkContext().master()));
    Map<String, Object> perSet = new LinkedHashMap<>();
    SuiteRun run = new SuiteRun(spark, overrides, classes);
    for (String name : sets) {
      SuiteData data = load(spark, name);
      if (data == null) {
        continue;
      }
      long setStart = System.nanoTime();
      List<Map<String, Object>> splits = new ArrayList<>();
      int repeats = data.hasFixedSplit() ? 1 : seeds;
      for (int seed = 1; seed <= repeats; seed++) {
        int[][] split = split(data, seed);
        LOG.info("suite {}: split {}/{}: {} train rows, {} {} rows", name, seed, repeats, split[0].length,
            split[1].length, validation ? "validation" : "test");
        Map<String, Object> result = run.run(data, split[0], split[1], seed);
        result.put("seed", seed);
        result.put("trainRows", split[0].length);
        result.put("scoredRows", split[1].length);
        splits.add(result);
      }
      Map<String, Object> set = SuiteSummary.mean(splits);
      set.put("kind", data.kind().name().toLowerCase());
      set.put("rows", data.rows().size());
      set.put("columns", data.width());
      set.put("splits", splits);
      set.put("seconds", (System.nanoTime() - setStart) / 1e9);
      perSet.put(name, set);
      System.out.println(SuiteSummary.line(name, set));
    }
    results.put("sets", perSet);
    results.put("summary", SuiteSummary.overall(perSet));
    results.put("totalSeconds", (System.nanoTime() - start) / 1e9);
    Files.writeString(out.resolve("suite.json"),
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(results));
    String table = SuiteTable.markdown(results);
    Files.writeString(out.resolve("suite.md"), table);
    System.out.println(table);
    System.out.println("suite: " + out.resolve("suite.json").toAbsolutePath());
    return 0;
  }

  /** Train and scored rows of one repeat: 60/40 by seed (or the set's own split), then 75/25 of train to validate. */
  private int[][] split(SuiteData data, long seed) {
    int[] all = SuiteSplits.range(0, data.rows().size());
    int[] strata = data.kind() == SuiteData.Kind.TABULAR ? data.outlier() : data.classes();
    int[][] split = data.hasFixedSplit()
        ? new int[][] {SuiteSplits.range(0, data.fixedTrainRows()),
            SuiteSplits.range(data.fixedTrainRows(), all.length)}
        : SuiteSplits.stratified(all, strata, 0.6, seed);
    return validation ? SuiteSplits.stratified(split[0], strata, 0.75, 1000 + seed) : split;
  }

  private SuiteData load(SparkSession spark, String name) {
    String table = thinnedFrom(name);
    if (!table.equals(name)) {
      return load(spark, table).withRareOutliers(RARE_SHARE, RARE_SEED);
    }
    if (name.equals("fashion-mnist")) {
      if (!SampleData.fullDatasetInstalled()) {
        System.out.println("suite: fashion-mnist skipped, not installed (apt-get install dataset-fashion-mnist)");
        return null;
      }
      return SuiteData.fashion(spark, fashionTrainRows, fashionTestRows);
    }
    if (name.equals("digits")) {
      return SuiteData.images(name, dataDir.resolve("digits.csv.gz"));
    }
    if (name.equals("mnist")) {
      if (!Files.isRegularFile(mnistFile)) {
        System.out.println("suite: mnist skipped, no " + mnistFile + " (jobs/fetch-mnist.sh writes it)");
        return null;
      }
      return SuiteData.images(name, mnistFile);
    }
    return SuiteData.tabular(name, tableFile(name));
  }

  /** The table a NAME-rare set is thinned from, else the name itself. */
  private static String thinnedFrom(String name) {
    return name.endsWith(RARE) ? name.substring(0, name.length() - RARE.length()) : name;
  }

  private Path tableFile(String name) {
    return dataDir.resolve(name + ".csv.gz");
  }
}
