package org.sparkae.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
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
import org.sparkae.nn.LatentDistance;

/**
 * The latent term of the outlier score. Rows are eight noisy mixtures of two factors that come in two clusters,
 * (-1, -1) and (1, 1); outliers mix the same factors at (1, -1) or (-1, 1). Every value of an outlier lies in
 * the normal rows' range and on their plane, so its reconstruction error hardly stands out, but its code lies
 * where no training row's code does.
 */
class LatentDistanceScoreTest {
  private static final int WIDTH = 8;
  private static final int TRAIN_ROWS = 1500;
  private static Dataset<Row> train;
  private static Dataset<Row> test;
  private static AutoencoderModel withLatent;
  private static AutoencoderModel errorOnly;

  @TempDir
  Path dir;

  @BeforeAll
  static void fit() {
    train = rows(TRAIN_ROWS, 0, 21).cache();
    test = rows(300, 60, 22).cache();
    Autoencoder ae = new Autoencoder().setValidationFraction(0).setEncoderLayers(256, 64).setLatentSize(2).setMaxEpochs(30).setSeed(7)
        .setLatentDistanceCol("latentDistance");
    withLatent = ae.fit(train);
    errorOnly = ae.copy(ParamMap.empty()).setLatentDistanceWeight(0).setLatentDistanceCol("").fit(train);
  }

