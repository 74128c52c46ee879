package org.sparkae.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The suite's ranking metrics against scikit-learn's documented examples and hand counts. */
class RankingTest {

  @Test
  void matchesScikitLearnsExamples() {
    // sklearn.metrics.roc_auc_score and average_precision_score docs: 0.75 and 0.8333...
    double[] scores = {0.1, 0.4, 0.35, 0.8};
    int[] labels = {0, 0, 1, 1};
    assertEquals(0.75, Ranking.auroc(scores, labels), 1e-12);
    assertEquals(5.0 / 6, Ranking.averagePrecision(scores, labels), 1e-12);
  }

  @Test
  void tiesCountHalfForAurocAndOneThresholdForPrecision() {
    double[] scores = {0.5, 0.5, 0.5, 0.5};
    int[] labels = {0, 1, 0, 1};
    assertEquals(0.5, Ranking.auroc(scores, labels), 1e-12);
    assertEquals(0.5, Ranking.averagePrecision(scores, labels), 1e-12, "one threshold: recall 1 at precision 1/2");
    // a perfect ranking, and its reverse
    assertEquals(1.0, Ranking.auroc(new double[] {1, 2, 3}, new int[] {0, 1, 1}), 1e-12);
    assertEquals(0.0, Ranking.auroc(new double[] {3, 2, 1}, new int[] {0, 1, 1}), 1e-12);
    assertEquals(1.0, Ranking.averagePrecision(new double[] {1, 2, 3}, new int[] {0, 1, 1}), 1e-12);
  }

  @Test
  void refusesScoresItCannotRank() {
    assertThrows(IllegalArgumentException.class, () -> Ranking.auroc(new double[] {1, Double.NaN}, new int[] {0, 1}));
    assertThrows(IllegalArgumentException.class, () -> Ranking.auroc(new double[] {1, 2}, new int[] {1, 1}));
  }
}
