package org.sparkae.train;

import java.io.Serializable;

/**
 * How {@link ParameterAveragingTrainer} runs: workers (= partitions of the training RDD), rows per
 * minibatch, minibatches between averagings, epochs, seed for the noise, and the noise itself.
 */
public record TrainingSettings(int numWorkers, int batchSize, int averagingFrequency, int maxEpochs, long seed,
    NoiseKernel noise, int prefetchBatches) implements Serializable {

  public TrainingSettings {
    if (numWorkers < 1 || batchSize < 1 || averagingFrequency < 1 || maxEpochs < 1 || prefetchBatches < 0) {
      throw new IllegalArgumentException("invalid training settings: " + numWorkers + " workers, batch " + batchSize
          + ", averaging every " + averagingFrequency + ", " + maxEpochs + " epochs, prefetch " + prefetchBatches);
    }
  }

  /** Rows each worker fits between two averagings. */
  public long rowsPerRound() {
    return (long) batchSize * averagingFrequency;
  }
}
