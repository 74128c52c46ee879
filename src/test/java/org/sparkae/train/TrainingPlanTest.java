package org.sparkae.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The documented formulas, at the sizes the docs quote. */
class TrainingPlanTest {

  @Test
  void smallDataTrainsOnOneWorkerAndLargeDataOnAll() {
    assertEquals(1, TrainingPlan.workers(2, 300, 128, 5, true));
    assertEquals(1, TrainingPlan.workers(8, 20_000, 128, 5, true), "under four rounds of 2,560 rows on two workers");
    assertEquals(8, TrainingPlan.workers(8, 20_480, 128, 5, true), "then four rounds of 640 rows a worker");
    assertEquals(2, TrainingPlan.workers(2, 60_000, 128, 5, true), "never more than Spark's parallelism");
    assertEquals(1, TrainingPlan.workers(8, 2559, 128, 5, false), "set by hand: under four rounds of 640 rows");
    assertEquals(2, TrainingPlan.workers(8, 5120, 128, 5, false));
  }

  @Test
  void smallDataGetsSmallerMinibatchesUnlessTheBatchSizeWasSet() {
    assertEquals(new TrainingPlan(1, 32, 10, 100), TrainingPlan.of(300, 1, 128, false, 5, false, 0),
        "300 rows: minibatches of 32, the epoch in one round, 100 passes (the cap)");
    assertEquals(new TrainingPlan(1, 46, 66, 61), TrainingPlan.of(3000, 1, 128, false, 5, false, 0),
        "3,000 rows: a 64th of them per minibatch, epochs for the step budget");
    assertEquals(new TrainingPlan(1, 128, 5, 100), TrainingPlan.of(300, 1, 128, true, 5, false, 0), "a set batchSize stays");
    assertEquals(7, TrainingPlan.of(300, 1, 128, false, 5, false, 7).epochs(), "a set maxEpochs stays");
  }

  @Test
  void severalWorkersShareTheDefaultMinibatchAndAverageAboutEveryRoundRows() {
    assertEquals(new TrainingPlan(2, 64, 40, 10), TrainingPlan.of(60_000, 2, 128, false, 5, false, 0),
        "60,000 rows on 2 workers: 64 rows each (128 an averaged step), 2,560 rows a round, 469 steps an epoch");
    assertEquals(new TrainingPlan(2, 64, 36, 29), TrainingPlan.of(18_000, 2, 128, false, 5, false, 0),
        "18,000 rows: 141 steps an epoch in four even rounds (36, 36, 36, 33), not 35 x 4 and a round of 1");
    assertEquals(new TrainingPlan(4, 32, 80, 10), TrainingPlan.of(1_000_000, 4, 128, false, 5, false, 0),
        "4 workers: 32 rows each, never fewer");
    assertEquals(new TrainingPlan(2, 64, 5, 10), TrainingPlan.of(60_000, 2, 128, false, 5, true, 0),
        "a set averagingFrequency stays");
    assertEquals(new TrainingPlan(2, 128, 5, 18), TrainingPlan.of(60_000, 2, 128, true, 5, false, 0),
        "a set batchSize stays, and so does averagingFrequency's default (rounds configured by hand)");
  }
}
