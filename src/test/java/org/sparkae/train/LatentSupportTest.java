package org.sparkae.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sparkae.TestSpark;
import org.sparkae.nn.LatentDistance;

/**
 * The latent term's support: training codes where 70% lie around the origin (unit spread) and 30% are outliers
 * packed around (6, 6). Over every code the mean is pulled to about (1.8, 1.8) and the covariance stretched along
 * the diagonal, so the outliers look near; estimated on the half nearest the centre, the mean and covariance are
 * the normal rows' and the outliers lie far out.
 */
class LatentSupportTest {
  private static final float[] OUTLIER = {6, 6};
  private static JavaRDD<TrainingErrors.ErrorAndCode> codes;

  @BeforeAll
  static void codes() {
    SplittableRandom rng = new SplittableRandom(3);
    List<TrainingErrors.ErrorAndCode> rows = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      boolean outlier = i % 10 < 3;
      float x = (float) ((outlier ? OUTLIER[0] : 0) + (outlier ? 0.3 : 1) * rng.nextGaussian());
      float y = (float) ((outlier ? OUTLIER[1] : 0) + (outlier ? 0.3 : 1) * rng.nextGaussian());
      rows.add(new TrainingErrors.ErrorAndCode(rng.nextDouble(), new float[] {x, y}));
    }
    codes = TestSpark.jsc().parallelize(rows, 4).cache();
  }

  @AfterAll
  static void release() {
    codes.unpersist();
  }

  @Test
  void everyCodeGivesTheContaminatedMeanAndHidesTheOutliers() {
    LatentDistance all = TrainingErrors.latentDistance(codes, 2, 0.5, 1.0);
    assertEquals(1.8, all.mean()[0], 0.15, "the mean of every code, outliers included");
    assertTrue(all.distance(OUTLIER) < 5, "the stretched covariance puts the outliers near: " + all.distance(OUTLIER));
    // Under the codes' own mean and covariance their mean squared Mahalanobis distance is k (n - 1) / n.
    assertEquals(2.0 * 1999 / 2000, all.distanceMean(), 1e-3);
  }

  @Test
  void theNearestHalfGivesTheNormalRowsMomentsAndPutsTheOutliersFarOut() {
    LatentDistance robust = TrainingErrors.latentDistance(codes, 2, 0.5, 0.5);
    assertEquals(0, robust.mean()[0], 0.15, "the mean of the normal rows");
    assertEquals(0, robust.mean()[1], 0.15, "the mean of the normal rows");
    assertTrue(robust.distance(OUTLIER) > 50, "the outliers lie far out: " + robust.distance(OUTLIER));
    // The statistics the score is z-scored with are still taken over every training row.
    assertTrue(robust.distanceMean() > robust.distance(new float[] {0, 0}) + 5,
        "the distances' mean counts the outliers too: " + robust.distanceMean());
    assertEquals(0.5, robust.errorMean(), 0.03);
  }
}
