package org.sparkae.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparkae.ml.Autoencoder;
import org.sparkae.ml.AutoencoderModel;
import org.sparkae.nn.AutoencoderSpec;
import org.sparkae.nn.Matrices;
import org.sparkae.nn.Nd4jThreads;
import org.sparkae.nn.NetworkFactory;

/**
 * The benchmark's training side by side: {@code Autoencoder.fit} on the session's master vs plain
 * DL4J {@code MultiLayerNetwork.fit} over the same minibatches of 128 in one JVM, each for the same
 * epochs; examples/s per epoch, final test MSE, and the share of the sgemm ceiling reached. Plain DL4J
 * is the reference: the same network at Adam {@value #PLAIN_LEARNING_RATE}, whatever rate ours trains at.
 */
final class TrainingComparison {
  private static final Logger LOG = LoggerFactory.getLogger(TrainingComparison.class);
  static final double PLAIN_LEARNING_RATE = 1e-3;

  private final int epochs;
  private final int repeats;

  /** Our trained model and what the comparison measured, for bench.json. */
  record Outcome(AutoencoderModel model, Map<String, Object> results) {}

  TrainingComparison(int epochs, int repeats) {
    this.epochs = epochs;
    this.repeats = repeats;
  }

  /** Trains both sides {@code repeats} times; the model is our last one (all repeats give the same). */
  Outcome run(Autoencoder estimator, Dataset<Row> train, Dataset<Row> test, double ceiling) {
    List<float[]> rows = BenchData.floats(train, "features");
    List<float[]> testRows = BenchData.floats(test, "features");
    AutoencoderSpec plainSpec = estimator.copy(new ParamMap()).setLearningRate(PLAIN_LEARNING_RATE)
        .spec(rows.get(0).length, rows.get(0).length);
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
    PlainRun plain = null;
    AutoencoderModel model = null;
    for (int r = 0; r < repeats; r++) {
      boolean plainFirst = r % 2 == 0;
      if (plainFirst) {
        plain = plainTraining(plainSpec, batches, rows.size(), r);
      }
      model = estimator.fit(train);
      if (!plainFirst) {
        plain = plainTraining(plainSpec, batches, rows.size(), r);
      }
      plainRuns.add(plain.rates());
      oursRuns.add(model.summary().epochs().stream().mapToDouble(s -> s.examplesPerSecond()).toArray());
      ratios[r] = medianAfterFirst(oursRuns.get(r)) / medianAfterFirst(plain.rates());
      LOG.info("training repeat {}/{} ({} first): ours/plain {}", r + 1, repeats, plainFirst ? "plain" : "ours",
          String.format("%.3f", ratios[r]));
    }
    double plainMse = plain.net().output(testX, false).squaredDistance(testX) / testX.length();
    double oursMse = model.transform(test).agg(functions.avg("reconstructionError")).first().getDouble(0);

    // The rates shown are the median repeat's, so that they match the ratio reported.
    int mid = medianIndex(ratios);
    double ratio = ratios[mid];
    double plainMedian = medianAfterFirst(plainRuns.get(mid));
    double oursMedian = medianAfterFirst(oursRuns.get(mid));
    double flopsPerExample = 6.0 * plainSpec.numParams(); // forward 2 per weight, backward twice that
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("network", plainSpec.toString());
    m.put("epochs", epochs);
    m.put("repeats", repeats);
    m.put("averagingFrequency", estimator.getAveragingFrequency());
    m.put("workerBatchSize", estimator.getBatchSize());
    m.put("learningRate", estimator.getLearningRate());
    m.put("plainLearningRate", PLAIN_LEARNING_RATE);
    m.put("prefetchBatches", estimator.getPrefetchBatches());
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
    return new Outcome(model, m);
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
    return new org.apache.commons.math3.stat.descriptive.rank.Median().evaluate(values);
  }
}
