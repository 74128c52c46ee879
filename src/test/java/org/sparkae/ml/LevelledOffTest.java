package org.sparkae.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/** When a summary says training had levelled off, on loss curves whose answer is plain. */
class LevelledOffTest {

  private static AutoencoderSummary summary(int epochs, IntToDoubleFunction trainLoss, IntToDoubleFunction validation,
      long validationRows) {
    List<TrainingEpoch> stats = new ArrayList<>();
    for (int e = 0; e < epochs; e++) {
      stats.add(new TrainingEpoch(e + 1, trainLoss.applyAsDouble(e), validation.applyAsDouble(e), 1, 100, "lr 0.001"));
    }
    return new AutoencoderSummary(stats, epochs, 100, validationRows, 0, 1, 32, 1, 1, 0.01);
  }

  @Test
  void aCurveThatFlattenedHasLevelledOffAndOneStillFallingHasNot() {
    AutoencoderSummary flat = summary(50, e -> 0.1 + Math.exp(-e / 3.0), e -> Double.NaN, 0);
    assertTrue(flat.levelledOff(), "flat tail: " + flat.finalImprovement());
    AutoencoderSummary falling = summary(50, e -> 1.0 - 0.01 * e, e -> Double.NaN, 0);
    assertFalse(falling.levelledOff(), "still falling 1% an epoch: " + falling.finalImprovement());
    assertEquals(5, AutoencoderSummary.lookBack(50), "a tenth of the run");
  }

  @Test
  void theValidationLossIsWatchedWhenRowsWereHeldOutAndARiseCountsAsLevelledOff() {
    // training loss still falls, but the held-out loss turned up: early stopping's case
    AutoencoderSummary overfitting = summary(40, e -> 1.0 - 0.02 * e, e -> 0.5 + 0.001 * (e - 20) * (e - 20), 30);
    assertTrue(overfitting.levelledOff(), "validation rose: " + overfitting.finalImprovement());
  }

  @Test
  void aShortOrSlowButSteadyRunHasNot() {
    assertFalse(summary(2, e -> 1.0 - 0.1 * e, e -> Double.NaN, 0).levelledOff(), "too few epochs to tell");
    // 0.2% an epoch over three epochs is under 1%, but it is all the run has improved
    AutoencoderSummary slow = summary(3, e -> 1.0 - 0.002 * e, e -> Double.NaN, 0);
    assertFalse(slow.levelledOff(), "steady slow fall: " + slow.finalImprovement());
  }
}
