package org.sparkae.ml;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * What training measured: per-epoch losses (validation loss when rows were held out), time and
 * throughput, row counts, the plan training followed (workers, rows per minibatch on each, minibatches
 * between averagings), and the outlier threshold with the training rows' outlier rate.
 */
public record AutoencoderSummary(
    List<TrainingEpoch> epochs,
    double trainingSeconds,
    long numTrainingRows,
    long numValidationRows,
    long numSkippedRows,
    int numWorkers,
    int batchSize,
    int averagingFrequency,
    double threshold,
    double trainingOutlierRate) implements Serializable {

  public AutoencoderSummary {
    epochs = List.copyOf(epochs);
  }

  public int numEpochs() {
    return epochs.size();
  }

  /** Training loss per epoch (the network's loss: MSE or cross-entropy, plus any L2 term). */
  public double[] trainingLoss() {
    return epochs.stream().mapToDouble(TrainingEpoch::trainLoss).toArray();
  }

  /** Validation loss per epoch; NaN entries when validationFraction was 0. */
  public double[] validationLoss() {
    return epochs.stream().mapToDouble(TrainingEpoch::validationLoss).toArray();
  }

  /**
   * The optimiser settings by epoch range, e.g. {@code lr 0.001 l2 0.0 (epochs 1-47), lr 1.0E-4 l2 0.0
   * (epochs 48-57)}: a run resumed from a checkpoint at another learning rate had two.
   */
  public String optimizerSchedule() {
    StringBuilder schedule = new StringBuilder();
    int from = 0;
    for (int i = 1; i <= epochs.size(); i++) {
      if (i == epochs.size() || !Objects.equals(epochs.get(i).optimizer(), epochs.get(from).optimizer())) {
        String optimizer = epochs.get(from).optimizer();
        schedule.append(schedule.length() == 0 ? "" : ", ").append(optimizer == null ? "not recorded" : optimizer)
            .append(" (epochs ").append(epochs.get(from).epoch()).append('-').append(epochs.get(i - 1).epoch())
            .append(')');
        from = i;
      }
    }
    return schedule.toString();
  }

  /** Training examples per second over all epochs. */
  public double examplesPerSecond() {
    double seconds = epochs.stream().mapToDouble(TrainingEpoch::seconds).sum();
    return seconds > 0 ? numTrainingRows * (double) epochs.size() / seconds : Double.NaN;
  }

  /** How much the last epochs improved the loss: epochs looked back over (at least 2, a tenth of the run). */
  static int lookBack(int numEpochs) {
    return Math.max(2, (int) Math.ceil(numEpochs / 10.0));
  }

  /** The loss training is judged by: validation when rows were held out, else training. */
  private double[] watchedLoss() {
    return numValidationRows > 0 ? validationLoss() : trainingLoss();
  }

  /**
   * Relative improvement of the watched loss over the last {@link #lookBack} epochs: (loss before them - best loss
   * within them) / loss before them. NaN with too few epochs.
   */
  public double finalImprovement() {
    double[] loss = watchedLoss();
    int w = lookBack(loss.length);
    if (loss.length <= w) {
      return Double.NaN;
    }
    double before = loss[loss.length - 1 - w];
    return (before - min(loss, loss.length - w)) / Math.abs(before);
  }

  /**
   * True when training had levelled off: over the last epochs ({@link #lookBack}) the watched loss improved by less
   * than 1% of its value ({@link #finalImprovement}) and by less than a tenth of what the whole run improved it. A
   * run that stopped improving and was stopped early counts as levelled off; a short run that is still falling
   * slowly does not.
   */
  public boolean levelledOff() {
    double improvement = finalImprovement();
    if (Double.isNaN(improvement) || improvement >= 0.01) {
      return false;
    }
    double[] loss = watchedLoss();
    double overall = loss[0] - min(loss, 0);
    double recent = improvement * Math.abs(loss[loss.length - 1 - lookBack(loss.length)]);
    return overall <= 0 || recent <= 0.1 * overall;
  }

  private static double min(double[] values, int from) {
    return java.util.Arrays.stream(values, from, values.length).min().orElse(Double.NaN);
  }
}
