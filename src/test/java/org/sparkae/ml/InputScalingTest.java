package org.sparkae.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkae.TestSpark;
import org.sparkae.nn.FeatureScaling;

/**
 * Raw tabular columns (Pima diabetes: counts, mmHg, mg/dl, insulin in the hundreds) go into the stage
 * with nothing but inputCol set: the stage learns a scaling, trains and scores in the scaled space and
 * gives reconstructions back in the data's units.
 */
class InputScalingTest {
  private static Dataset<Row> table;
  private static AutoencoderModel model;

  @TempDir
  Path dir;

  @BeforeAll
  static void fit() {
    table = TestSpark.suiteTable("pima").cache();
    model = new Autoencoder().setInputCol("features").setMaxEpochs(5).fit(table);
  }

  @Test
  void rawColumnsOfAnyScaleTrainWithDefaultsAndGetStandardized() {
    assertEquals("standard", model.getInputScaling(), "raw columns outside [0, 1] are standardized");
    assertEquals("identity", model.getOutputActivation(), "standardized data needs an unbounded output");
    FeatureScaling scaling = model.learnedInputScaling();
    double glucoseMean = table.selectExpr("avg(glucose)").first().getDouble(0);
    assertEquals(glucoseMean, scaling.shift()[1], 1e-3 * glucoseMean, "shift of 'glucose' is its mean");

    List<Row> scored = model.transform(table).select("reconstructionError", "reconstruction").collectAsList();
    double reconstructedGlucose = 0;
    for (Row r : scored) {
      double error = r.getDouble(0);
      assertTrue(Double.isFinite(error) && error < 50, "error in the scaled space, got " + error);
      reconstructedGlucose += ((Vector) r.get(1)).apply(1) / scored.size();
    }
    assertEquals(glucoseMean, reconstructedGlucose, 0.1 * glucoseMean, "reconstructions are in the data's units");
    // The threshold was learned on the same scaled errors.
    assertTrue(model.getThreshold() < 50 && model.getThreshold() > 0, "threshold " + model.getThreshold());
    double auroc = new BinaryClassificationEvaluator().setRawPredictionCol("reconstructionError")
        .evaluate(model.transform(table));
    assertTrue(auroc > 0.55, "diabetic rows reconstruct worse than the others: AUROC " + auroc);
  }

  @Test
  void sizesFollowANarrowInput() {
    // 8 columns: a code of round(1.15 * sqrt(8)) = 3 values behind one hidden layer of 16, not 784-style widths.
    assertArrayEquals(new int[] {16}, model.getEncoderLayers());
    assertEquals(3, model.getLatentSize());
    assertEquals(3, ((Vector) model.transform(table).select("latent").first().get(0)).size());
  }

  @Test
  void aSizeLeftUnsetFollowsTheInputWhenTheOtherIsSet() {
    AutoencoderModel layersSet = new Autoencoder().setEncoderLayers(32).setMaxEpochs(1).fit(table);
    assertEquals(3, layersSet.getLatentSize(), "the code follows the 8 columns, not the 784-pixel default of 32");
    AutoencoderModel codeSet = new Autoencoder().setLatentSize(10).setMaxEpochs(1).fit(table);
    assertArrayEquals(new int[] {20}, codeSet.getEncoderLayers(), "twice the code set, wider than 2d = 16");
  }

  @Test
  void theScalingIsSavedAndReloadedWithIdenticalOutputs() throws Exception {
    String path = dir.resolve("model").toString();
    model.save(path);
    AutoencoderModel loaded = AutoencoderModel.load(path);
    assertEquals(model.learnedInputScaling(), loaded.learnedInputScaling());
    assertEquals("standard", loaded.getInputScaling());
    List<Row> a = model.transform(table).select("reconstructionError", "latent").collectAsList();
    List<Row> b = loaded.transform(table).select("reconstructionError", "latent").collectAsList();
    assertEquals(a, b);
  }

  @Test
  void explicitSettingsWinOverAuto() {
    Autoencoder ae = new Autoencoder().setInputCol("features").setMaxEpochs(1).setInputScaling("minmax");
    AutoencoderModel minmax = ae.fit(table);
    assertEquals("minmax", minmax.getInputScaling());
    assertEquals("sigmoid", minmax.getOutputActivation(), "min-max scaled training rows lie in [0, 1]");
    double maxInsulin = table.selectExpr("max(insulin)").first().getInt(0);
    assertEquals(1 / maxInsulin, minmax.learnedInputScaling().scale()[4], 1e-6, "insulin's range is [0, max]");

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ae.setInputScaling("none").setOutputActivation("sigmoid").fit(table));
    assertTrue(e.getMessage().contains("inputScaling") && e.getMessage().contains("features"), e.getMessage());
  }

  @Test
  void negativeColumnsInTheThousandsFitAndScoreWithDefaults() {
    Dataset<Row> ledger = TestSpark.session().sql("SELECT array(-500 * rand(1), 1000 * randn(2) - 3000, "
        + "-0.001 * rand(3), 40 * randn(4)) AS features FROM range(300)");
    AutoencoderModel m = new Autoencoder().setInputCol("features").setMaxEpochs(5).fit(ledger);
    assertEquals("standard", m.getInputScaling());
    assertEquals("identity", m.getOutputActivation());
    double meanSecond = ledger.selectExpr("avg(features[1])").first().getDouble(0);
    assertEquals(meanSecond, m.learnedInputScaling().shift()[1], 1e-4 * Math.abs(meanSecond));
    List<Row> scored = m.transform(ledger).select("reconstructionError", "reconstruction").collectAsList();
    double reconstructedSecond = 0;
    for (Row r : scored) {
      assertTrue(Double.isFinite(r.getDouble(0)) && r.getDouble(0) < 50, "scaled-space error " + r.getDouble(0));
      reconstructedSecond += ((Vector) r.get(1)).apply(1) / scored.size();
    }
    assertEquals(meanSecond, reconstructedSecond, 100, "reconstructions in the column's units (sd 1,000)");
  }

  @Test
  void dataInTheUnitRangeKeepsItsValuesAndASigmoid() {
    Dataset<Row> pixels = TestSpark.session().sql("SELECT array(rand(1), rand(2), rand(3), rand(4)) AS features "
        + "FROM range(200)");
    AutoencoderModel m = new Autoencoder().setEncoderLayers(4).setLatentSize(2).setMaxEpochs(1).fit(pixels);
    assertEquals("none", m.getInputScaling());
    assertEquals("sigmoid", m.getOutputActivation());
    assertEquals(null, m.learnedInputScaling());
    assertArrayEquals(new int[] {4}, m.getEncoderLayers());
  }
}