  /** {@code normal} rows then {@code outliers} rows; label 1.0 marks an outlier. */
  private static Dataset<Row> rows(int normal, int outliers, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] mix = new double[WIDTH][2];
    SplittableRandom mixing = new SplittableRandom(1);
    for (double[] m : mix) {
      m[0] = mixing.nextGaussian();
      m[1] = mixing.nextGaussian();
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < normal + outliers; i++) {
      boolean outlier = i >= normal;
      double a = rng.nextBoolean() ? 1 : -1;
      double b = outlier ? -a : a;
      a += 0.3 * rng.nextGaussian();
      b += 0.3 * rng.nextGaussian();
      double[] v = new double[WIDTH];
      for (int j = 0; j < WIDTH; j++) {
        v[j] = mix[j][0] * a + mix[j][1] * b + 0.3 * rng.nextGaussian();
      }
      rows.add(RowFactory.create(outlier ? 1.0 : 0.0, Vectors.dense(v)));
    }
    return TestSpark.session().createDataFrame(rows, new StructType()
        .add("label", DataTypes.DoubleType).add("features", new VectorUDT()));
  }

  private static double auroc(Dataset<Row> scored, String column) {
    return new BinaryClassificationEvaluator().setRawPredictionCol(column).setLabelCol("label").evaluate(scored);
  }

  @Test
  void aRowEncodedWhereNoTrainingRowLiesIsFoundByTheDefaultScoreNotByItsErrorAlone() {
    double score = auroc(withLatent.transform(test), "outlierScore");
    double error = auroc(errorOnly.transform(test), "outlierScore");
    // Measured: 0.98 with the latent term, 0.64 by the error alone.
    assertTrue(score > 0.9, "AUROC of the default score: " + score);
    assertTrue(score > error + 0.2, "default score " + score + " vs the error alone " + error);
  }

  @Test
  void theScoreIsTheErrorPlusTheWeightedDistanceAsZScoresOfTheTrainingRows() {
    LatentDistance latent = withLatent.latentDistance();
    assertEquals(1.0, latent.weight(), "the default weight");
    List<Row> scored = withLatent.transform(train)
        .select("reconstructionError", "latentDistance", "outlierScore", "outlier").collectAsList();
    double distanceSum = 0;
    double scoreSum = 0;
    int flagged = 0;
    for (Row r : scored) {
      double expected = (r.getDouble(0) - latent.errorMean()) / latent.errorStd()
          + latent.weight() * (r.getDouble(1) - latent.distanceMean()) / latent.distanceStd();
      assertEquals(expected, r.getDouble(2), 1e-6 * Math.max(1, Math.abs(expected)));
      assertEquals(r.getDouble(2) > withLatent.getThreshold(), r.getBoolean(3));
      distanceSum += r.getDouble(1);
      scoreSum += r.getDouble(2);
      flagged += r.getBoolean(3) ? 1 : 0;
    }
    // Estimated on the three quarters of the codes nearest the centre, the covariance is tighter than all the
    // codes' (under which their mean squared Mahalanobis distance would be k (n - 1) / n = 2).
    assertTrue(distanceSum / TRAIN_ROWS > 2.2, "mean distance " + distanceSum / TRAIN_ROWS);
    assertEquals(0, scoreSum / TRAIN_ROWS, 1e-3, "z-scores of the training rows average 0");
    assertEquals(withLatent.getContamination(), flagged / (double) TRAIN_ROWS, 0.004,
        "training rows above the threshold: the contamination");
  }

  @Test
  void weightZeroScoresByTheErrorAlone() {
    assertNull(errorOnly.latentDistance());
    for (Row r : errorOnly.transform(test).select("reconstructionError", "outlierScore").collectAsList()) {
      assertEquals(r.getDouble(0), r.getDouble(1));
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> errorOnly.copy(ParamMap.empty()).setLatentDistanceCol("d").transformSchema(test.schema()));
    assertTrue(e.getMessage().contains("latentDistanceCol 'd'") && e.getMessage().contains("latentDistanceWeight"),
        e.getMessage());
  }

  @Test
  void theWeightIsFixedAtFit() {
    AutoencoderModel changed = withLatent.copy(new ParamMap().put(withLatent.latentDistanceWeight().w(2.0)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> changed.transformSchema(test.schema()));
    assertTrue(e.getMessage().contains("latentDistanceWeight is fixed at fit"), e.getMessage());
  }

  @Test
  void aSavedModelScoresTheSameAfterLoading() throws Exception {
    String path = dir.resolve("model").toString();
    withLatent.write().save(path);
    AutoencoderModel loaded = AutoencoderModel.load(path);
    assertArrayEquals(scores(withLatent), scores(loaded));
    assertEquals(withLatent.getThreshold(), loaded.getThreshold());
  }

  @Test
  void aModelSavedBeforeTheLatentTermExistedLoadsScoringByItsError() throws Exception {
    String path = dir.resolve("old").toString();
    errorOnly.copy(ParamMap.empty()).setLatentDistanceCol("").write().save(path);
    removeFromMetadata(dir.resolve("old/metadata"), "latentDistanceWeight");
    AutoencoderModel loaded = AutoencoderModel.load(path);
    assertEquals(0.0, loaded.getLatentDistanceWeight());
    assertArrayEquals(scores(errorOnly), scores(loaded));
  }

  @Test
  void aModelSavedBeforeTheSupportExistedReportsThatItsTermUsedEveryCode() throws Exception {
    String path = dir.resolve("before-support").toString();
    withLatent.write().save(path);
    removeFromMetadata(dir.resolve("before-support/metadata"), "latentSupportFraction");
    AutoencoderModel loaded = AutoencoderModel.load(path);
    assertEquals(1.0, loaded.getLatentSupportFraction(), "its latent term was fitted on every code");
    assertArrayEquals(scores(withLatent), scores(loaded));
    withLatent.write().overwrite().save(path);
    assertEquals(withLatent.getLatentSupportFraction(), AutoencoderModel.load(path).getLatentSupportFraction(),
        "a model saved now keeps its support");
  }

  @Test
  void aCodeTooWideForTheLatentTermIsScoredByItsError() {
    Dataset<Row> images = TestSpark.uniformRows(64, 64, 3);
    // Fully convolutional: 32 maps of 4 x 4 make a code of 512 values, past LatentDistance.MAX_WIDTH.
    AutoencoderModel model = new Autoencoder().setInputShape(1, 8, 8).setConvFilters(32).setEncoderLayers()
        .setLatentSize(0).setMaxEpochs(1).setSeed(1).fit(images);
    assertEquals(512, model.networkSpec().latentWidth());
    assertNull(model.latentDistance());
    assertEquals(0.0, model.getLatentDistanceWeight(), "the model reports the weight it scores with");
    for (Row r : model.transform(images).select("reconstructionError", "outlierScore").collectAsList()) {
      assertEquals(r.getDouble(0), r.getDouble(1));
    }
  }

  /** What a model saved before {@code param} existed looks like: not among its params or their defaults. */
  private static void removeFromMetadata(Path metadataDir, String param) throws Exception {
    Path metadata = Files.list(metadataDir).filter(p -> p.getFileName().toString().startsWith("part-"))
        .findFirst().orElseThrow();
    ObjectMapper json = new ObjectMapper();
    ObjectNode node = (ObjectNode) json.readTree(Files.readString(metadata));
    ((ObjectNode) node.get("paramMap")).remove(param);
    ((ObjectNode) node.get("defaultParamMap")).remove(param);
    Files.writeString(metadata, json.writeValueAsString(node) + "\n");
    Files.deleteIfExists(metadata.resolveSibling("." + metadata.getFileName() + ".crc"));
  }

  private static double[] scores(AutoencoderModel model) {
    return model.transform(test).select("outlierScore").collectAsList().stream().mapToDouble(r -> r.getDouble(0))
        .toArray();
  }
}
