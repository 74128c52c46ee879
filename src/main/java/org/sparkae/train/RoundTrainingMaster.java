package org.sparkae.train;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaRDDLike;
import org.deeplearning4j.core.loader.DataSetLoader;
import org.deeplearning4j.core.loader.MultiDataSetLoader;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;

/**
 * DL4J's parameter-averaging master, told how many DataSets the next round holds instead of running
 * a Spark count job to find out: the trainer knows every partition's size, and the count job
 * (which would build every minibatch once just to count it) cost a scheduling round trip per round.
 * When it trains from exported files (DL4J runs the rounds itself), it keeps the sum of the rounds'
 * losses, so an epoch reports its mean loss as a Direct epoch does, not its last round's.
 */
final class RoundTrainingMaster extends ParameterAveragingTrainingMaster {
  private static final long serialVersionUID = 1L;
  private long nextRoundDataSets = -1;
  private double pathRoundLossSum;
  private int pathRounds;

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

  /** Forgets the losses of earlier exported rounds: call before an epoch's {@code fitPaths}. */
  void startPathEpoch() {
    pathRoundLossSum = 0;
    pathRounds = 0;
  }

  /** The mean loss of the exported rounds since {@link #startPathEpoch}, or NaN when none ran. */
  double meanPathRoundLoss() {
    return pathRounds == 0 ? Double.NaN : pathRoundLossSum / pathRounds;
  }

  @Override
  protected void doIterationPaths(SparkDl4jMultiLayer network, SparkComputationGraph graph, JavaRDD<String> split,
      int splitNum, int numSplits, int dataSetObjectNumExamples, DataSetLoader dsLoader, MultiDataSetLoader mdsLoader) {
    super.doIterationPaths(network, graph, split, splitNum, numSplits, dataSetObjectNumExamples, dsLoader, mdsLoader);
    pathRoundLossSum += network.getScore();
    pathRounds++;
  }
}
