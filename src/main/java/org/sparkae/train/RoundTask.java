package org.sparkae.train;

import java.io.Serializable;
import java.util.Iterator;
import org.apache.spark.TaskContext;
import org.deeplearning4j.datasets.iterator.AsyncDataSetIterator;
import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingResult;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingWorker;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import scala.collection.JavaConverters;
import scala.runtime.AbstractFunction2;

/**
 * One worker's share of an averaging round, as the task function of a Spark job: packs the round's
 * minibatches from the partition's cached rows and fits them with DL4J's parameter-averaging worker,
 * which returns its parameters and updater state. A named class rather than a lambda,
 * so that Spark's closure cleaner has nothing to inspect (it reads class files with ASM for every
 * lambda, every round).
 */
final class RoundTask extends AbstractFunction2<TaskContext, scala.collection.Iterator<TrainingRow>, RoundResult>
    implements Serializable {
  private static final long serialVersionUID = 1L;

  private final RoundBatches batches;
  private final ParameterAveragingTrainingWorker worker;

  RoundTask(RoundBatches batches, ParameterAveragingTrainingWorker worker) {
    this.batches = batches;
    this.worker = worker;
  }

  /**
   * What DL4J's ExecuteWorkerFlatMap does, without its workspace-backed prefetch iterator (a new
   * thread and a zeroed workspace every round): the minibatches are built ahead on a plain prefetch
   * thread instead.
   */
  @Override
  public RoundResult apply(TaskContext context, scala.collection.Iterator<TrainingRow> rows) {
    return RoundResult.of(fit(context.partitionId(), JavaConverters.asJavaIterator(rows)));
  }

  private ParameterAveragingTrainingResult fit(int partition, Iterator<TrainingRow> rows) {
    Iterator<DataSet> dataSets = batches.call(partition, rows);
    if (!dataSets.hasNext()) {
      return worker.getFinalResultNoData();
    }
    int prefetch = worker.getDataConfiguration().getPrefetchNumBatches();
    DataSetIterator minibatches = prefetch > 0
        ? new AsyncDataSetIterator(new ExistingDataSetIterator(dataSets), prefetch, false)
        : new ExistingDataSetIterator(dataSets);
    try {
      MultiLayerNetwork net = worker.getInitialModel();
      while (minibatches.hasNext()) {
        DataSet minibatch = minibatches.next();
        ParameterAveragingTrainingResult last = worker.processMinibatch(minibatch, net, !minibatches.hasNext());
        if (last != null) {
          return last;
        }
      }
      return worker.getFinalResult(net);
    } finally {
      if (minibatches instanceof AsyncDataSetIterator async) {
        async.shutdown();
      }
    }
  }
}
