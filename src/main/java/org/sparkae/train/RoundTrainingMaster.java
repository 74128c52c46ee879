package org.sparkae.train;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.core.loader.DataSetLoader;
import org.deeplearning4j.core.loader.MultiDataSetLoader;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.worker.NetBroadcastTuple;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.api.ndarray.INDArray;
import scala.reflect.ClassTag$;

/**
 * DL4J's parameter-averaging master with a leaner round for in-memory (Direct) training. DL4J's own
 * round counts the RDD, splits it, runs a mapPartitions and a treeAggregate (whose lambdas Spark's
 * closure cleaner reads with ASM every time), ships parameters and updater state both ways (5 MB for
 * 784-256-32 with Adam, two thirds of it Adam's moments) and leaves every round's broadcast for the
 * garbage collector. Here the trainer already knows which rows a round covers, so {@link #fitRound}
 * runs one Spark job whose task function is a named class; the parameters travel every round and
 * the updater state only every {@link ParameterAveragingTrainer#roundsPerStateAverage} rounds (so
 * short rounds ship a third of the bytes); the driver averages as DL4J does, and the round's
 * broadcast is destroyed at once. When it trains from exported files (DL4J runs the rounds
 * itself), it keeps the sum of the rounds' losses, so an epoch reports its mean loss as a Direct
 * epoch does, not its last round's.
 */
final class RoundTrainingMaster extends ParameterAveragingTrainingMaster {
  private static final long serialVersionUID = 1L;
  private double pathRoundLossSum;
  private int pathRounds;

  RoundTrainingMaster(Builder builder) {
    super(builder);
  }

  /**
   * One averaging round: every partition of {@code rows} fits its minibatches of the round from the
   * network's current parameters, which then become the average of the workers' (workers without
   * rows this round are left out). The updater state goes out with the round when {@code sendState}
   * and comes back to be averaged when {@code returnState}; in between it stays with each worker.
   * Returns the mean of the workers' losses, NaN when no worker had rows, and the validation loss on
   * {@code heldOut} when given (one worker only: its network after the round is the averaged one).
   *
   * @param run identifies this training among others in the same executors
   */
  RoundLoss fitRound(SparkDl4jMultiLayer sparkNet, JavaRDD<TrainingRow> rows, RoundBatches batches, String run,
      int epoch, boolean sendState, boolean returnState, Broadcast<HeldOutRows> heldOut) {
    if (heldOut != null && rows.getNumPartitions() != 1) {
      throw new IllegalArgumentException("validation inside the round needs one worker, not "
          + rows.getNumPartitions());
    }
    MultiLayerNetwork net = sparkNet.getNetwork();
    Broadcast<NetBroadcastTuple> start = sparkNet.getSparkContext().broadcast(new NetBroadcastTuple(
        net.getLayerWiseConfigurations(), net.params(), sendState ? net.getUpdater().getStateViewArray() : null));
    try {
      Object results = sparkNet.getSparkContext().sc().runJob(rows.rdd(),
          new RoundTask(batches, start, run, epoch, returnState, prefetchNumBatches, heldOut),
          ClassTag$.MODULE$.apply(RoundResult.class));
      RoundResult[] workers = (RoundResult[]) results;
      return new RoundLoss(average(net, workers), workers[0].validationLoss());
    } finally {
      start.destroy();
    }
  }

  /** DL4J's averaging (processResults), summing in partition order so that a run is reproducible. */
  private double average(MultiLayerNetwork net, RoundResult[] results) {
    INDArray params = null;
    INDArray updaterState = null;
    double scoreSum = 0;
    int workers = 0;
    for (RoundResult result : results) {
      if (result.parameters() == null) {
        continue; // this partition had no rows in the round
      }
      params = params == null ? result.parameters() : params.addi(result.parameters());
      if (result.updaterState() != null) {
        updaterState = updaterState == null ? result.updaterState() : updaterState.addi(result.updaterState());
      }
      scoreSum += result.score();
      workers++;
    }
    if (workers == 0) {
      return Double.NaN;
    }
    net.setParameters(params.divi(workers));
    if (updaterState != null) {
      net.getUpdater().setStateViewArray(net, updaterState.divi(workers), false);
    }
    MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
    conf.setIterationCount(conf.getIterationCount() + averagingFrequency);
    net.setScore(scoreSum / workers);
    return scoreSum / workers;
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
