package org.sparkae.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LatentDistanceTest {

  @Test
  void aCodeAwayFromTheTrainingCodesOutscoresOneAmongThemAtEqualError() {
    SplittableRandom rng = new SplittableRandom(3);
    double[][] codes = new double[500][];
    double[] errors = new double[500];
    for (int i = 0; i < codes.length; i++) {
      double a = rng.nextGaussian();
      codes[i] = new double[] {a, a + 0.1 * rng.nextGaussian()}; // two correlated code values
      errors[i] = 1 + 0.1 * rng.nextGaussian();
    }
    LatentDistance latent = new LatentDistance(codes, errors);
    double[][] probes = {{0.5, 0.5}, {0.5, -0.5}}; // along the cloud, and across it at the same Euclidean radius
    double[] d = latent.distances(probes);
    assertTrue(d[1] > 20 * d[0], "across the correlation is far in Mahalanobis terms: " + d[0] + " vs " + d[1]);
    double[] s = latent.scores(probes, new double[] {1, 1}, 0.5);
    assertTrue(s[1] > s[0]);
    double[] errorOnly = latent.scores(probes, new double[] {1, 2}, 0);
    assertEquals(10, errorOnly[1] - errorOnly[0], 1.0, "weight 0: the error's z-score alone (std ~0.1)");
    double mean = java.util.Arrays.stream(latent.distances(codes)).average().orElseThrow();
    assertEquals(2 * 499.0 / 500, mean, 1e-3, "the training rows' mean squared distance is k (n - 1) / n");
  }
}
