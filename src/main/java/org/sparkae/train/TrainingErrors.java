package org.sparkae.train;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.ObjDoubleConsumer;
import org.apache.spark.api.java.JavaDoubleRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.DoubleFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparkae.nn.BatchForward;
import org.sparkae.nn.LatentDistance;
import org.sparkae.nn.Matrices;
import org.sparkae.nn.ModelWeights;
import org.sparkae.nn.Nd4jThreads;
import org.sparkae.nn.NetworkPool;

/** What the trained network gets wrong on the clean training rows, computed on the executors. */
public final class TrainingErrors {
  private TrainingErrors() {}

  /**
   * Each row's outlier score, as scoring computes it: the reconstruction error (errorScaling included), with the
   * model's latent term when it has one.
   */
  public static JavaDoubleRDD scores(JavaRDD<TrainingRow> rows, Broadcast<ModelWeights> weights, int batchSize) {
    return rows.mapPartitionsToDouble((Iterator<TrainingRow> it) -> {
      ModelWeights w = weights.value();
      boolean codes = w.latentDistance() != null;
      List<Double> scores = new ArrayList<>();
      inBatches(it, weights, batchSize, (net, batch) -> {
        BatchForward.Output out = BatchForward.run(net, w, batch[0], batch[1], codes, false, false, false);
        for (int i = 0; i < out.errors().length; i++) {
          scores.add(w.outlierScore(out.errors()[i], codes ? out.latent()[i] : null));
        }
      });
      return scores.iterator();
    });
  }

  /** How many times the support is re-chosen when latentSupportFraction < 1; MCD's C-steps settle in a few. */
  static final int SUPPORT_ROUNDS = 3;

  /** A training row's reconstruction error and code. */
  public record ErrorAndCode(double error, float[] code) implements Serializable {}

  /**
   * Each row's reconstruction error and code from one forward pass, cached (memory, then disk) for the
   * several passes the latent term and the threshold make over them: unpersist when done. The
   * broadcast must outlive the cached RDD, which may be recomputed from it.
   */
  public static JavaRDD<ErrorAndCode> errorsAndCodes(JavaRDD<TrainingRow> rows, Broadcast<ModelWeights> weights,
      int batchSize) {
    return rows.mapPartitions((Iterator<TrainingRow> it) -> {
      List<ErrorAndCode> out = new ArrayList<>();
      forEachRow(it, weights, batchSize, (code, error) -> out.add(new ErrorAndCode(error, code)));
      return out.iterator();
    }).persist(StorageLevel.MEMORY_AND_DISK());
  }

  /** Each row's outlier score under {@code weights} (latent term included), as scoring computes it. */
  public static JavaDoubleRDD scores(JavaRDD<ErrorAndCode> scored, ModelWeights weights) {
    return scored.mapToDouble(new ScoreOfErrorAndCode(weights.latentDistance()));
  }

  /**
   * A row's outlier score from its error and code. It holds the latent term alone: a lambda over the
   * model's weights would ship every parameter with each task of the jobs that read the scores.
   */
  static final class ScoreOfErrorAndCode implements DoubleFunction<ErrorAndCode> {
    private static final long serialVersionUID = 1L;
    private final LatentDistance term;

    ScoreOfErrorAndCode(LatentDistance term) {
      this.term = term;
    }

    @Override
    public double call(ErrorAndCode row) {
      return LatentDistance.outlierScore(term, row.error(), row.code());
    }
  }

  /**
   * The latent term of the outlier score, fitted on the rows' codes (read several times: cache them):
   * their mean and covariance, re-estimated {@link #SUPPORT_ROUNDS} times on the {@code supportFraction}
   * of codes nearest the centre when it is below 1, then the mean and standard deviation of every row's
   * error and distance.
   */
  public static LatentDistance latentDistance(JavaRDD<ErrorAndCode> scored, int k, double weight,
      double supportFraction) {
    LatentDistance distance = moments(scored, k, weight);
    for (int round = 0; supportFraction < 1 && round < SUPPORT_ROUNDS; round++) {
      LatentDistance current = distance;
      double cutoff = quantile(scored.mapToDouble(r -> current.distance(r.code())), supportFraction);
      distance = moments(scored.filter(r -> current.distance(r.code()) <= cutoff), k, weight);
    }
    LatentDistance fitted = distance;
    double[] spread = scored.mapPartitions((Iterator<ErrorAndCode> it) -> {
      double[] sums = new double[5]; // row count; errors' sum and sum of squares; distances' sum and sum of squares
      it.forEachRemaining(r -> {
        double d = fitted.distance(r.code());
        sums[0]++;
        sums[1] += r.error();
        sums[2] += r.error() * r.error();
        sums[3] += d;
        sums[4] += d * d;
      });
      return List.of(sums).iterator();
    }).treeReduce(TrainingErrors::add);
    double n = spread[0];
    return fitted.withStatistics(spread[1] / n, sampleStd(n, spread[1], spread[2]), spread[3] / n,
        sampleStd(n, spread[3], spread[4]));
  }

  /** The mean and covariance of the codes: their count, sums and sums of outer products, in double. */
  private static LatentDistance moments(JavaRDD<ErrorAndCode> scored, int k, double weight) {
    double[] moments = scored.mapPartitions((Iterator<ErrorAndCode> it) -> {
      double[] sums = new double[1 + k + k * k]; // row count, sums of the codes, sums of their outer products
      it.forEachRemaining(r -> {
        float[] code = r.code();
        sums[0]++;
        for (int i = 0; i < k; i++) {
          sums[1 + i] += code[i];
          for (int j = 0; j < k; j++) {
            sums[1 + k + i * k + j] += (double) code[i] * code[j];
          }
        }
      });
      return List.of(sums).iterator();
    }).treeReduce(TrainingErrors::add);
    return LatentDistance.fromMoments(weight, (long) moments[0], Arrays.copyOfRange(moments, 1, 1 + k),
        Arrays.copyOfRange(moments, 1 + k, moments.length));
  }

  /** The {@code p} quantile of the values, within 1e-4 of rank (Spark SQL's approxQuantile). */
  public static double quantile(JavaDoubleRDD values, double p) {
    SparkSession spark = SparkSession.active();
    Dataset<Row> df = spark.createDataFrame(values.map(RowFactory::create),
        new StructType().add("value", DataTypes.DoubleType));
    return df.stat().approxQuantile("value", new double[] {p}, 1e-4)[0];
  }

  private static double sampleStd(double n, double sum, double sumOfSquares) {
    return Math.sqrt(Math.max(0, (sumOfSquares - sum * sum / n) / Math.max(1, n - 1)));
  }

  /** Each row's error and code, one forward pass per minibatch. */
  private static void forEachRow(Iterator<TrainingRow> it, Broadcast<ModelWeights> weights, int batchSize,
      ObjDoubleConsumer<float[]> consumer) {
    inBatches(it, weights, batchSize, (net, batch) -> {
      BatchForward.Output out = BatchForward.run(net, weights.value(), batch[0], batch[1], true, false, false, false);
      for (int i = 0; i < out.errors().length; i++) {
        consumer.accept(out.latent()[i], out.errors()[i]);
      }
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
