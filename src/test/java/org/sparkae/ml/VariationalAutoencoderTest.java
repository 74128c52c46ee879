package org.sparkae.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sparkae.Expect.between;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkae.Expect;
import org.sparkae.TestSpark;

/** The variational model through the stage: codes and their log-variances, save/load, outliers, bad params. */
class VariationalAutoencoderTest {
  @TempDir
  static Path dir;
  private static Dataset<Row> normal;
  private static AutoencoderModel model;

  /** Six readings driven by two hidden factors, so a 2-d code explains them. */
  private static Dataset<Row> readings(long seed, int rows, String extra) {
    Dataset<Row> raw = TestSpark.session().sql("SELECT id, a, b, a + b AS s, a - b AS d, a * b AS p, "
        + "0.5 * a + 0.1 AS h FROM (SELECT id, rand(" + seed + ") AS a, rand(" + (seed + 1) + ") AS b FROM range("
        + rows + "))" + extra);
    return new VectorAssembler().setInputCols(new String[] {"a", "b", "s", "d", "p", "h"}).setOutputCol("features")
        .transform(raw);
  }

  @BeforeAll
  static void fit() {
    normal = readings(1, 600, "").cache();
    model = new Autoencoder().setVariational(true).setEncoderLayers(16).setLatentSize(2).setMaxEpochs(40)
        .setSeed(5).setLatentLogVarCol("latentLogVar").fit(normal);
  }

  @Test
  void codesAreMeansWithLogVariancesAndTheLossFallsFinite() {
    List<Row> rows = model.transform(normal).select("latent", "latentLogVar", "reconstructionError").collectAsList();
    for (Row row : rows) {
      assertEquals(2, ((Vector) row.get(0)).size());
      assertEquals(2, ((Vector) row.get(1)).size());
      for (double logVar : ((Vector) row.get(1)).toArray()) {
        between(-20, 5, logVar, "log-variance");
      }
    }
    double[] loss = model.summary().trainingLoss();
    assertTrue(Double.isFinite(loss[loss.length - 1]) && loss[loss.length - 1] < 0.8 * loss[0],
        "the loss (reconstruction + KL) falls: " + java.util.Arrays.toString(loss));
    assertEquals(rows.size(), model.transform(normal).where(Expect.finite("reconstructionError")).count());
  }

  @Test
  void rowsOffTheLearnedStructureScoreHigher() {
    Dataset<Row> test = readings(7, 300, "").withColumn("label", functions.lit(0.0))
        .union(readings(9, 30, "").withColumn("label", functions.lit(1.0))
            .withColumn("features", functions.udf((Vector v) -> shuffled(v),
                new org.apache.spark.ml.linalg.VectorUDT()).apply(functions.col("features"))));
    double auroc = new BinaryClassificationEvaluator().setRawPredictionCol("reconstructionError")
        .setLabelCol("label").evaluate(model.transform(test));
    between(0.9, 1, auroc, "AUROC of rows whose readings no longer fit together");
  }

  private static double[] errors(Dataset<Row> scored) {
    return scored.orderBy("id").select("reconstructionError").collectAsList().stream()
        .mapToDouble(r -> r.getDouble(0)).toArray();
  }

  private static double max(double[] values) {
    return java.util.Arrays.stream(values).max().orElseThrow();
  }

  /** The same readings in another order: each value plausible, their relations broken. */
  private static Vector shuffled(Vector v) {
    double[] x = v.toArray();
    return org.apache.spark.ml.linalg.Vectors.dense(x[3], x[5], x[0], x[4], x[1], x[2]);
  }

  @Test
  void savedAndLoadedGivesIdenticalOutputsAndTheSameSeedTrainsTheSameModel() throws Exception {
    String path = dir.resolve("vae").toString();
    model.write().overwrite().save(path);
    AutoencoderModel loaded = AutoencoderModel.load(path);
    assertTrue(loaded.getVariational());
    assertEquals(model.getKlWeight(), loaded.getKlWeight());
    String[] cols = {"latent", "latentLogVar", "reconstruction", "reconstructionError"};
    List<Row> before = model.transform(normal).select("id", cols).orderBy("id").collectAsList();
    List<Row> after = loaded.transform(normal).select("id", cols).orderBy("id").collectAsList();
    assertEquals(before, after, "a loaded variational model scores exactly as the saved one");

    AutoencoderModel again = new Autoencoder().setVariational(true).setEncoderLayers(16).setLatentSize(2)
        .setMaxEpochs(40).setSeed(5).fit(normal);
    assertArrayEquals(model.parameters(), again.parameters(),
        "seeded sampling: the same seed trains the same weights");
  }

