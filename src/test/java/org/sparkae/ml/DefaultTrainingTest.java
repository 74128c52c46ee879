package org.sparkae.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sparkae.TestSpark;
import org.sparkae.train.TrainingPlan;

/**
 * With nothing but inputCol set, 300 raw table rows train on one worker (no averaging rounds over a few
 * rows each) with a tenth held out for early stopping, minibatches of 32 and the passes of the step budget;
 * the summary says whether the loss had levelled off. Explicit settings still win.
 */
class DefaultTrainingTest {
  private static Dataset<Row> rows300;

  @BeforeAll
  static void table() {
    rows300 = TestSpark.suiteTable("pima").limit(300).repartition(2).cache();
  }

  @Test
  void threeHundredRowsTrainWithThePlannedDefaults() {
    AutoencoderSummary summary = new Autoencoder().setInputCol("features").fit(rows300).summary();
    assertEquals(1, summary.numWorkers(), "300 rows are not split over workers");
    assertEquals(300, summary.numTrainingRows() + summary.numValidationRows());
    assertTrue(summary.numValidationRows() > 10, "a tenth held out for early stopping: " + summary.numValidationRows());
    int planned = TrainingPlan.of(summary.numTrainingRows(), 1, 128, false, 5, false, 0).epochs();
    assertTrue(summary.numEpochs() >= TrainingPlan.MIN_EPOCHS && summary.numEpochs() <= planned,
        "epochs from the step budget (" + planned + ") or fewer when early stopping ends it: " + summary.numEpochs());
    double[] validation = summary.validationLoss();
    assertTrue(validation[validation.length - 1] < 0.6 * validation[0], "learned: " + Arrays.toString(validation));
    assertTrue(Double.isFinite(summary.finalImprovement()), "the summary can tell whether it levelled off");
  }

  @Test
  void explicitEpochsAndWorkersWinAndASummarySaysWhenTrainingHadNotLevelledOff() {
    AutoencoderSummary summary = new Autoencoder().setInputCol("features").setMaxEpochs(3).setNumWorkers(2)
        .setLearningRate(1e-4).fit(rows300).summary();
    assertEquals(3, summary.numEpochs());
    assertEquals(2, summary.numWorkers());
    assertFalse(summary.levelledOff(), "three slow epochs are still falling: " + summary.finalImprovement());
  }
}
