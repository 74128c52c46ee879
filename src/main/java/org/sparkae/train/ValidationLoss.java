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
 * computed on the executors: by a job from broadcast float weights, or by a lone worker in its epoch's
 * task from {@link HeldOutRows} with the network it has just trained.
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
      MultiLayerNetwork net = NetworkPool.borrow(weights.value());
      try {
        return List.of(sumAndCount(net, it, batchSize, noise, seed, TaskContext.getPartitionId())).iterator();
      } finally {
        NetworkPool.release(weights.value(), net);
      }
    }).collect();
    return mean(parts);
  }

  /**
   * The same loss from held-out rows already in this JVM, for the network a one-worker round has just
   * trained: partition {@code p} of {@code rows} gets the noise partition {@code p} of the RDD would.
   */
  static double of(HeldOutRows rows, MultiLayerNetwork net, int batchSize, NoiseKernel noise, long seed) {
    List<double[]> parts = new ArrayList<>();
    for (int p = 0; p < rows.partitions().size(); p++) {
      parts.add(sumAndCount(net, rows.partitions().get(p).iterator(), batchSize, noise, seed, p));
    }
    return mean(parts);
  }

  /** The summed loss over one partition's rows, in minibatches of {@code batchSize}, and their count. */
  private static double[] sumAndCount(MultiLayerNetwork net, Iterator<TrainingRow> it, int batchSize,
      NoiseKernel noise, long seed, int partition) {
    SplittableRandom rng = new SplittableRandom(Seeds.mix(seed, VALIDATION_STREAM, partition));
    double sum = 0;
    long count = 0;
    List<TrainingRow> batch = new ArrayList<>(batchSize);
    while (it.hasNext()) {
      batch.add(it.next());
      if (batch.size() == batchSize || !it.hasNext()) {
        sum += net.score(Minibatches.dataSet(batch, noise, rng), false) * batch.size();
        count += batch.size();
        batch.clear();
      }
    }
    return new double[] {sum, count};
  }

  private static double mean(List<double[]> parts) {
    double sum = 0;
    double count = 0;
    for (double[] p : parts) {
      sum += p[0];
      count += p[1];
    }
    return count > 0 ? sum / count : Double.NaN;
  }
}
