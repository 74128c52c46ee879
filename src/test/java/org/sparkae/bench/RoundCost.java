package org.sparkae.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparkae.ml.Autoencoder;
import org.sparkae.ml.AutoencoderModel;
import org.sparkae.ml.TrainingEpoch;

/**
 * The cost of one averaging round on the session's master, by the two-frequency method: the same
 * rows, workers, minibatches and epochs trained averaging every {@code LOW} and every {@code HIGH}
 * minibatches do the same compute and differ only in the number of rounds, so the difference in epoch
 * time over the difference in rounds is what a round costs (scheduling, broadcast, results, averaging).
 */
final class RoundCost {
  private static final Logger LOG = LoggerFactory.getLogger(RoundCost.class);
  static final int WORKERS = 2;
  static final int WORKER_BATCH = 64;
  static final int LOW = 2;
  static final int HIGH = 40;

  private final int epochs;
  private final int repeats;

  RoundCost(int epochs, int repeats) {
    this.epochs = epochs;
    this.repeats = repeats;
  }

  private static Autoencoder estimator(int frequency, int epochs) {
    return new Autoencoder().setEncoderLayers(256).setLatentSize(32).setNumWorkers(WORKERS)
        .setBatchSize(WORKER_BATCH).setAveragingFrequency(frequency).setValidationFraction(0)
        .setMaxEpochs(epochs).setSeed(1);
  }

  /** Rounds per epoch: the largest worker's rows over the rows it fits per round. */
  static long roundsPerEpoch(long rows, int frequency) {
    long perWorker = (rows + WORKERS - 1) / WORKERS;
    long perRound = (long) WORKER_BATCH * frequency;
    return (perWorker + perRound - 1) / perRound;
  }

  Map<String, Object> run(Dataset<Row> train, long rows) {
    Dataset<Row> data = train.limit((int) rows).cache();
    long n = data.count();
    long lowRounds = roundsPerEpoch(n, LOW);
    long highRounds = roundsPerEpoch(n, HIGH);
    double[] low = new double[repeats];
    double[] high = new double[repeats];
    double[] perRound = new double[repeats];
    // Unreported: the first fits in a JVM pay for the JIT, which would land on whichever side runs first.
    estimator(LOW, 2).fit(data);
    for (int r = 0; r < repeats; r++) {
      boolean lowFirst = r % 2 == 0; // alternate, so that drift in the machine's speed hits both alike
      low[r] = lowFirst ? epochSeconds(estimator(LOW, epochs).fit(data)) : Double.NaN;
      high[r] = epochSeconds(estimator(HIGH, epochs).fit(data));
      if (!lowFirst) {
        low[r] = epochSeconds(estimator(LOW, epochs).fit(data));
      }
      perRound[r] = (low[r] - high[r]) / (lowRounds - highRounds);
      LOG.info("round cost repeat {}/{}: epoch {} s at f={} ({} rounds), {} s at f={} ({} rounds): {} ms a round",
          r + 1, repeats, String.format("%.3f", low[r]), LOW, lowRounds, String.format("%.3f", high[r]), HIGH,
          highRounds, String.format("%.1f", perRound[r] * 1e3));
    }
    data.unpersist();
    double ms = TrainingComparison.median(perRound) * 1e3;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rows", n);
    m.put("workers", WORKERS);
    m.put("workerBatchSize", WORKER_BATCH);
    m.put("frequencies", List.of(LOW, HIGH));
    m.put("roundsPerEpoch", List.of(lowRounds, highRounds));
    m.put("epochSecondsLow", low);
    m.put("epochSecondsHigh", high);
    m.put("roundMsPerRepeat", Arrays.stream(perRound).map(s -> s * 1e3).toArray());
    m.put("roundMs", ms);
    m.put("targets", Map.of("roundMs<=30", ms <= 30));
    return m;
  }

  /** Median epoch time after the first (which pays the JIT and the caches). */
  private static double epochSeconds(AutoencoderModel model) {
    double[] seconds = model.summary().epochs().stream().mapToDouble(TrainingEpoch::seconds).toArray();
    return TrainingComparison.medianAfterFirst(seconds);
  }
}
