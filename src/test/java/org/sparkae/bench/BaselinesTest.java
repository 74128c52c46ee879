package org.sparkae.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
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
    java.util.Arrays.fill(flat, 0.5f);
    float[] noisy = flat.clone();
    noisy[3 * W + 4] = 1f;
    noisy[6 * W + 1] = 0f;
    assertArrayEquals(flat, ImageFilters.median(noisy, W, 3), 0f);
    assertArrayEquals(flat, ImageFilters.median(noisy, W, 5), 0f);
  }

  @Test
  void gaussianBlurKeepsConstantImagesAndSpreadsAPoint() {
    float[] flat = new float[W * W];
    java.util.Arrays.fill(flat, 0.25f);
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
    java.util.Arrays.fill(mid, 0.5f);
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
  void leastSquaresRecoversALine() {
    double[] ab = ScalingModel.leastSquares(new double[] {1, 2, 4, 8}, new double[] {3.5, 4, 5, 7});
    assertEquals(3.0, ab[0], 1e-9);
    assertEquals(0.5, ab[1], 1e-9);
  }
}
