package org.sparkae.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.sparkae.TestSpark;

/** The quality benchmark's baselines compute what they claim to. */
class BaselinesTest {
  private static final int W = 8;

  @Test
  void aMedianFilterRemovesIsolatedImpulsesAndKeepsFlatRegions() {
    float[] flat = new float[W * W];
    Arrays.fill(flat, 0.5f);
    float[] noisy = flat.clone();
    noisy[3 * W + 4] = 1f;
    noisy[6 * W + 1] = 0f;
    assertArrayEquals(flat, ImageFilters.median(noisy, W, 3), 0f);
    assertArrayEquals(flat, ImageFilters.median(noisy, W, 5), 0f);
  }

  @Test
  void gaussianBlurKeepsConstantImagesAndSpreadsAPoint() {
    float[] flat = new float[W * W];
    Arrays.fill(flat, 0.25f);
    assertArrayEquals(flat, ImageFilters.gaussianBlur(flat, W, 1.0), 1e-6f);
    float[] point = new float[W * W];
    point[4 * W + 4] = 1f;
    float[] blurred = ImageFilters.gaussianBlur(point, W, 1.0);
    assertTrue(blurred[4 * W + 4] < 0.2f && blurred[4 * W + 5] > 0.05f, "a point spreads to its neighbours");
    double sum = 0;
    for (float v : blurred) {
      sum += v;
    }
    assertEquals(1.0, sum, 1e-3, "blurring away from the border keeps the total");
  }

  @Test
  void psnrOfTheProtocolNoiseIsWhatItsVarianceSays() {
    float[] mid = new float[W * W * 100];
    Arrays.fill(mid, 0.5f);
    // sigma 0.1 stays inside [0, 1] almost always: MSE ~ 0.01, PSNR ~ 20 dB
    double psnr = ImageFilters.psnr(mid, ImageFilters.gaussianNoise(mid, 0.1, new SplittableRandom(1)));
    assertEquals(20.0, psnr, 0.3);
    float[] masked = ImageFilters.masking(mid, 0.25, new SplittableRandom(2));
    long zeros = 0;
    for (float v : masked) {
      zeros += v == 0 ? 1 : 0;
    }
    assertEquals(0.25, zeros / (double) masked.length, 0.03);
  }

  @Test
  void pcaReconstructionErrorIsZeroInsideTheSubspaceAndPositiveOffIt() {
    SplittableRandom rng = new SplittableRandom(3);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      double a = rng.nextDouble();
      double b = rng.nextDouble();
      rows.add(RowFactory.create(Vectors.dense(a, b, a + b, a - b, 1 + 2 * a)));
    }
    StructType schema = new StructType().add("features", new VectorUDT());
    Dataset<Row> plane = TestSpark.session().createDataFrame(rows, schema);
    PcaBaseline pca = PcaBaseline.fit(plane, "features", 2);
    double inside = pca.transform(plane).agg(org.apache.spark.sql.functions.max(PcaBaseline.ERROR)).first().getDouble(0);
    assertEquals(0.0, inside, 1e-9, "rows in the 2-dim affine subspace reconstruct exactly");
    Dataset<Row> off = TestSpark.session().createDataFrame(List.of(RowFactory.create(Vectors.dense(0, 0, 1, 0, 0))),
        schema);
    assertTrue(pca.transform(off).first().<Double>getAs(PcaBaseline.ERROR) > 0.01, "a row off the plane has error");
  }

  @Test
  void pcaResidualScalingWeighsAnErrorByHowMuchItsOutputVariesInTraining() {
    // Rows on a plane, plus one output that is pure noise (std 0.1) the plane cannot explain.
    SplittableRandom rng = new SplittableRandom(5);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      double a = rng.nextDouble();
      double b = rng.nextDouble();
      rows.add(RowFactory.create(Vectors.dense(a, b, a + b, a - b, 0.1 * ImageFilters.gaussian(rng))));
    }
    StructType schema = new StructType().add("features", new VectorUDT());
    Dataset<Row> train = TestSpark.session().createDataFrame(rows, schema);
    PcaBaseline pca = PcaBaseline.fit(train, "features", 2);
    assertFalse(Arrays.asList(pca.transform(train).columns()).contains(PcaBaseline.SCALED_ERROR),
        "no scaled error before the spread is measured");
    // A: on the plane, 3 of its spreads off on the noisy output. B: 0.2 off the plane along a quiet output.
    Dataset<Row> probes = TestSpark.session().createDataFrame(List.of(
        RowFactory.create(Vectors.dense(0.5, 0.5, 1.0, 0.0, 0.3)),
        RowFactory.create(Vectors.dense(0.5, 0.5, 1.2, 0.0, 0.0))), schema);
    List<Row> plain = pca.transform(probes).select(PcaBaseline.ERROR).collectAsList();
    assertTrue(plain.get(0).getDouble(0) > plain.get(1).getDouble(0), "plain error ranks the noisy output first");
    List<Row> scaled = pca.withResidualScaling(train).transform(probes).select(PcaBaseline.SCALED_ERROR)
        .collectAsList();
    assertTrue(scaled.get(1).getDouble(0) > 2 * scaled.get(0).getDouble(0),
        "scaled error ranks the break of the plane first: " + scaled);
  }

  @Test
  void leastSquaresRecoversALine() {
    double[] ab = ScalingModel.leastSquares(new double[] {1, 2, 4, 8}, new double[] {3.5, 4, 5, 7});
    assertEquals(3.0, ab[0], 1e-9);
    assertEquals(0.5, ab[1], 1e-9);
  }
}
