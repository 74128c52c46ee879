package org.sparkae.train;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.BiConsumer;
import org.apache.spark.api.java.JavaDoubleRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparkae.nn.BatchForward;
import org.sparkae.nn.Matrices;
import org.sparkae.nn.ModelWeights;
import org.sparkae.nn.Nd4jThreads;
import org.sparkae.nn.NetworkPool;

/** What the trained network gets wrong on the clean training rows, computed on the executors. */
public final class TrainingErrors {
  private TrainingErrors() {}

  /** Each row's reconstruction error, as scoring measures it (errorScaling included). */
  public static JavaDoubleRDD of(JavaRDD<TrainingRow> rows, Broadcast<ModelWeights> weights, int batchSize) {
    return rows.mapPartitionsToDouble((Iterator<TrainingRow> it) -> {
      List<Double> errors = new ArrayList<>();
      inBatches(it, weights, batchSize, (net, batch) -> {
        for (double e : BatchForward.run(net, weights.value(), batch[0], batch[1], false, false, false, false)
            .errors()) {
          errors.add(e);
        }
      });
      return errors.iterator();
    });
  }

  /**
   * The population standard deviation of each output's residual (reconstruction - target) over the
   * rows: one pass, sums and sums of squares in double precision per partition, then combined.
   */
  public static float[] residualStd(JavaRDD<TrainingRow> rows, Broadcast<ModelWeights> weights, int batchSize) {
    int width = weights.value().spec().outputSize();
    double[] totals = rows.mapPartitions((Iterator<TrainingRow> it) -> {
      double[] sums = new double[1 + 2 * width]; // row count, sums, sums of squares
      inBatches(it, weights, batchSize, (net, batch) -> {
        for (float[] r : BatchForward.residuals(net, batch[0], batch[1])) {
          sums[0]++;
          for (int j = 0; j < width; j++) {
            sums[1 + j] += r[j];
            sums[1 + width + j] += r[j] * r[j];
          }
        }
      });
      return List.of(sums).iterator();
    }).treeReduce(TrainingErrors::add);
    double n = totals[0];
    if (n == 0) {
      throw new IllegalStateException("no training rows to measure the residuals on");
    }
    float[] std = new float[width];
    for (int j = 0; j < width; j++) {
      double mean = totals[1 + j] / n;
      std[j] = (float) Math.sqrt(Math.max(0, totals[1 + width + j] / n - mean * mean));
    }
    return std;
  }

  private static double[] add(double[] a, double[] b) {
    double[] sum = a.clone();
    for (int i = 0; i < sum.length; i++) {
      sum[i] += b[i];
    }
    return sum;
  }

  /** Feeds a partition's rows to {@code consumer} as (inputs, targets) minibatches through the pooled network. */
  private static void inBatches(Iterator<TrainingRow> it, Broadcast<ModelWeights> weights, int batchSize,
      BiConsumer<MultiLayerNetwork, INDArray[]> consumer) {
    Nd4jThreads.forCurrentTask();
    MultiLayerNetwork net = NetworkPool.borrow(weights.value());
    try {
      List<float[]> inputs = new ArrayList<>(batchSize);
      List<float[]> labels = new ArrayList<>(batchSize);
      while (it.hasNext()) {
        TrainingRow row = it.next();
        inputs.add(row.input());
        labels.add(row.label());
        if (inputs.size() == batchSize || !it.hasNext()) {
          consumer.accept(net, new INDArray[] {Matrices.of(inputs), Matrices.of(labels)});
          inputs.clear();
          labels.clear();
        }
      }
    } finally {
      NetworkPool.release(weights.value(), net);
    }
  }
}
