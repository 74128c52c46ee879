package org.sparkae.train;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One log line per epoch: loss, validation loss, throughput and the time left. */
public final class ProgressLog implements ParameterAveragingTrainer.EpochListener {
  private static final Logger LOG = LoggerFactory.getLogger("org.sparkae.progress");
  private double elapsedSeconds;
  private int epochsSeen; // in this run: a resumed run starts past epoch 1

  @Override
  public void onEpoch(EpochStats stats, int maxEpochs) {
    elapsedSeconds += stats.seconds();
    epochsSeen++;
    double eta = elapsedSeconds / epochsSeen * (maxEpochs - stats.epoch());
    LOG.info(line(stats, maxEpochs, eta));
  }

  static String line(EpochStats stats, int maxEpochs, double etaSeconds) {
    String validation = Double.isNaN(stats.validationLoss()) ? "" : String.format(" val %.5f", stats.validationLoss());
    return String.format("epoch %d/%d  loss %.5f%s  %,.0f ex/s  %.1fs  ETA %s", stats.epoch(), maxEpochs,
        stats.trainLoss(), validation, stats.examplesPerSecond(), stats.seconds(), format(etaSeconds));
  }

  static String format(double seconds) {
    Duration d = Duration.ofMillis(Math.round(seconds * 1000));
    return d.toHours() > 0 ? String.format("%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart())
        : String.format("%d:%02d", d.toMinutesPart(), d.toSecondsPart());
  }
}
