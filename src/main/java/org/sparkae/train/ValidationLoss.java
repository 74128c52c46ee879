package org.sparkae.train;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.sparkae.nn.ModelWeights;
import org.sparkae.nn.Nd4jThreads;
import org.sparkae.nn.NetworkPool;

/**
 * The network's loss (DL4J's score: the training loss plus regularization) on held-out rows,
 * computed on the executors from broadcast float weights.
 *
 * <p>A denoising model is judged on the task it is trained for: its held-out inputs get the training
 * noise (clean targets), drawn from a seed fixed per partition so every epoch sees the same corrupted
 * rows and the losses compare. Without noise the rows are used as they are.
 *
 * <p>Deliberately not {@code SparkDl4jMultiLayer.calculateScore}: that broadcasts the live parameter
 * INDArray, and in local mode Spark's block manager closes AutoCloseable broadcast values when it
 * cleans them up, which frees the driver network's own parameters mid-training.
 */
final class ValidationLoss {
  /** Keeps the validation noise apart from the training noise drawn from the same seed. */
  private static final long VALIDATION_STREAM = -1;

  private ValidationLoss() {}

  static double of(JavaRDD<TrainingRow> rows, Broadcast<ModelWeights> weights, int batchSize, NoiseKernel noise,
      long seed) {
    List<double[]> parts = rows.mapPartitions((Iterator<TrainingRow> it) -> {
      Nd4jThreads.forCurrentTask();
      SplittableRandom rng = new SplittableRandom(Seeds.mix(seed, VALIDATION_STREAM, TaskContext.getPartitionId()));
      double sum = 0;
      long count = 0;
      MultiLayerNetwork net = NetworkPool.borrow(weights.value());
      try {
        List<TrainingRow> batch = new ArrayList<>(batchSize);
        while (it.hasNext()) {
          batch.add(it.next());
          if (batch.size() == batchSize || !it.hasNext()) {
            sum += net.score(Minibatches.dataSet(batch, noise, rng), false)
                * batch.size();
            count += batch.size();
            batch.clear();
          }
        }
      } finally {
        NetworkPool.release(weights.value(), net);
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
