package org.sparkae.train;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.sparkae.nn.Nd4jThreads;
import org.sparkae.score.ModelWeights;
import org.sparkae.score.NetworkPool;

/**
 * The network's loss (DL4J's score: the training loss plus regularization) on clean held-out rows,
 * computed on the executors from broadcast float weights.
 *
 * <p>Deliberately not {@code SparkDl4jMultiLayer.calculateScore}: that broadcasts the live parameter
 * INDArray, and in local mode Spark's block manager closes AutoCloseable broadcast values when it
 * cleans them up, which frees the driver network's own parameters mid-training.
 */
final class ValidationLoss {
  private ValidationLoss() {}

  static double of(JavaRDD<TrainingRow> rows, Broadcast<ModelWeights> weights, int batchSize) {
    List<double[]> parts = rows.mapPartitions((Iterator<TrainingRow> it) -> {
      Nd4jThreads.forCurrentTask();
      String key = "bc-" + weights.id();
      double sum = 0;
      long count = 0;
      MultiLayerNetwork net = NetworkPool.borrow(key, weights::value);
      try {
        List<TrainingRow> batch = new ArrayList<>(batchSize);
        while (it.hasNext()) {
          batch.add(it.next());
          if (batch.size() == batchSize || !it.hasNext()) {
            sum += net.score(Minibatches.dataSet(batch, NoiseKernel.NONE, new SplittableRandom(0)), false)
                * batch.size();
            count += batch.size();
            batch.clear();
          }
        }
      } finally {
        NetworkPool.release(key, net);
      }
      return List.of(new double[] {sum, count}).iterator();
    }).collect();
    double sum = 0;
    double count = 0;
    for (double[] p : parts) {
      sum += p[0];
      count += p[1];
    }
    return count > 0 ? sum / count : Double.NaN;
  }
}
