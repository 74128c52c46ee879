package org.sparkae.ml;

import java.io.Serializable;
import org.sparkae.train.EpochStats;

/**
 * What one training epoch measured, as {@link AutoencoderSummary#epochs()} reports it. {@code trainLoss}
 * is the mean of the workers' minibatch losses over the epoch; {@code validationLoss} is NaN when no
 * rows were held out; {@code optimizer} is the setting the epoch trained with (a run resumed from a
 * checkpoint may change it), null in summaries saved before it was recorded.
 */
public record TrainingEpoch(int epoch, double trainLoss, double validationLoss, double seconds, long examples,
    String optimizer) implements Serializable {
  public double examplesPerSecond() {
    return seconds > 0 ? examples / seconds : Double.NaN;
  }

  static TrainingEpoch of(EpochStats stats) {
    return new TrainingEpoch(stats.epoch(), stats.trainLoss(), stats.validationLoss(), stats.seconds(),
        stats.examples(), stats.optimizer());
  }
}
