package org.sparkae.train;

import org.apache.spark.api.java.JavaRDDLike;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;

/**
 * DL4J's parameter-averaging master, told how many DataSets the next round holds instead of running
 * a Spark count job to find out: the trainer knows every partition's size, and the count job
 * (which would build every minibatch once just to count it) cost a scheduling round trip per round.
 */
final class RoundTrainingMaster extends ParameterAveragingTrainingMaster {
  private static final long serialVersionUID = 1L;
  private long nextRoundDataSets = -1;

  RoundTrainingMaster(Builder builder) {
    super(builder);
  }

  /** The number of minibatch DataSets in the RDD of the next {@code fit} call. */
  void expectDataSets(long count) {
    nextRoundDataSets = count;
  }

  @Override
  protected <T, R extends JavaRDDLike<T, R>> long getTotalDataSetObjectCount(JavaRDDLike<T, R> trainingData) {
    if (nextRoundDataSets < 0) {
      return super.getTotalDataSetObjectCount(trainingData);
    }
    long count = nextRoundDataSets;
    nextRoundDataSets = -1;
    return count;
  }
}
