package org.sparkae.train;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per epoch (loss, validation loss, throughput, time left) and, when an epoch is long
 * (a convolutional net on a small machine can take many minutes per epoch), a line within it at
 * most once per {@code roundInterval}: rows done, loss so far, throughput, the epoch's time left.
 */
public final class ProgressLog implements ParameterAveragingTrainer.EpochListener {
  private static final Logger LOG = LoggerFactory.getLogger("org.sparkae.progress");
  private static final Duration ROUND_INTERVAL = Duration.ofMinutes(1);

  private final Consumer<String> sink;
  private final LongSupplier nanoClock;
  private final long roundIntervalNanos;
  private double elapsedSeconds;
  private int epochsSeen; // in this run: a resumed run starts past epoch 1
  private long lastLineNanos;

  public ProgressLog() {
    this(LOG::info, System::nanoTime, ROUND_INTERVAL);
  }

  ProgressLog(Consumer<String> sink, LongSupplier nanoClock, Duration roundInterval) {
    this.sink = sink;
    this.nanoClock = nanoClock;
    this.roundIntervalNanos = roundInterval.toNanos();
    this.lastLineNanos = nanoClock.getAsLong();
  }

  @Override
  public void onEpoch(EpochStats stats, int maxEpochs) {
    elapsedSeconds += stats.seconds();
    epochsSeen++;
    double eta = elapsedSeconds / epochsSeen * (maxEpochs - stats.epoch());
    sink.accept(line(stats, maxEpochs, eta));
    lastLineNanos = nanoClock.getAsLong();
  }

  @Override
  public void onRound(RoundStats stats) {
    long now = nanoClock.getAsLong();
    if (stats.round() < stats.rounds() && now - lastLineNanos >= roundIntervalNanos) {
      sink.accept(line(stats));
      lastLineNanos = now;
    }
  }

  static String line(EpochStats stats, int maxEpochs, double etaSeconds) {
    String validation = Double.isNaN(stats.validationLoss()) ? "" : String.format(" val %.5f", stats.validationLoss());
    return String.format("epoch %d/%d  loss %.5f%s  %,.0f ex/s  %.1fs  ETA %s", stats.epoch(), maxEpochs,
        stats.trainLoss(), validation, stats.examplesPerSecond(), stats.seconds(), format(etaSeconds));
  }

  static String line(RoundStats stats) {
    return String.format("epoch %d/%d  round %d/%d  %,d/%,d rows (%.0f%%)  loss %.5f  %,.0f ex/s  epoch ETA %s",
        stats.epoch(), stats.maxEpochs(), stats.round(), stats.rounds(), stats.rows(), stats.totalRows(),
        100.0 * stats.rows() / stats.totalRows(), stats.loss(), stats.examplesPerSecond(),
        format(stats.epochSecondsLeft()));
  }

  static String format(double seconds) {
    Duration d = Duration.ofMillis(Math.round(seconds * 1000));
    return d.toHours() > 0 ? String.format("%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart())
        : String.format("%d:%02d", d.toMinutesPart(), d.toSecondsPart());
  }
}
