package org.sparkae.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparkae.nn.AutoencoderSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The scaling model of parameter-averaging training, fitted to measurements on the cluster it runs
 * against. One epoch on W workers:
 *
 * <pre>
 *   T(W) = N c / min(W, cores)  +  R(W) (a + b W + bytes(W) / B),   R(W) = ceil(N / (W batch f))
 * </pre>
 *
 * c is the compute time per example on one core (from the training runs), a + b W the cost of one
 * averaging round that Spark adds (a job whose W tasks get the parameters and Adam state by
 * broadcast and send them back through treeAggregate; measured here with the real sizes and no
 * compute), bytes(W) = 3 P 4 (1 + ceil(sqrt W)) what crosses the driver's network link per round
 * (one broadcast copy out, the tree's partial sums in) and B its bandwidth. Loopback bandwidth is
 * already inside the measured a and b; the B term is added only for the predictions.
 *
 * <p>Reads the training runs from {@code --runs} ({@code w<W>/metrics.json}, written by
 * jobs/scaling.sh), checks the model against them and predicts 10, 100 and 1,000 workers.
 */
@Command(name = "sparkae scaling", mixinStandardHelpOptions = true)
public final class ScalingModel implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ScalingModel.class);

  @Option(names = "--runs", description = "directory with w<W>/metrics.json (default ${DEFAULT-VALUE})")
  Path runs = Path.of("target/scaling");

  @Option(names = "--encoder-layers", split = ",", description = "network of the runs (default ${DEFAULT-VALUE})")
  int[] encoderLayers = {256};

  @Option(names = "--latent-size", description = "default ${DEFAULT-VALUE}")
  int latentSize = 32;

  @Option(names = "--input-size", description = "default ${DEFAULT-VALUE}")
  int inputSize = 784;

  @Option(names = "--batch-size", description = "rows per minibatch in the runs (default ${DEFAULT-VALUE})")
  int batchSize = 128;

  @Option(names = "--averaging-frequency", description = "in the runs (default ${DEFAULT-VALUE})")
  int averagingFrequency = 5;

  @Option(names = "--cores", description = "physical cores the runs shared (default: this machine's)")
  int cores = Runtime.getRuntime().availableProcessors();

  @Option(names = "--bandwidth-gbit", description = "driver link for predictions (default ${DEFAULT-VALUE})")
  double bandwidthGbit = 10;

  @Option(names = "--predict", split = ",", description = "worker counts to predict (default ${DEFAULT-VALUE})")
  int[] predict = {10, 100, 1000};

  public static void main(String[] args) {
    System.exit(new CommandLine(new ScalingModel()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    SparkSession spark = SparkSession.builder().appName("sparkae scaling")
        .master(System.getProperty("spark.master", "local[2]")).getOrCreate();
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    long params = new AutoencoderSpec(inputSize, inputSize, encoderLayers, latentSize, "relu", "identity", "sigmoid",
        "mse", 1e-3, 0, 1).numParams();
    int floats = Math.toIntExact(3 * params); // parameters + Adam's two moments

    Map<String, Object> out = new LinkedHashMap<>();
    out.put("master", sc.master());
    out.put("network", inputSize + "-" + Arrays.toString(encoderLayers) + "-" + latentSize + " mirrored, " + params
        + " parameters");
    out.put("batchSize", batchSize);
    out.put("averagingFrequency", averagingFrequency);
    out.put("cores", cores);

    int[] taskCounts = {1, 2, 4, 8, 16, 32, 64};
    double[] roundSeconds = new double[taskCounts.length];
    List<Map<String, Object>> rounds = new ArrayList<>();
    for (int i = 0; i < taskCounts.length; i++) {
      roundSeconds[i] = medianRoundSeconds(sc, taskCounts[i], floats);
      rounds.add(Map.of("tasks", taskCounts[i], "seconds", roundSeconds[i]));
      LOG.info("averaging round without compute, {} tasks: {} ms", taskCounts[i], Math.round(roundSeconds[i] * 1000));
    }
    double[] ab = leastSquares(IntStream.of(taskCounts).asDoubleStream().toArray(), roundSeconds);
    out.put("roundOverhead", Map.of("measured", rounds, "a", ab[0], "bPerTask", ab[1]));

    List<Map<String, Object>> measured = new ArrayList<>();
    double computePerExample = Double.NaN;
    long examples = 0;
    for (JsonNode run : readRuns()) {
      int workers = run.at("/training/workers").asInt();
      examples = run.at("/training/trainingRows").asLong();
      double epoch = medianEpochSeconds(run.at("/training/epochs"));
      double overhead = rounds(examples, workers) * (ab[0] + ab[1] * workers);
      double c = (epoch - overhead) * Math.min(workers, cores) / examples;
      if (workers == 1) {
        computePerExample = c;
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("workers", workers);
      m.put("examples", examples);
      m.put("epochSeconds", epoch);
      m.put("roundsPerEpoch", rounds(examples, workers));
      m.put("averagingSeconds", overhead);
      m.put("computeSecondsPerExample", c);
      measured.add(m);
    }
    if (measured.isEmpty() || Double.isNaN(computePerExample)) {
      throw new IllegalStateException("no training runs with 1 worker in " + runs + " (run jobs/scaling.sh)");
    }
    for (Map<String, Object> m : measured) {
      double predicted = epochSeconds(examples, (Integer) m.get("workers"), computePerExample, ab,
          Double.POSITIVE_INFINITY, floats, cores);
      m.put("modelEpochSeconds", predicted);
      m.put("modelError", predicted / (Double) m.get("epochSeconds") - 1);
    }
    out.put("measured", measured);
    out.put("computeSecondsPerExample", computePerExample);

    double bytesPerSecond = bandwidthGbit * 1e9 / 8;
    List<Map<String, Object>> predictions = new ArrayList<>();
    double single = epochSeconds(examples, 1, computePerExample, ab, bytesPerSecond, floats, Integer.MAX_VALUE);
    for (int workers : predict) {
      double seconds = epochSeconds(examples, workers, computePerExample, ab, bytesPerSecond, floats, Integer.MAX_VALUE);
      double round = roundSeconds(workers, ab, bytesPerSecond, floats);
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("workers", workers);
      p.put("epochSeconds", seconds);
      p.put("speedup", single / seconds);
      p.put("efficiency", single / seconds / workers);
      p.put("roundSeconds", round);
      // Compute per round per worker is batch x f x c whatever W is; 80 % efficiency needs it >= 4 x the round.
      p.put("averagingFrequencyFor80Percent", (int) Math.ceil(4 * round / (batchSize * computePerExample)));
      predictions.add(p);
    }
    out.put("bandwidthGbit", bandwidthGbit);
    out.put("predictions", predictions);

    Files.createDirectories(runs);
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(runs.resolve("scaling.json").toFile(), out);
    String table = ScalingTable.markdown(out);
    Files.writeString(runs.resolve("scaling.md"), table);
    System.out.println(table);
    spark.stop();
    return 0;
  }

  private long rounds(long examples, int workers) {
    return (examples + (long) workers * batchSize * averagingFrequency - 1) / ((long) workers * batchSize
        * averagingFrequency);
  }

  /**
   * The model: compute on {@code min(workers, coreLimit)} cores plus the averaging rounds, whose
   * network term uses {@code bytesPerSecond} (infinite here on loopback: already in a and b).
   */
  private double epochSeconds(long examples, int workers, double c, double[] ab, double bytesPerSecond, int floats,
      int coreLimit) {
    return examples * c / Math.min(workers, coreLimit) + rounds(examples, workers) * roundSeconds(workers, ab,
        bytesPerSecond, floats);
  }

  private static double roundSeconds(int workers, double[] ab, double bytesPerSecond, int floats) {
    double bytes = 4.0 * floats * (1 + Math.ceil(Math.sqrt(workers)));
    return ab[0] + ab[1] * workers + bytes / bytesPerSecond;
  }

  /** One averaging round's Spark work with {@code tasks} tasks and no compute: broadcast, map, treeAggregate. */
  private static double medianRoundSeconds(JavaSparkContext sc, int tasks, int floats) {
    double[] times = new double[7];
    for (int rep = 0; rep < times.length; rep++) {
      long start = System.nanoTime();
      Broadcast<float[]> state = sc.broadcast(new float[floats]);
      float[] sum = sc.parallelize(IntStream.range(0, tasks).boxed().toList(), tasks)
          .map(i -> state.value().clone())
          .treeAggregate(new float[floats], ScalingModel::add, ScalingModel::add);
      if (sum.length != floats) {
        throw new IllegalStateException("aggregate lost values");
      }
      state.destroy();
      times[rep] = (System.nanoTime() - start) / 1e9;
    }
    // The first two warm up the executors' JIT.
    double[] measured = Arrays.copyOfRange(times, 2, times.length);
    Arrays.sort(measured);
    return measured[measured.length / 2];
  }

  private static float[] add(float[] a, float[] b) {
    for (int i = 0; i < a.length; i++) {
      a[i] += b[i];
    }
    return a;
  }

  private static double medianEpochSeconds(JsonNode epochs) {
    double[] seconds = new double[epochs.size() - 1];
    for (int i = 1; i < epochs.size(); i++) {
      seconds[i - 1] = epochs.get(i).get("seconds").asDouble();
    }
    Arrays.sort(seconds);
    return seconds[seconds.length / 2];
  }

  private List<JsonNode> readRuns() throws java.io.IOException {
    List<JsonNode> found = new ArrayList<>();
    File[] dirs = runs.toFile().listFiles((dir, name) -> name.matches("w\\d+"));
    if (dirs == null) {
      return found;
    }
    Arrays.sort(dirs, (x, y) -> Integer.compare(Integer.parseInt(x.getName().substring(1)),
        Integer.parseInt(y.getName().substring(1))));
    for (File dir : dirs) {
      File metrics = new File(dir, "metrics.json");
      if (metrics.isFile()) {
        found.add(new ObjectMapper().readTree(metrics));
      }
    }
    return found;
  }

  /** Ordinary least squares y = a + b x. */
  static double[] leastSquares(double[] x, double[] y) {
    double mx = Arrays.stream(x).average().orElse(0);
    double my = Arrays.stream(y).average().orElse(0);
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < x.length; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
    }
    double b = sxx == 0 ? 0 : sxy / sxx;
    return new double[] {my - b * mx, b};
  }
}
