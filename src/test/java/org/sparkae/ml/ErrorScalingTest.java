package org.sparkae.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkae.TestSpark;

/**
 * errorScaling 'residualStd': rows whose first value is pure noise and whose other eleven follow one
 * hidden factor, which a one-value code captures (the noise it cannot). Outliers break the factor in
 * one value by 0.15; with the plain mean squared error the noise value's large residual hides many of
 * them, scaled by the training residuals' spread they stand out.
 */
class ErrorScalingTest {
  private static final int WIDTH = 12;
  private static Dataset<Row> train;
  private static Dataset<Row> test;
  private static AutoencoderModel plain;
  private static AutoencoderModel scaled;

  @TempDir
  Path dir;

  @BeforeAll
  static void fit() {
    train = rows(2000, 0, 11);
    test = rows(300, 300, 12);
    Autoencoder ae = new Autoencoder().setValidationFraction(0).setEncoderLayers(16).setLatentSize(1).setBatchSize(32)
        .setMaxEpochs(40).setLearningRate(3e-3).setContamination(0.05).setSeed(5);
    plain = ae.fit(train);
    scaled = ae.copy(ParamMap.empty()).setErrorScaling("residualStd").fit(train);
  }

  /** {@code normal} rows then {@code outliers} rows; label 1.0 marks an outlier. */
  private static Dataset<Row> rows(int normal, int outliers, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < normal + outliers; i++) {
      double factor = 0.2 + 0.6 * rng.nextDouble();
      double[] v = new double[WIDTH];
      v[0] = rng.nextDouble();
      for (int j = 1; j < WIDTH; j++) {
        v[j] = factor * (0.5 + 0.5 * j / WIDTH);
      }
      boolean outlier = i >= normal;
      if (outlier) {
        int j = 1 + rng.nextInt(WIDTH - 1);
        v[j] += v[j] < 0.5 ? 0.15 : -0.15;
      }
      rows.add(RowFactory.create(outlier ? 1.0 : 0.0, Vectors.dense(v)));
    }
    return TestSpark.session().createDataFrame(rows, new StructType()
        .add("label", DataTypes.DoubleType).add("features", new VectorUDT()));
  }

  private static double auroc(AutoencoderModel model) {
    return new BinaryClassificationEvaluator().setRawPredictionCol("reconstructionError").setLabelCol("label")
        .evaluate(model.transform(test));
  }

  @Test
  void scalingByTheResidualSpreadFindsTheOutliersThePlainErrorMisses() {
    double plainAuroc = auroc(plain);
    double scaledAuroc = auroc(scaled);
    // Measured: plain 0.62, residualStd 0.95.
    assertTrue(scaledAuroc > 0.9, "AUROC with residualStd: " + scaledAuroc);
    assertTrue(scaledAuroc > plainAuroc + 0.2, "residualStd " + scaledAuroc + " vs plain " + plainAuroc);
  }

  @Test
  void residualStdIsTheSpreadOfTheTrainingResiduals() {
    assertEquals(0, plain.residualStd().length, "no spread without errorScaling");
    float[] std = scaled.residualStd();
    assertEquals(WIDTH, std.length);
    // Recomputed here from the model's own reconstructions of its training rows (all of them: no validation split).
    double[] sum = new double[WIDTH];
    double[] sumSq = new double[WIDTH];
    List<Row> out = scaled.transform(train).select("features", "reconstruction").collectAsList();
    for (Row r : out) {
      double[] x = ((Vector) r.get(0)).toArray();
      double[] y = ((Vector) r.get(1)).toArray();
      for (int j = 0; j < WIDTH; j++) {
        sum[j] += y[j] - x[j];
        sumSq[j] += (y[j] - x[j]) * (y[j] - x[j]);
      }
    }
    for (int j = 0; j < WIDTH; j++) {
      double mean = sum[j] / out.size();
      assertEquals(Math.sqrt(sumSq[j] / out.size() - mean * mean), std[j], 1e-4, "output " + j);
    }
    for (int j = 1; j < WIDTH; j++) {
      assertTrue(std[0] > 3 * std[j], "the noise value spreads most: " + Arrays.toString(std));
    }
  }

  @Test
  void theErrorIsTheMeanOfSquaredScaledResidualsAndTheThresholdIsLearnedOnIt() {
    float[] std = scaled.residualStd();
    double meanStd = 0;
    for (float s : std) {
      meanStd += s / WIDTH;
    }
    for (Row r : scaled.transform(test.limit(20)).select("features", "reconstruction", "reconstructionError")
        .collectAsList()) {
      double[] x = ((Vector) r.get(0)).toArray();
      double[] y = ((Vector) r.get(1)).toArray();
      double expected = 0;
      for (int j = 0; j < WIDTH; j++) {
        double z = (y[j] - x[j]) / (std[j] + meanStd);
        expected += z * z / WIDTH;
      }
      assertEquals(expected, r.getDouble(2), 1e-5 * expected);
    }
    double rate = scaled.transform(train).where("outlier").count() / 2000.0;
    assertEquals(0.05, rate, 0.01, "training rows above the threshold: the contamination");
  }

  @Test
  void aSavedModelScoresTheSameAfterLoading() throws Exception {
    String path = TestSpark.path(dir, "scaled");
    scaled.write().save(path);
    AutoencoderModel loaded = AutoencoderModel.load(path);
    assertEquals("residualStd", loaded.getErrorScaling());
    assertArrayEquals(scaled.residualStd(), loaded.residualStd());
    List<Row> before = scaled.transform(test.limit(5)).select("reconstructionError").collectAsList();
    assertEquals(before, loaded.transform(test.limit(5)).select("reconstructionError").collectAsList());
  }

  @Test
  void theScalingCannotBeChangedOnAFittedModel() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> scaled.transform(test, ParamMap.empty().put(scaled.errorScaling().w("none"))));
    assertTrue(e.getMessage().contains("errorScaling is fixed at fit: this model was fitted with 'residualStd', not "
        + "'none'"), e.getMessage());
  }

  @Test
  void aModelFileWithoutTheSpreadIsRefusedNamingWhatIsMissing() throws Exception {
    String path = TestSpark.path(dir, "tampered");
    scaled.write().save(path);
    Path json = dir.resolve("tampered/data/model.json");
    String text = Files.readString(json);
    Files.writeString(json, text.replaceAll("(?s)\"residualStd\"\\s*:\\s*\\[[^\\]]*\\]", "\"residualStd\" : null"));
    Files.deleteIfExists(dir.resolve("tampered/data/.model.json.crc"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AutoencoderModel.load(path));
    assertTrue(e.getMessage().contains("errorScaling is 'residualStd' but model.json has no residualStd"),
        e.getMessage());
  }
}
