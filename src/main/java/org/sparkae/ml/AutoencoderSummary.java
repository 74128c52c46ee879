package org.sparkae.ml;

import java.io.Serializable;
import java.util.List;
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

  /** Training examples per second over all epochs. */
  public double examplesPerSecond() {
    double seconds = epochs.stream().mapToDouble(EpochStats::seconds).sum();
    return seconds > 0 ? numTrainingRows * (double) epochs.size() / seconds : Double.NaN;
  }
}
