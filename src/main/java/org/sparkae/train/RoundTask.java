package org.sparkae.train;

import java.io.Serializable;
import java.util.Iterator;
import org.apache.spark.TaskContext;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.datasets.iterator.AsyncDataSetIterator;
import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.MultiLayerUpdater;
import org.deeplearning4j.spark.api.worker.NetBroadcastTuple;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.collection.JavaConverters;
import scala.runtime.AbstractFunction2;

/**
 * One worker's share of an averaging round, as the task function of a Spark job: builds the network
 * from the round's broadcast (as DL4J's parameter-averaging worker does), fits the round's minibatches
 * from the partition's cached rows, and returns its parameters. The updater state comes with the
 * broadcast in the round after it was averaged and goes back when it is next averaged; in between it
 * stays in this JVM ({@link WorkerUpdaterStates}). A named class rather than a lambda, so that Spark's closure cleaner
 * has nothing to inspect (it reads class files with ASM for every lambda, every round).
 */
final class RoundTask extends AbstractFunction2<TaskContext, scala.collection.Iterator<TrainingRow>, RoundResult>
    implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(RoundTask.class);

  private final RoundBatches batches;
  private final Broadcast<NetBroadcastTuple> start;
  private final String run;
  private final int epoch;
  private final boolean returnState;
  private final int prefetch;
  private final Broadcast<HeldOutRows> heldOut;

  /**
   * @param start the network's configuration and parameters; its updater state only in the round
   *     after the state was averaged
   * @param run identifies the training, so that workers find their own state between rounds
   * @param returnState return the updater state for averaging instead of keeping it for the next round
   * @param heldOut the validation rows, to score after fitting (a lone worker's last round), or null
   */
  RoundTask(RoundBatches batches, Broadcast<NetBroadcastTuple> start, String run, int epoch, boolean returnState,
      int prefetch, Broadcast<HeldOutRows> heldOut) {
    this.batches = batches;
    this.start = start;
    this.run = run;
    this.epoch = epoch;
    this.returnState = returnState;
    this.prefetch = prefetch;
    this.heldOut = heldOut;
  }

  @Override
  public RoundResult apply(TaskContext context, scala.collection.Iterator<TrainingRow> rows) {
    int partition = context.partitionId();
    Iterator<DataSet> dataSets = batches.call(partition, JavaConverters.asJavaIterator(rows));
    String stateKey = WorkerUpdaterStates.key(run, epoch, partition);
    if (!dataSets.hasNext()) {
      WorkerUpdaterStates.take(stateKey); // a worker that ran out of rows keeps nothing
      return new RoundResult(null, null, 0, Double.NaN);
    }
    MultiLayerNetwork net = initialNetwork(stateKey, partition);
    // A plain prefetch thread: DL4J's default one also opens and zeroes a workspace every round.
    DataSetIterator minibatches = prefetch > 0
        ? new AsyncDataSetIterator(new ExistingDataSetIterator(dataSets), prefetch, false)
        : new ExistingDataSetIterator(dataSets);
    try {
      while (minibatches.hasNext()) {
        net.fit(minibatches.next());
      }
    } finally {
      if (minibatches instanceof AsyncDataSetIterator async) {
        async.shutdown();
      }
    }
    double score = net.score();
    TrainingSettings settings = batches.settings();
    double validationLoss = heldOut == null ? Double.NaN
        : ValidationLoss.of(heldOut.value(), net, settings.batchSize(), settings.noise(), settings.seed());
    INDArray updaterState = net.getUpdater().getStateViewArray();
    if (returnState || updaterState == null) {
      return new RoundResult(net.params(), updaterState, score, validationLoss);
    }
    // A standalone copy, as the broadcast's state is: the network whose updater views it is done.
    try (MemoryWorkspace outside = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
      WorkerUpdaterStates.put(stateKey, updaterState.dup());
    }
    return new RoundResult(net.params(), null, score, validationLoss);
  }

  /** The round's starting network: shared parameters, and this worker's own updater state. */
  private MultiLayerNetwork initialNetwork(String stateKey, int partition) {
    NetBroadcastTuple tuple = start.value();
    // Own copies: a configuration counts iterations, and a broadcast value is shared within the JVM.
    MultiLayerNetwork net = new MultiLayerNetwork(tuple.getConfiguration().clone());
    net.init(tuple.getParameters().unsafeDuplication(), false);
    INDArray state = tuple.getUpdaterState() != null ? tuple.getUpdaterState().unsafeDuplication()
        : WorkerUpdaterStates.take(stateKey);
    if (state != null) {
      net.setUpdater(new MultiLayerUpdater(net, state));
    } else if (net.getUpdater().getStateViewArray() != null) {
      LOG.warn("averaging round: no updater state for partition {} in this executor (replaced mid-epoch?); it "
          + "trains on from a fresh one until the state is next averaged (epoch {})", partition, epoch);
    }
    return net;
  }
}
