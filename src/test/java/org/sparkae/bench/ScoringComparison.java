package org.sparkae.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.functions;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparkae.ml.AutoencoderModel;
import org.sparkae.nn.Matrices;
import org.sparkae.nn.Nd4jThreads;
import org.sparkae.nn.NetworkFactory;
import org.sparkae.train.NoiseKernel;

/**
 * The benchmark's scoring side by side: {@code AutoencoderModel.transform} forced by an aggregate vs
 * plain DL4J's batched {@code feedForward}, over the test images repeated with fresh noise per copy
 * (generated on the fly on both sides, so memory must not grow with the row count), with each
 * side's generation cost also measured alone, and the peak heap of ours.
 */
final class ScoringComparison {
  private static final Logger LOG = LoggerFactory.getLogger(ScoringComparison.class);

  private final long[] scoreRows;
  private final int scoreBatchSize;

  ScoringComparison(long[] scoreRows, int scoreBatchSize) {
    this.scoreRows = scoreRows.clone();
    this.scoreBatchSize = scoreBatchSize;
  }

  List<Map<String, Object>> run(AutoencoderModel trained, Dataset<Row> test) {
    SparkSession spark = test.sparkSession();
    // Both sides score minibatches of the same size.
    AutoencoderModel model = trained.copy(new org.apache.spark.ml.param.ParamMap()).setReconstructionCol("")
        .setBatchSize(scoreBatchSize);
    Sides sides = new Sides(model, NetworkFactory.withParams(model.networkSpec(), model.parameters()),
        test.select("features").repartition(spark.sparkContext().defaultParallelism()).cache(),
        BenchData.floats(test, "features"));
    // A first pass, not reported, so that JIT compilation and Spark's query codegen do not count
    // against whichever row count comes first.
    scorePoint(sides, WARM_UP_ROWS, true);
    List<Map<String, Object>> points = new ArrayList<>();
    for (long n : scoreRows) {
      points.add(scorePoint(sides, n, false));
    }
    return points;
  }

  private static final long WARM_UP_ROWS = 50_000;

  /** Ours (the model and a cached DataFrame of the test images) and plain (its network and the same images). */
  private record Sides(AutoencoderModel model, MultiLayerNetwork plain, Dataset<Row> baseDf, List<float[]> base) {}

  /** Scores about {@code n} rows (the test images with fresh noise per copy) on both sides. */
  private Map<String, Object> scorePoint(Sides sides, long n, boolean warmUp) {
    int copies = (int) Math.max(1, n / sides.base().size());
    // Each copy gets fresh noise, so no two rows are the same; generated on the fly on both sides.
    Dataset<Row> rows = sides.baseDf().crossJoin(sides.baseDf().sparkSession().range(copies)
            .withColumnRenamed("id", "copy"))
        .withColumn("features", functions.udf(new Jitter(), new VectorUDT())
            .apply(functions.col("features"), functions.col("copy")));
    resetPeaks();
    long start = System.nanoTime();
    Row agg = sides.model().transform(rows).agg(functions.count("*"), functions.avg("reconstructionError")).first();
    double oursSeconds = (System.nanoTime() - start) / 1e9;
    long scored = agg.getLong(0);
    double peakHeap = peakHeapGiB();

    Nd4jThreads.forCurrentTask();
    start = System.nanoTime();
    plainBatches(sides.base(), copies, batch -> sides.plain().feedForward(Matrices.of(batch), false));
    double plainSeconds = (System.nanoTime() - start) / 1e9;

    // What generating the rows alone costs each side (the UDF writing vectors into Spark's rows; the
    // jitter loop), so the report can also compare the scoring work without it.
    start = System.nanoTime();
    rows.agg(functions.count(functions.col("features"))).first();
    double oursGenerationSeconds = (System.nanoTime() - start) / 1e9;
    start = System.nanoTime();
    double[] checksum = {0}; // keeps the JIT from dropping the generated rows
    plainBatches(sides.base(), copies, batch -> checksum[0] += batch.get(0)[0]);
    double plainGenerationSeconds = (System.nanoTime() - start) / 1e9;
    LOG.debug("generation checksum {}", checksum[0]);

    Map<String, Object> p = new LinkedHashMap<>();
    p.put("rows", scored);
    p.put("oursRowsPerSecond", scored / oursSeconds);
    p.put("plainRowsPerSecond", scored / plainSeconds);
    p.put("ratioOursToPlain", plainSeconds / oursSeconds);
    p.put("oursMicrosPerRow", oursSeconds / scored * 1e6);
    p.put("oursGenerationMicrosPerRow", oursGenerationSeconds / scored * 1e6);
    p.put("plainGenerationMicrosPerRow", plainGenerationSeconds / scored * 1e6);
    p.put("ratioExcludingGeneration", (plainSeconds - plainGenerationSeconds) / (oursSeconds - oursGenerationSeconds));
    p.put("peakHeapGiB", peakHeap);
    LOG.info("scoring {} rows{}: ours {} rows/s, plain {} rows/s, peak heap {} GiB", scored,
        warmUp ? " (warm-up, not reported)" : "", Math.round(scored / oursSeconds),
        Math.round(scored / plainSeconds), String.format("%.2f", peakHeap));
    return p;
  }

  /** Plain's rows: every copy of the base images with its noise, handed over in scoring minibatches. */
  private void plainBatches(List<float[]> base, int copies, Consumer<List<float[]>> consumer) {
    for (int c = 0; c < copies; c++) {
      for (int i = 0; i < base.size(); i += scoreBatchSize) {
        List<float[]> batch = new ArrayList<>();
        for (float[] r : base.subList(i, Math.min(base.size(), i + scoreBatchSize))) {
          batch.add(Jitter.jitter(r, c));
        }
        consumer.accept(batch);
      }
    }
  }

  /**
   * Gaussian noise (sigma 0.05, clipped to [0, 1]: the stage's own NoiseKernel) seeded by the copy index
   * and the row; both sides use it.
   */
  static final class Jitter implements UDF2<Vector, Long, Vector> {
    private static final long serialVersionUID = 1L;
    private static final NoiseKernel NOISE = new NoiseKernel(NoiseKernel.Type.GAUSSIAN, 0.05, 0, 1);

    @Override
    public Vector call(Vector v, Long copy) {
      double[] x = v.toArray();
      SplittableRandom rng = new SplittableRandom(copy * 1_000_003L + Arrays.hashCode(x));
      for (int i = 0; i < x.length; i++) {
        x[i] = noisy(x[i], rng);
      }
      return Vectors.dense(x);
    }

    static float[] jitter(float[] row, long copy) {
      double[] x = new double[row.length];
      for (int i = 0; i < row.length; i++) {
        x[i] = row[i];
      }
      SplittableRandom rng = new SplittableRandom(copy * 1_000_003L + Arrays.hashCode(x));
      float[] out = new float[row.length];
      for (int i = 0; i < row.length; i++) {
        out[i] = (float) noisy(x[i], rng);
      }
      return out;
    }

    private static double noisy(double x, SplittableRandom rng) {
      return NOISE.corrupt(x, rng);
    }
  }

  private static void resetPeaks() {
    System.gc();
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  private static double peakHeapGiB() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak / (double) (1L << 30);
  }
}
