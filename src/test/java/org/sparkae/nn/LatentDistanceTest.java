package org.sparkae.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LatentDistanceTest {

  @Test
  void aCodeAcrossTheTrainingCodesCorrelationIsFartherThanOneAlongItAtTheSameRadius() {
    SplittableRandom rng = new SplittableRandom(3);
    int n = 500;
    double[] sum = new double[2];
    double[] outer = new double[4];
    for (int i = 0; i < n; i++) {
      double a = rng.nextGaussian();
      double[] code = {a, a + 0.1 * rng.nextGaussian()}; // two correlated code values
      for (int p = 0; p < 2; p++) {
        sum[p] += code[p];
        for (int q = 0; q < 2; q++) {
          outer[p * 2 + q] += code[p] * code[q];
        }
      }
    }
    LatentDistance latent = LatentDistance.fromMoments(0.5, n, sum, outer).withStatistics(1, 0.1, 2, 2);
    double along = latent.distance(new float[] {0.5f, 0.5f});
    double across = latent.distance(new float[] {0.5f, -0.5f});
    assertTrue(across > 20 * along, "across the correlation is far in Mahalanobis terms: " + along + " vs " + across);
    assertEquals(10 + 0.5 * (across - 2) / 2, latent.score(2, new float[] {0.5f, -0.5f}), 1e-9,
        "z(error) + weight x z(distance)");
  }
}
