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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparkae.nn.AutoencoderSpec;
import org.sparkae.train.ParameterAveragingTrainer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The scaling model of parameter-averaging training, fitted to training runs on a standalone
 * cluster (jobs/scaling.sh). One epoch of N examples on W workers, averaging every f minibatches
 * of b rows:
 *
 * <pre>
 *   T(W, f) = N c / min(W, cores)  +  R (a + b' W + bytes(W, f) / B),     R = ceil(N / (W b f))
 *   bytes(W, f) = 4 P (1 + 2 / s(f)) (1 + W),     s(f) = max(1, floor(40 / f))
 * </pre>
 *
 * c is the compute time per example on one core; a + b' W the cost of one averaging round (a Spark
 * job whose W tasks get the parameters by broadcast and each return theirs, plus the driver's work
 * on them); bytes what crosses the driver's link per round at bandwidth B (one broadcast copy out, W
 * results in): the P parameters every round, Adam's two moments (2 P) every s(f) rounds.
 *
 * <p>Each W is run at two averaging frequencies: the difference in epoch time is rounds only,
 * which gives the real round cost at that W and then the compute share, with no synthetic
 * stand-in for a round. On loopback the bytes term is inside the measured round cost; it is added
 * only for the predictions. Reads {@code --runs}/w&lt;W&gt;-f&lt;f&gt;/metrics.json.
 */
