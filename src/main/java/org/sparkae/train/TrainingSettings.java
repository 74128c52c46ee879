package org.sparkae.train;

import java.io.Serializable;

/**
 * How {@link ParameterAveragingTrainer} runs: workers (= partitions of the training RDD), rows per
 * minibatch, minibatches between averagings, epochs, seed for the noise, the noise itself, minibatches
 * built ahead, and the ND4J threads each worker's fit may use (more than the task's CPUs only when one
 * worker has its executor to itself).
 */
public record TrainingSettings(int numWorkers, int batchSize, int averagingFrequency, int maxEpochs, long seed,
    NoiseKernel noise, int prefetchBatches, int workerThreads) implements Serializable {

  public TrainingSettings {
    if (numWorkers < 1 || batchSize < 1 || averagingFrequency < 1 || maxEpochs < 1 || prefetchBatches < 0
        || workerThreads < 1) {
      throw new IllegalArgumentException("invalid training settings: " + numWorkers + " workers, batch " + batchSize
          + ", averaging every " + averagingFrequency + ", " + maxEpochs + " epochs, prefetch " + prefetchBatches
          + ", " + workerThreads + " threads a worker");
    }
  }

  /** Rows each worker fits between two averagings. */
  public long rowsPerRound() {
    return (long) batchSize * averagingFrequency;
  }
}
