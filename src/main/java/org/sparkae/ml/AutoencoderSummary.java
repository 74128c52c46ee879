package org.sparkae.ml;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import org.sparkae.train.EpochStats;

/**
 * What training measured: per-epoch losses (validation loss when rows were held out), time and
 * throughput, row counts, and the outlier threshold with the training rows' outlier rate.
 */
public record AutoencoderSummary(
    List<EpochStats> epochs,
    double trainingSeconds,
    long numTrainingRows,
    long numValidationRows,
    long numSkippedRows,
    int numWorkers,
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
    return epochs.stream().mapToDouble(EpochStats::trainLoss).toArray();
  }

  /** Validation loss per epoch; NaN entries when validationFraction was 0. */
  public double[] validationLoss() {
    return epochs.stream().mapToDouble(EpochStats::validationLoss).toArray();
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
    double seconds = epochs.stream().mapToDouble(EpochStats::seconds).sum();
    return seconds > 0 ? numTrainingRows * (double) epochs.size() / seconds : Double.NaN;
  }
}