@Command(name = "sparkae scaling", mixinStandardHelpOptions = true)
public final class ScalingModel implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ScalingModel.class);

  @Option(names = "--runs", description = "directory with w<W>-f<f>/metrics.json (default ${DEFAULT-VALUE})")
  Path runs = Path.of("target/scaling");

  @Option(names = "--encoder-layers", split = ",", description = "network of the runs (default ${DEFAULT-VALUE})")
  int[] encoderLayers = {256};

  @Option(names = "--latent-size", description = "default ${DEFAULT-VALUE}")
  int latentSize = 32;

  @Option(names = "--input-size", description = "default ${DEFAULT-VALUE}")
  int inputSize = 784;

  @Option(names = "--batch-size", description = "rows per minibatch in the runs (default ${DEFAULT-VALUE})")
  int batchSize = 128;

  @Option(names = "--cores", description = "physical cores the runs shared (default: this machine's)")
  int cores = Runtime.getRuntime().availableProcessors();

  @Option(names = "--bandwidth-gbit", description = "driver link for predictions (default ${DEFAULT-VALUE})")
  double bandwidthGbit = 10;

  @Option(names = "--predict", split = ",", description = "worker counts to predict (default ${DEFAULT-VALUE})")
  int[] predict = {10, 100, 1000};

  @Option(names = "--per-worker-ms", description = "predict with this round cost per worker instead of the fitted "
      + "one: on a real cluster only the driver's share (scheduling a task, merging a result) grows with W, while "
      + "here all executors share the machine's cores (default: the fit)")
  double perWorkerMs = Double.NaN;

  @Option(names = "--round-ms", description = "predict from this round cost on 2 workers (jobs/bench.sh's on "
      + "local[2]) instead of these runs', when they cannot resolve a round: with --per-worker-ms (default 3) it "
      + "gives the 1-worker round, and the compute per example is what the 1-worker runs leave after their rounds")
  double roundMs = Double.NaN;

  @Option(names = "--name", description = "output files <name>.json and <name>.md (default ${DEFAULT-VALUE})")
  String name = "scaling";

  @Option(names = "--predict-frequency", description = "averaging frequency of the predictions (default ${DEFAULT-VALUE})")
  int predictFrequency = 5;

  /** One training run: workers, averaging frequency, examples per epoch, median epoch seconds. */
  record Run(int workers, int frequency, long examples, double epochSeconds) {}

  public static void main(String[] args) {
    System.exit(new CommandLine(new ScalingModel()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    long params = new AutoencoderSpec(inputSize, inputSize, encoderLayers, latentSize, "relu", "identity", "sigmoid",
        "mse", 1e-3, 0, 1).numParams();
    List<Run> measured = readRuns();
    Map<Integer, double[]> byWorkers = roundAndCompute(measured);
    if (!byWorkers.containsKey(1)) {
      throw new IllegalStateException("no pair of 1-worker runs in " + runs + " (run jobs/scaling.sh)");
    }
    double[] w = byWorkers.keySet().stream().mapToDouble(Integer::doubleValue).toArray();
    double[] t = byWorkers.values().stream().mapToDouble(v -> v[0]).toArray();
    double[] ab = leastSquares(w, t);
    long examples = measured.get(0).examples();
    double c = byWorkers.get(1)[1] / examples;
    // The predictions' round cost per further worker: as given, 3 ms under --round-ms, else (NaN) the fit's.
    double perWorker = (Double.isNaN(perWorkerMs) && !Double.isNaN(roundMs) ? 3 : perWorkerMs) / 1000;
    if (!Double.isNaN(roundMs)) {
      double oneWorker = roundMs / 1000 - perWorker;
      c = oneWorkerCompute(measured, oneWorker) / examples;
      byWorkers.put(1, new double[] {oneWorker, c * examples});
    }

    Map<String, Object> out = new LinkedHashMap<>();
    out.put("network", inputSize + "-" + Arrays.toString(encoderLayers) + "-" + latentSize + " mirrored, " + params
        + " parameters");
    out.put("batchSize", batchSize);
    out.put("cores", cores);
    List<Map<String, Object>> perWorkers = new ArrayList<>();
    byWorkers.forEach((workers, v) -> perWorkers.add(Map.of("workers", workers, "roundSeconds", v[0],
        "computeSecondsPerExample", v[1] * Math.min(workers, cores) / examples)));
    out.put("perWorkers", perWorkers);
    out.put("roundOverhead", Map.of("a", ab[0], "bPerWorker", ab[1]));
    out.put("computeSecondsPerExample", c);

    List<Map<String, Object>> checks = new ArrayList<>();
    for (Run run : measured) {
      double model = epochSeconds(examples, run.workers(), run.frequency(), c, ab, Double.POSITIVE_INFINITY, params,
          cores);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("workers", run.workers());
      m.put("averagingFrequency", run.frequency());
      m.put("examples", run.examples());
      m.put("roundsPerEpoch", rounds(examples, run.workers(), run.frequency()));
      m.put("epochSeconds", run.epochSeconds());
      m.put("modelEpochSeconds", model);
      m.put("modelError", model / run.epochSeconds() - 1);
      checks.add(m);
    }
    out.put("measured", checks);

    if (!Double.isNaN(perWorker)) {
      ab = new double[] {byWorkers.get(1)[0] - perWorker, perWorker};
    }
    out.put("predictionRound", Map.of("a", ab[0], "bPerWorker", ab[1], "source",
        !Double.isNaN(roundMs) ? "the round measured on local[2] (" + roundMs + " ms, --round-ms) less "
            + perWorker * 1000 + " ms per further worker"
        : Double.isNaN(perWorker) ? "fitted on this machine" : "measured 1-worker round + " + perWorker * 1000
            + " ms per further worker (--per-worker-ms)"));
    double bytesPerSecond = bandwidthGbit * 1e9 / 8;
    double single = epochSeconds(examples, 1, predictFrequency, c, ab, bytesPerSecond, params, Integer.MAX_VALUE);
    List<Map<String, Object>> predictions = new ArrayList<>();
    for (int workers : predict) {
      double seconds = epochSeconds(examples, workers, predictFrequency, c, ab, bytesPerSecond, params,
          Integer.MAX_VALUE);
      double round = roundSeconds(workers, predictFrequency, ab, bytesPerSecond, params);
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("workers", workers);
      p.put("epochSeconds", seconds);
      p.put("speedup", single / seconds);
      p.put("efficiency", single / seconds / workers);
      p.put("roundSeconds", round);
      // Compute per round per worker is b f c whatever W is; it is >= 80 % of the epoch when >= 4 x the round.
      p.put("averagingFrequencyFor80Percent", (int) Math.ceil(4 * round / (batchSize * c)));
      predictions.add(p);
    }
    out.put("bandwidthGbit", bandwidthGbit);
    out.put("predictFrequency", predictFrequency);
    out.put("predictions", predictions);

    Files.createDirectories(runs);
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(runs.resolve(name + ".json").toFile(), out);
    String table = ScalingTable.markdown(out);
    Files.writeString(runs.resolve(name + ".md"), table);
    System.out.println(table);
    LOG.info("scaling model: {}", runs.resolve(name + ".json"));
    return 0;
  }

  /** Compute seconds per epoch on one worker: its runs' mean epoch less their rounds at {@code round} seconds. */
  private double oneWorkerCompute(List<Run> measured, double round) {
    return measured.stream().filter(r -> r.workers() == 1)
        .mapToDouble(r -> r.epochSeconds() - rounds(r.examples(), 1, r.frequency()) * round).average().orElseThrow();
  }

  /** Per worker count: {round seconds, compute seconds per epoch}, from its two averaging frequencies. */
  private Map<Integer, double[]> roundAndCompute(List<Run> measured) {
    Map<Integer, double[]> result = new java.util.TreeMap<>();
    for (Run low : measured) {
      for (Run high : measured) {
        if (low.workers() == high.workers() && low.frequency() < high.frequency()) {
          long r1 = rounds(low.examples(), low.workers(), low.frequency());
          long r2 = rounds(high.examples(), high.workers(), high.frequency());
          double round = (low.epochSeconds() - high.epochSeconds()) / (r1 - r2);
          result.put(low.workers(), new double[] {round, low.epochSeconds() - r1 * round});
        }
      }
    }
    return result;
  }

  private long rounds(long examples, int workers, int frequency) {
    long perRound = (long) workers * batchSize * frequency;
    return (examples + perRound - 1) / perRound;
  }

  /**
   * The model: compute on {@code min(workers, coreLimit)} cores plus the averaging rounds, whose
   * network term uses {@code bytesPerSecond} (infinite here on loopback: already in a and b).
   */
  private double epochSeconds(long examples, int workers, int frequency, double c, double[] ab, double bytesPerSecond,
      long params, int coreLimit) {
    return examples * c / Math.min(workers, coreLimit) + rounds(examples, workers, frequency) * roundSeconds(workers,
        frequency, ab, bytesPerSecond, params);
  }

  private static double roundSeconds(int workers, int frequency, double[] ab, double bytesPerSecond, long params) {
    return ab[0] + ab[1] * workers + driverBytes(workers, frequency, params) / bytesPerSecond;
  }

  /**
   * One broadcast copy out of the driver and one result from each worker in: the parameters, and Adam's
   * two moments in the rounds that average them.
   */
  private static double driverBytes(int workers, int frequency, long params) {
    double floats = params * (1 + 2.0 / ParameterAveragingTrainer.roundsPerStateAverage(frequency));
    return 4.0 * floats * (1 + workers);
  }

  private static double medianEpochSeconds(JsonNode epochs) {
    double[] seconds = new double[epochs.size() - 1];
    for (int i = 1; i < epochs.size(); i++) {
      seconds[i - 1] = epochs.get(i).get("seconds").asDouble();
    }
    return new org.apache.commons.math3.stat.descriptive.rank.Median().evaluate(seconds);
  }

  private List<Run> readRuns() throws java.io.IOException {
    List<Run> found = new ArrayList<>();
    File[] dirs = runs.toFile().listFiles((dir, name) -> name.matches("w\\d+-f\\d+"));
    for (File dir : dirs == null ? new File[0] : dirs) {
      File metrics = new File(dir, "metrics.json");
      if (metrics.isFile()) {
        JsonNode run = new ObjectMapper().readTree(metrics);
        String[] parts = dir.getName().substring(1).split("-f");
        found.add(new Run(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]),
            run.at("/training/trainingRows").asLong(), medianEpochSeconds(run.at("/training/epochs"))));
      }
    }
    found.sort(java.util.Comparator.comparingInt(Run::workers).thenComparingInt(Run::frequency));
    if (found.isEmpty()) {
      throw new IllegalStateException("no training runs (w<W>-f<f>/metrics.json) in " + runs + ": run jobs/scaling.sh");
    }
    return found;
  }

  /** Ordinary least squares y = a + b x (commons-math); a flat line at the mean when x does not vary. */
  static double[] leastSquares(double[] x, double[] y) {
    org.apache.commons.math3.stat.regression.SimpleRegression fit =
        new org.apache.commons.math3.stat.regression.SimpleRegression();
    for (int i = 0; i < x.length; i++) {
      fit.addData(x[i], y[i]);
    }
    double slope = fit.getSlope();
    return Double.isNaN(slope) ? new double[] {Arrays.stream(y).average().orElse(0), 0}
        : new double[] {fit.getIntercept(), slope};
  }
}
