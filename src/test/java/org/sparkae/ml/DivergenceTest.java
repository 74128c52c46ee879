package org.sparkae.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.sparkae.TestSpark;

/** A fit whose numbers overflow fails with the fixes to try; a row the model cannot score is not passed as normal. */
class DivergenceTest {

  @Test
  void aFitWhoseLossOverflowsFailsNamingTheFixesInsteadOfReturningAModel() {
    Dataset<Row> huge = TestSpark.session().sql("SELECT array(1e30 * rand(1), 1e30 * rand(2), 1e30 * rand(3)) "
        + "AS features FROM range(200)");
    Autoencoder ae = new Autoencoder().setInputScaling("none").setMaxEpochs(2).setValidationFraction(0);
    Set<Integer> cachedBefore = cachedRdds();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> ae.fit(huge));
    assertTrue(e.getMessage().contains("diverged") && e.getMessage().contains("learningRate")
        && e.getMessage().contains("inputScaling"), e.getMessage());
    assertEquals(cachedBefore, cachedRdds(), "a failed fit leaves nothing cached");
  }

  @Test
  void aFitThatFailsAfterReadingLeavesNothingCached() {
    Dataset<Row> wide = TestSpark.session().sql("SELECT array(5 * rand(1), 5 * rand(2)) AS features FROM range(50)");
    Set<Integer> cachedBefore = cachedRdds();
    Autoencoder sigmoidOnRawValues = new Autoencoder().setInputScaling("none").setOutputActivation("sigmoid");
    assertThrows(IllegalArgumentException.class, () -> sigmoidOnRawValues.fit(wide));
    assertEquals(cachedBefore, cachedRdds(), "the rows read before the range check are freed");
  }

  private static Set<Integer> cachedRdds() {
    return new HashSet<>(TestSpark.jsc().getPersistentRDDs().keySet());
  }

  @Test
  void aRowWhoseErrorIsNotANumberIsFlaggedAndANaNThresholdIsRefused() {
    Dataset<Row> normal = TestSpark.session().sql("SELECT array(randn(1), randn(2), randn(3), randn(4)) AS features "
        + "FROM range(200)");
    AutoencoderModel model = new Autoencoder().setMaxEpochs(2).fit(normal);
    Dataset<Row> extreme = TestSpark.session().sql("SELECT array(3e38D, -3e38D, 3e38D, -3e38D) AS features");
    List<Row> scored = model.transform(extreme).select("reconstructionError", "outlier").collectAsList();
    double error = scored.get(0).getDouble(0);
    assertTrue(Double.isNaN(error), "the network overflows on this row: " + error);
    assertTrue(scored.get(0).getBoolean(1), "a NaN error is flagged, not passed as normal");
    assertThrows(IllegalArgumentException.class, () -> model.setThreshold(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> new NoiseCorruptor().setClipMin(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> new NoiseCorruptor().setClipMax(Double.NaN));
  }
}