  @Test
  void theDecoderMapsCodesToReconstructionsAndSavesAndLoads() throws Exception {
    Dataset<Row> scored = model.transform(normal).select("id", "latent", "reconstruction");
    AutoencoderDecoder decoder = model.decoder();
    List<Row> decoded = decoder.transform(scored).select("reconstruction", "decoded").collectAsList();
    for (Row row : decoded) {
      assertArrayEquals(((Vector) row.get(0)).toArray(), ((Vector) row.get(1)).toArray(), 1e-5,
          "decoding a row's code gives its reconstruction");
    }
    String path = dir.resolve("decoder").toString();
    decoder.setOutputCol("out").write().overwrite().save(path);
    AutoencoderDecoder loaded = AutoencoderDecoder.load(path);
    assertEquals("out", loaded.getOutputCol());
    assertEquals(decoder.setOutputCol("out").transform(scored).select("out").collectAsList(),
        loaded.transform(scored).select("out").collectAsList(), "a loaded decoder decodes exactly as the saved one");
    IllegalArgumentException wrongWidth = assertThrows(IllegalArgumentException.class,
        () -> decoder.setInputCol("features").transformSchema(normal.schema()));
    assertTrue(wrongWidth.getMessage().contains("'features'"), wrongWidth.getMessage());
  }

  @Test
  void interpolationDecodesEvenlySpacedCodesBetweenTwoEnds() {
    List<Row> ends = model.transform(normal).select("latent").limit(2).collectAsList();
    Vector a = (Vector) ends.get(0).get(0);
    Vector b = (Vector) ends.get(1).get(0);
    AutoencoderDecoder decoder = model.decoder().setInputCol("code");
    List<Row> walk = decoder.interpolate(TestSpark.session(), a, b, 5).select("code", "decoded").collectAsList();
    assertEquals(5, walk.size());
    assertArrayEquals(a.toArray(), ((Vector) walk.get(0).get(0)).toArray(), 1e-12, "starts at the first code");
    assertArrayEquals(b.toArray(), ((Vector) walk.get(4).get(0)).toArray(), 1e-12, "ends at the second");
    double[] quarter = ((Vector) walk.get(1).get(0)).toArray();
    for (int k = 0; k < quarter.length; k++) {
      assertEquals(0.75 * a.apply(k) + 0.25 * b.apply(k), quarter[k], 1e-12, "evenly spaced, value " + k);
    }
    assertEquals(decoder.transform(TestSpark.session().createDataFrame(walk, walk.get(0).schema()).select("code"))
        .select("decoded").collectAsList(), walk.stream().map(r -> RowFactory.create(r.get(1))).toList(),
        "each code decoded as the decoder decodes it");
    assertThrows(IllegalArgumentException.class, () -> decoder.interpolate(TestSpark.session(), a, b, 1));
  }

