package org.sparkae.train;

/**
 * Where an epoch stands after one of its averaging rounds: {@code rows} of {@code totalRows} trained
 * in {@code seconds} since the epoch began, {@code loss} the mean minibatch loss so far.
 */
public record RoundStats(int epoch, int maxEpochs, int round, int rounds, long rows, long totalRows, double loss,
    double seconds) {
  public double examplesPerSecond() {
    return seconds > 0 ? rows / seconds : Double.NaN;
  }

  /** Seconds until the epoch's last round ends, at this epoch's pace so far (validation loss not included). */
  public double epochSecondsLeft() {
    return rows > 0 ? seconds / rows * (totalRows - rows) : Double.NaN;
  }
}
