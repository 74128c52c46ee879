package org.sparkae.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparkae.ml.Autoencoder;
import org.sparkae.ml.AutoencoderModel;
import org.sparkae.nn.Nd4jThreads;
import org.sparkae.serialization.Nd4jKryoRegistrator;
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

  // Chosen by measurement (docs/PERFORMANCE.md, "The levers"): with a global batch of 128 as plain DL4J uses, an epoch
  // takes as many Adam steps as plain and the test MSE lands within 3% of plain's; averaging every 40
  // minibatches gives 12 rounds per epoch instead of 94 at the same MSE as every 20.
  @Option(names = "--averaging-frequency", description = "minibatches between averagings (default ${DEFAULT-VALUE}; "
      + "the stage's own default is 5)")
  int averagingFrequency = 40;

  @Option(names = "--worker-batch-size", description = "rows per minibatch on each of our workers; plain DL4J "
      + "always uses 128 (default ${DEFAULT-VALUE}: on 2 workers the global batch is 128, the same number of "
      + "optimizer steps per epoch as plain; the stage's own default is 128 per worker)")
  int workerBatchSize = 64;

  @Option(names = "--learning-rate", description = "Adam's rate for our tuned run (default ${DEFAULT-VALUE}); plain "
      + "DL4J, the reference, always trains at 1e-3")
  double learningRate = TrainingComparison.PLAIN_LEARNING_RATE;

  @Option(names = "--serializer", description = "Spark serializer for the session: java or kryo (with "
      + "Nd4jKryoRegistrator; default: whatever the submitted conf says)")
  String serializer;

  @Option(names = "--prefetch", description = "minibatches each of our workers builds ahead (the stage's "
      + "prefetchBatches; default ${DEFAULT-VALUE})")
  int prefetch = 2;

  @Option(names = "--score-batch-size", description = "rows per inference minibatch, both sides (default "
      + "${DEFAULT-VALUE})")
  int scoreBatchSize = 128;

  @Option(names = "--defaults-rows", split = ",", description = "training rows for the runs at the stage's "
      + "defaults (default ${DEFAULT-VALUE})")
  long[] defaultsRows = {20_000, 60_000};

  @Option(names = "--cached-score-rows", description = "stored rows scored from a cached DataFrame at the "
      + "default output columns (default ${DEFAULT-VALUE})")
  long cachedScoreRows = 200_000;

  @Option(names = "--sample", description = "use the bundled sample even when the full data set is installed")
  boolean sample;

  @Option(names = "--round-cost-rows", description = "training rows for the cost of an averaging round (two "
      + "frequencies, 2 workers; 0 skips it; default ${DEFAULT-VALUE})")
  long roundCostRows = 20_000;

  /** Parts that can run alone, for measuring one lever quickly. */
  enum Part { roundCost, defaultsTraining, tunedTraining }

  @Option(names = "--only", description = "run only this part: ${COMPLETION-CANDIDATES} (writes bench.json alone)")
  Part only;

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
    DefaultsComparison defaults = new DefaultsComparison(epochs, repeats);
    if (only != null) {
      switch (only) {
        case roundCost -> roundCost(train);
        case defaultsTraining -> defaultsTraining(defaults, train, test, ceiling);
        case tunedTraining -> tunedTraining(train, test, ceiling);
      }
      return write();
    }
    defaultsTraining(defaults, train, test, ceiling);
    AutoencoderModel tuned = tunedTraining(train, test, ceiling);
    results.put("defaultsScoring", defaults.cachedScoring(tuned, test, cachedScoreRows));
    results.put("scoring", new ScoringComparison(scoreRows, scoreBatchSize).run(tuned, test));
    results.put("scoringBatchSize", scoreBatchSize);
    roundCost(train);
    return write();
  }

  private void defaultsTraining(DefaultsComparison defaults, Dataset<Row> train, Dataset<Row> test, double ceiling) {
    results.put("defaultsTraining", defaults.training(train, test, ceiling, defaultsRows));
  }

  /** The tuned run, set by the options; returns our model, which the scoring comparisons use. */
  private AutoencoderModel tunedTraining(Dataset<Row> train, Dataset<Row> test, double ceiling) {
    Autoencoder estimator = new Autoencoder().setEncoderLayers(256).setLatentSize(32).setActivation("relu")
        .setOutputActivation("sigmoid").setLoss("mse").setLearningRate(learningRate).setBatchSize(workerBatchSize)
        .setMaxEpochs(epochs)
        .setAveragingFrequency(averagingFrequency).setPrefetchBatches(prefetch).setSeed(1);
    TrainingComparison.Outcome training = new TrainingComparison(epochs, repeats).run(estimator, train, test, ceiling);
    results.put("training", training.results());
    return training.model();
  }

  /**
   * Last of all: its hundreds of short rounds leave the JVM slower for a while (one-worker training
   * right after it measured 0.7 of plain's speed instead of 0.9).
   */
  private void roundCost(Dataset<Row> train) {
    if (roundCostRows > 0) {
      results.put("roundCost", new RoundCost(epochs, repeats).run(train, roundCostRows));
    }
  }

  private int write() throws java.io.IOException {
    Files.createDirectories(out);
    Files.writeString(out.resolve("bench.json"), new com.fasterxml.jackson.databind.ObjectMapper()
        .writerWithDefaultPrettyPrinter().writeValueAsString(results));
    if (only == null) { // a part alone writes the JSON only
      Files.writeString(out.resolve("bench.md"), BenchmarkTable.markdown(results));
      System.out.println(BenchmarkTable.markdown(results));
    }
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
}