  @Test
  void samplesAreDrawnFromThePriorReproducibly() {
    Dataset<Row> samples = model.sample(TestSpark.session(), 50, 3);
    List<Row> first = samples.select("code", "sample").collectAsList();
    assertEquals(50, first.size());
    assertEquals(first, model.sample(TestSpark.session(), 50, 3).repartition(3).orderBy("id")
        .select("code", "sample").collectAsList(), "the same seed draws the same rows on any partitioning");
    assertTrue(!first.equals(model.sample(TestSpark.session(), 50, 4).select("code", "sample").collectAsList()),
        "another seed draws other rows");
    for (Row row : first) {
      // The readings a and b lie in [0, 1]; samples of a trained model stay near that range.
      double[] x = ((Vector) row.get(1)).toArray();
      between(-1, 2, x[0], "a generated reading");
    }
    AutoencoderModel plain = new Autoencoder().setEncoderLayers(4).setLatentSize(2).setMaxEpochs(1).fit(normal);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> plain.sample(TestSpark.session(), 5, 1));
    assertTrue(e.getMessage().contains("variational"), e.getMessage());
  }

  @Test
  void probabilisticScoresFlagOutliersReproduciblyAndSurviveSaveLoad() throws Exception {
    AutoencoderModel elbo = new Autoencoder().setVariational(true).setEncoderLayers(16).setLatentSize(2)
        .setMaxEpochs(40).setSeed(5).setVariationalScore("elbo").fit(normal);
    AutoencoderModel probability = elbo.copy(new org.apache.spark.ml.param.ParamMap()
        .put(elbo.variationalScore().w("reconstructionProbability")));
    assertThrows(IllegalArgumentException.class, () -> probability.transformSchema(normal.schema()),
        "the threshold was learned on the ELBO: another score is refused");

    Dataset<Row> test = readings(7, 300, "").withColumn("label", functions.lit(0.0))
        .union(readings(9, 30, "").withColumn("label", functions.lit(1.0)).withColumn("id", functions.expr("id + 1000"))
            .withColumn("features", functions.udf((Vector v) -> shuffled(v),
                new org.apache.spark.ml.linalg.VectorUDT()).apply(functions.col("features"))));
    Dataset<Row> scored = elbo.transform(test).cache();
    double auroc = new BinaryClassificationEvaluator().setRawPredictionCol("reconstructionError")
        .setLabelCol("label").evaluate(scored);
    between(0.9, 1, auroc, "AUROC of the negative ELBO");
    double rate = scored.where("label = 0 AND outlier").count() / 300.0;
    between(0, 0.05, rate, "normal rows flagged at contamination 0.01");
    double[] first = errors(scored);
    // A row's draws are its own; only the last bits of the minibatch's matrix products may differ.
    assertArrayEquals(first, errors(elbo.transform(test.repartition(3))), 1e-4 * max(first),
        "the same score in any partition");

    String path = dir.resolve("elbo").toString();
    elbo.write().overwrite().save(path);
    AutoencoderModel loaded = AutoencoderModel.load(path);
    assertArrayEquals(first, errors(loaded.transform(test)), 0, "a loaded model scores exactly as the saved one");
    scored.unpersist();
  }

  @Test
  void aDenoisingVariationalFitCheckpointsAndResumes() {
    String checkpoints = dir.resolve("vae-checkpoints").toString();
    Autoencoder denoising = new Autoencoder().setVariational(true).setEncoderLayers(16).setLatentSize(2)
        .setMaxEpochs(4).setSeed(8).setNoiseType("gaussian").setNoiseLevel(0.1).setCheckpointDir(checkpoints);
    AutoencoderModel first = denoising.fit(normal);
    AutoencoderModel resumed = denoising.fit(normal);
    assertArrayEquals(first.parameters(), resumed.parameters(), "a finished checkpointed fit is taken up, not redone");
    AutoencoderModel longer = denoising.copy(new org.apache.spark.ml.param.ParamMap()).setMaxEpochs(6).fit(normal);
    assertEquals(6, longer.summary().numEpochs(), "a longer run continues from the checkpoint");
    AutoencoderModel fresh = new Autoencoder().setVariational(true).setEncoderLayers(16).setLatentSize(2)
        .setMaxEpochs(6).setSeed(8).setNoiseType("gaussian").setNoiseLevel(0.1).fit(normal);
    assertArrayEquals(fresh.parameters(), longer.parameters(), 1e-6f, "resuming trains what one run trains");
  }

  @Test
  void aConvolutionalNetIsVariationalToo() {
    Dataset<Row> images = TestSpark.uniformRows(96, 64, 4);
    AutoencoderModel conv = new Autoencoder().setVariational(true).setInputShape(1, 8, 8).setConvFilters(4)
        .setEncoderLayers(8).setLatentSize(2).setMaxEpochs(2).setBatchSize(16).setLatentLogVarCol("lv").fit(images);
    List<Row> rows = conv.transform(images).select("latent", "lv", "reconstruction").collectAsList();
    assertEquals(96, rows.size());
    assertEquals(2, ((Vector) rows.get(0).get(1)).size());
    assertEquals(64, ((Vector) rows.get(0).get(2)).size());
  }

  @Test
  void badSettingsFailClearly() {
    assertThrows(IllegalArgumentException.class, () -> new Autoencoder().setKlWeight(-0.1));
    Autoencoder plain = new Autoencoder().setEncoderLayers(4).setLatentSize(2).setMaxEpochs(1);
    AutoencoderModel plainModel = plain.fit(normal);
    IllegalArgumentException logVar = assertThrows(IllegalArgumentException.class,
        () -> plainModel.copy(new org.apache.spark.ml.param.ParamMap()).setLatentLogVarCol("lv")
            .transformSchema(normal.schema()));
    assertTrue(logVar.getMessage().contains("latentLogVarCol") && logVar.getMessage().contains("variational"),
        logVar.getMessage());
    IllegalArgumentException plainScore = assertThrows(IllegalArgumentException.class,
        () -> new Autoencoder().setVariationalScore("elbo").transformSchema(normal.schema()));
    assertTrue(plainScore.getMessage().contains("variationalScore"), plainScore.getMessage());
    IllegalArgumentException convCode = assertThrows(IllegalArgumentException.class,
        () -> new Autoencoder().setVariational(true).setInputShape(1, 4, 4).setConvFilters(2).setEncoderLayers()
            .setLatentSize(0).transformSchema(TestSpark.idFeaturesSchema(16)));
    assertTrue(convCode.getMessage().contains("variational"), convCode.getMessage());
  }
}
