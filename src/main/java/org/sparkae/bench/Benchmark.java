package org.sparkae.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.functions;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparkae.ml.Autoencoder;
import org.sparkae.ml.AutoencoderModel;
import org.sparkae.nn.AutoencoderSpec;
import org.sparkae.nn.NetworkFactory;
import org.sparkae.nn.Nd4jThreads;
import org.sparkae.score.Matrices;
import org.sparkae.train.Nd4jKryoRegistrator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Side-by-side throughput of our stages against plain single-JVM DL4J on the same data, network
 * and JVM: training (Autoencoder.fit on local[*] vs MultiLayerNetwork.fit over the same
 * minibatches), scoring (AutoencoderModel.transform vs batched output) at several row counts, the
 * machine's sgemm ceiling, and the scoring run's peak heap. Writes bench.json and bench.md.
 */
@Command(name = "sparkae bench", mixinStandardHelpOptions = true)
public final class Benchmark implements java.util.concurrent.Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(Benchmark.class);

  @Option(names = "--epochs", description = "training epochs per side (default ${DEFAULT-VALUE})")
  int epochs = 5;

  @Option(names = "--score-rows", split = ",", description = "row counts for scoring (default ${DEFAULT-VALUE})")
  long[] scoreRows = {250_000, 500_000, 1_000_000};

  @Option(names = "--out", description = "output directory (default ${DEFAULT-VALUE})")
  Path out = Path.of("target/bench");

  @Option(names = "--repeats", description = "training comparisons, alternating which side goes first; the "
      + "ratio reported is their median (default ${DEFAULT-VALUE})")
  int repeats = 3;

  // Chosen by measurement (README, "The levers"): with a global batch of 128 as plain DL4J uses, an epoch
  // takes as many Adam steps as plain and the test MSE lands within 3% of plain's; averaging every 40
  // minibatches gives 12 rounds per epoch instead of 94 at the same MSE as every 20.
  @Option(names = "--averaging-frequency", description = "minibatches between averagings (default ${DEFAULT-VALUE}; "
      + "the stage's own default is 5)")
  int averagingFrequency = 40;

  @Option(names = "--worker-batch-size", description = "rows per minibatch on each of our workers; plain DL4J "
      + "always uses 128 (default ${DEFAULT-VALUE}: on 2 workers the global batch is 128, the same number of "
      + "optimizer steps per epoch as plain; the stage's own default is 128 per worker)")
  int workerBatchSize = 64;

  @Option(names = "--serializer", description = "Spark serializer for the session: java or kryo (with "
      + "Nd4jKryoRegistrator; default: whatever the submitted conf says)")
  String serializer;

  @Option(names = "--prefetch", description = "minibatches each of our workers builds ahead (the stage's "
      + "prefetchBatches; default ${DEFAULT-VALUE})")
  int prefetch = 2;

  @Option(names = "--score-batch-size", description = "rows per inference minibatch, both sides (default "
      + "${DEFAULT-VALUE})")
  int scoreBatchSize = 128;

  @Option(names = "--sample", description = "use the bundled sample even when the full data set is installed")
  boolean sample;

  private final Map<String, Object> results = new LinkedHashMap<>();

  public static void main(String[] args) {
    System.exit(new CommandLine(new Benchmark()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (serializer != null) {
      // System properties reach the SparkConf the session is built from.
      switch (serializer) {
        case "kryo" -> {
          System.setProperty("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
          System.setProperty("spark.kryo.registrator", Nd4jKryoRegistrator.class.getName());
        }
        case "java" -> System.setProperty("spark.serializer", "org.apache.spark.serializer.JavaSerializer");
        default -> throw new CommandLine.ParameterException(new CommandLine(this),
            "--serializer must be java or kryo, got '" + serializer + "'");
      }
    }
    if (repeats < 1) {
      throw new CommandLine.ParameterException(new CommandLine(this), "--repeats must be at least 1, got " + repeats);
    }
    BenchData data = BenchData.load("sparkae bench", sample);
    SparkSession spark = data.spark();
    Dataset<Row> train = data.train();
    Dataset<Row> test = data.test();
    results.put("data", data.description());
    results.put("serializer", spark.sparkContext().conf().get("spark.serializer",
        "org.apache.spark.serializer.JavaSerializer"));
    results.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(),
        "maxHeapGiB", Runtime.getRuntime().maxMemory() / (double) (1L << 30), "master", spark.sparkContext().master(),
        "java", System.getProperty("java.version")));
    LOG.info("bench data: {}", results.get("data"));

    Nd4jThreads.forCurrentTask();
    double ceiling = sgemmGflops();
    results.put("ceiling", Map.of("sgemmGflops", ceiling));
    Autoencoder estimator = new Autoencoder().setEncoderLayers(256).setLatentSize(32).setActivation("relu")
        .setOutputActivation("sigmoid").setLoss("mse").setLearningRate(1e-3).setBatchSize(workerBatchSize)
        .setMaxEpochs(epochs)
        .setAveragingFrequency(averagingFrequency).setPrefetchBatches(prefetch).setSeed(1);
    AutoencoderModel model = training(estimator, train, test, ceiling);
    scoring(spark, model, test);

    Files.createDirectories(out);
    Files.writeString(out.resolve("bench.json"), new com.fasterxml.jackson.databind.ObjectMapper()
        .writerWithDefaultPrettyPrinter().writeValueAsString(results));
    Files.writeString(out.resolve("bench.md"), BenchmarkTable.markdown(results));
    System.out.println(BenchmarkTable.markdown(results));
    System.out.println("bench: " + out.resolve("bench.json").toAbsolutePath());
    return 0;
  }

  /** ND4J float32 matrix multiply throughput: the compute ceiling of this machine. */
  static double sgemmGflops() {
    int n = 1024;
    INDArray a = Nd4j.rand(DataType.FLOAT, n, n);
    INDArray b = Nd4j.rand(DataType.FLOAT, n, n);
    INDArray c = Nd4j.create(DataType.FLOAT, n, n);
    for (int i = 0; i < 3; i++) {
      a.mmuli(b, c);
    }
    int reps = 0;
    long start = System.nanoTime();
    while (System.nanoTime() - start < 3_000_000_000L) {
      a.mmuli(b, c);
      reps++;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return 2.0 * n * n * n * reps / seconds / 1e9;
  }

  private AutoencoderModel training(Autoencoder estimator, Dataset<Row> train, Dataset<Row> test, double ceiling) {
    List<float[]> rows = BenchData.floats(train, "features");
    List<float[]> testRows = BenchData.floats(test, "features");
    AutoencoderSpec spec = estimator.spec(rows.get(0).length, rows.get(0).length);
    List<DataSet> batches = new ArrayList<>();
    for (int i = 0; i < rows.size(); i += 128) {
      INDArray x = Matrices.of(rows.subList(i, Math.min(rows.size(), i + 128)));
      batches.add(new DataSet(x, x));
    }
    INDArray testX = Matrices.of(testRows);

    // Both sides are deterministic, so repeats differ only in time: the order alternates (plain first,
    // then ours first, ...) so that drift in the shared machine's speed falls on both sides alike.
    List<double[]> plainRuns = new ArrayList<>();
    List<double[]> oursRuns = new ArrayList<>();
    double[] ratios = new double[repeats];
    double plainMse = Double.NaN;
    AutoencoderModel model = null;
    for (int r = 0; r < repeats; r++) {
      boolean plainFirst = r % 2 == 0;
      double[] plainRates = null;
      for (int side = 0; side < 2; side++) {
        if ((side == 0) == plainFirst) {
          PlainRun plain = plainTraining(spec, batches, rows.size(), r);
          plainRates = plain.rates();
          plainMse = plain.net().output(testX, false).squaredDistance(testX) / testX.length();
        } else {
          model = estimator.fit(train);
          oursRuns.add(model.summary().epochs().stream().mapToDouble(s -> s.examplesPerSecond()).toArray());
        }
      }
      plainRuns.add(plainRates);
      ratios[r] = medianAfterFirst(oursRuns.get(r)) / medianAfterFirst(plainRates);
      LOG.info("training repeat {}/{} ({} first): ours/plain {}", r + 1, repeats, plainFirst ? "plain" : "ours",
          String.format("%.3f", ratios[r]));
    }
    double oursMse = model.transform(test).agg(functions.avg("reconstructionError")).first().getDouble(0);

    // The rates shown are the median repeat's, so that they match the ratio reported.
    int mid = medianIndex(ratios);
    double ratio = ratios[mid];
    double plainMedian = medianAfterFirst(plainRuns.get(mid));
    double oursMedian = medianAfterFirst(oursRuns.get(mid));
    double flopsPerExample = 6.0 * spec.numParams(); // forward 2 per weight, backward twice that
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("network", spec.toString());
    m.put("epochs", epochs);
    m.put("repeats", repeats);
    m.put("averagingFrequency", averagingFrequency);
    m.put("workerBatchSize", workerBatchSize);
    m.put("prefetchBatches", prefetch);
    m.put("plainExamplesPerSecond", plainRuns);
    m.put("oursExamplesPerSecond", oursRuns);
    m.put("plainMedianAfterFirst", plainMedian);
    m.put("oursMedianAfterFirst", oursMedian);
    m.put("ratioPerRepeat", ratios);
    m.put("ratioOursToPlain", ratio);
    m.put("plainTestMse", plainMse);
    m.put("oursTestMse", oursMse);
    m.put("mseRatioOursToPlain", oursMse / plainMse);
    m.put("oursGflops", flopsPerExample * oursMedian / 1e9);
    m.put("oursFractionOfCeiling", flopsPerExample * oursMedian / 1e9 / ceiling);
    m.put("plainFractionOfCeiling", flopsPerExample * plainMedian / 1e9 / ceiling);
    m.put("targets", Map.of("ratio>=1.0", ratio >= 1.0, "mseWithin5%", oursMse <= plainMse * 1.05));
    results.put("training", m);
    return model;
  }

  private record PlainRun(MultiLayerNetwork net, double[] rates) {}

  /** Plain DL4J: the same minibatches of 128 in order, one JVM, all cores to ND4J. */
  private PlainRun plainTraining(AutoencoderSpec spec, List<DataSet> batches, int numRows, int repeat) {
    Nd4jThreads.forCurrentTask();
    MultiLayerNetwork plain = NetworkFactory.newNetwork(spec);
    double[] rates = new double[epochs];
    for (int e = 0; e < epochs; e++) {
      long start = System.nanoTime();
      for (DataSet batch : batches) {
        plain.fit(batch);
      }
      rates[e] = numRows / ((System.nanoTime() - start) / 1e9);
      LOG.info("plain DL4J (repeat {}) epoch {}/{}: {} ex/s", repeat + 1, e + 1, epochs, Math.round(rates[e]));
    }
    return new PlainRun(plain, rates);
  }

  private void scoring(SparkSession spark, AutoencoderModel trained, Dataset<Row> test) {
    List<float[]> base = BenchData.floats(test, "features");
    Dataset<Row> baseDf = test.select("features").repartition(spark.sparkContext().defaultParallelism()).cache();
    long baseCount = baseDf.count();
    // Both sides score minibatches of the same size.
    AutoencoderModel model = trained.copy(new org.apache.spark.ml.param.ParamMap()).setReconstructionCol("")
        .setBatchSize(scoreBatchSize);
    MultiLayerNetwork plain = NetworkFactory.withParams(model.networkSpec(), model.parameters());
    // A first pass, not reported, so that JIT compilation and Spark's query codegen do not count
    // against whichever row count comes first.
    scorePoint(model, plain, baseDf, base, baseCount, WARM_UP_ROWS, true);
    List<Map<String, Object>> points = new ArrayList<>();
    for (long n : scoreRows) {
      points.add(scorePoint(model, plain, baseDf, base, baseCount, n, false));
    }
    results.put("scoring", points);
    results.put("scoringBatchSize", scoreBatchSize);
  }

  private static final long WARM_UP_ROWS = 50_000;

  /** Scores about {@code n} rows (the test images with fresh noise per copy) on both sides. */
  private Map<String, Object> scorePoint(AutoencoderModel model, MultiLayerNetwork plain, Dataset<Row> baseDf,
      List<float[]> base, long baseCount, long n, boolean warmUp) {
    int copies = (int) Math.max(1, n / baseCount);
    // Each copy gets fresh noise, so no two rows are the same; generated on the fly on both sides.
    Dataset<Row> rows = baseDf.crossJoin(baseDf.sparkSession().range(copies).withColumnRenamed("id", "copy"))
        .withColumn("features", functions.udf(new Jitter(), new VectorUDT())
            .apply(functions.col("features"), functions.col("copy")));
    resetPeaks();
    long start = System.nanoTime();
    Row agg = model.transform(rows).agg(functions.count("*"), functions.avg("reconstructionError")).first();
    double oursSeconds = (System.nanoTime() - start) / 1e9;
    long scored = agg.getLong(0);
    double peakHeap = peakHeapGiB();

    Nd4jThreads.forCurrentTask();
    start = System.nanoTime();
    for (int c = 0; c < copies; c++) {
      for (int i = 0; i < base.size(); i += scoreBatchSize) {
        List<float[]> batch = new ArrayList<>();
        for (float[] r : base.subList(i, Math.min(base.size(), i + scoreBatchSize))) {
          batch.add(Jitter.jitter(r, c));
        }
        plain.feedForward(Matrices.of(batch), false);
      }
    }
    double plainSeconds = (System.nanoTime() - start) / 1e9;

    // What generating the rows alone costs each side (the UDF writing vectors into Spark's rows; the
    // jitter loop), so the report can also compare the scoring work without it.
    start = System.nanoTime();
    rows.agg(functions.count(functions.col("features"))).first();
    double oursGenerationSeconds = (System.nanoTime() - start) / 1e9;
    start = System.nanoTime();
    double checksum = 0;
    for (int c = 0; c < copies; c++) {
      for (float[] r : base) {
        checksum += Jitter.jitter(r, c)[0];
      }
    }
    double plainGenerationSeconds = (System.nanoTime() - start) / 1e9;
    LOG.debug("generation checksum {}", checksum);

    Map<String, Object> p = new LinkedHashMap<>();
    p.put("rows", scored);
    p.put("oursRowsPerSecond", scored / oursSeconds);
    p.put("plainRowsPerSecond", scored / plainSeconds);
    p.put("ratioOursToPlain", plainSeconds / oursSeconds);
    p.put("oursMicrosPerRow", oursSeconds / scored * 1e6);
    p.put("oursGenerationMicrosPerRow", oursGenerationSeconds / scored * 1e6);
    p.put("plainGenerationMicrosPerRow", plainGenerationSeconds / scored * 1e6);
    p.put("ratioExcludingGeneration", (plainSeconds - plainGenerationSeconds) / (oursSeconds - oursGenerationSeconds));
    p.put("peakHeapGiB", peakHeap);
    LOG.info("scoring {} rows{}: ours {} rows/s, plain {} rows/s, peak heap {} GiB", scored,
        warmUp ? " (warm-up, not reported)" : "", Math.round(scored / oursSeconds),
        Math.round(scored / plainSeconds), String.format("%.2f", peakHeap));
    return p;
  }

  /** Gaussian noise (sigma 0.05, clipped to [0, 1]) seeded by the copy index and the row; both sides use it. */
  static final class Jitter implements UDF2<Vector, Long, Vector> {
    private static final long serialVersionUID = 1L;

    @Override
    public Vector call(Vector v, Long copy) {
      double[] x = v.toArray();
      SplittableRandom rng = new SplittableRandom(copy * 1_000_003L + Arrays.hashCode(x));
      for (int i = 0; i < x.length; i++) {
        x[i] = noisy(x[i], rng);
      }
      return Vectors.dense(x);
    }

    static float[] jitter(float[] row, long copy) {
      double[] x = new double[row.length];
      for (int i = 0; i < row.length; i++) {
        x[i] = row[i];
      }
      SplittableRandom rng = new SplittableRandom(copy * 1_000_003L + Arrays.hashCode(x));
      float[] out = new float[row.length];
      for (int i = 0; i < row.length; i++) {
        out[i] = (float) noisy(x[i], rng);
      }
      return out;
    }

    private static double noisy(double x, SplittableRandom rng) {
      return Math.min(1, Math.max(0, x + 0.05 * rng.nextGaussian()));
    }
  }



  static double medianAfterFirst(double[] rates) {
    return median(rates.length > 1 ? Arrays.copyOfRange(rates, 1, rates.length) : rates);
  }

  /** Index of the median value (the lower of the middle two for an even count). */
  static int medianIndex(double[] values) {
    Integer[] order = new Integer[values.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
    return order[(values.length - 1) / 2];
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static void resetPeaks() {
    System.gc();
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  private static double peakHeapGiB() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak / (double) (1L << 30);
  }
}
