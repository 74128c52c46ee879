package org.sparkae.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The documented formulas, at the sizes the docs quote. */
class TrainingPlanTest {

  @Test
  void smallDataTrainsOnOneWorkerAndLargeDataOnAll() {
    assertEquals(1, TrainingPlan.workers(2, 300, 128, 5));
    assertEquals(1, TrainingPlan.workers(8, 2559, 128, 5), "under four rounds of 640 rows");
    assertEquals(2, TrainingPlan.workers(8, 5120, 128, 5));
    assertEquals(2, TrainingPlan.workers(2, 60_000, 128, 5), "never more than Spark's parallelism");
  }

  @Test
  void smallDataGetsSmallerMinibatchesUnlessTheBatchSizeWasSet() {
    assertEquals(new TrainingPlan(1, 32, 10, 100), TrainingPlan.of(300, 1, 128, false, 5, 0),
        "300 rows: minibatches of 32, the epoch in one round, 100 passes (the cap)");
    assertEquals(new TrainingPlan(1, 46, 66, 61), TrainingPlan.of(3000, 1, 128, false, 5, 0),
        "3,000 rows: a 64th of them per minibatch, epochs for the step budget");
    assertEquals(new TrainingPlan(1, 128, 5, 100), TrainingPlan.of(300, 1, 128, true, 5, 0), "a set batchSize stays");
    assertEquals(new TrainingPlan(2, 128, 5, 18), TrainingPlan.of(60_000, 2, 128, false, 5, 0),
        "60,000 rows on 2 workers: 235 steps an epoch each, 18 epochs for the step budget");
    assertEquals(new TrainingPlan(2, 128, 5, 10), TrainingPlan.of(1_000_000, 2, 128, false, 5, 0), "at least ten");
    assertEquals(7, TrainingPlan.of(300, 1, 128, false, 5, 7).epochs(), "a set maxEpochs stays");
  }
}
