package org.sparkae.train;

import java.io.Serializable;

/**
 * What one training epoch measured. {@code trainLoss} is the mean of the workers' minibatch losses
 * over the epoch's averaging rounds; {@code validationLoss} is NaN when no rows were held out;
 * {@code optimizer} is the setting the epoch trained with (a resumed run may change it), null in
 * histories saved before it was recorded.
 */
public record EpochStats(int epoch, double trainLoss, double validationLoss, double seconds, long examples,
    String optimizer) implements Serializable {
  public double examplesPerSecond() {
    return seconds > 0 ? examples / seconds : Double.NaN;
  }
}
