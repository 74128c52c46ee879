package org.sparkae.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkae.TestSpark;

/**
 * NoiseCorruptor -> Autoencoder -> LogisticRegression on the latent codes: fits on the sample,
 * saves and loads with MLlib's own Pipeline persistence, and the reloaded model gives identical
 * outputs. Also MLWriter semantics for the model on its own.
 */
class PipelinePersistenceTest {
  @TempDir
  static Path dir;
  private static PipelineModel fitted;

  @BeforeAll
  static void fit() {
    Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
        new NoiseCorruptor().setInputCol("features").setOutputCol("noisy").setNoiseType("gaussian")
            .setNoiseLevel(0.1).setSeed(5),
        new Autoencoder().setInputCol("noisy").setEncoderLayers(128).setLatentSize(16).setBatchSize(32)
            .setMaxEpochs(3).setSeed(5),
        new LogisticRegression().setFeaturesCol("latent").setLabelCol("label").setMaxIter(50)});
    fitted = pipeline.fit(TestSpark.sampleTrain());
  }

  @Test
  void reloadedPipelineGivesIdenticalPredictions() throws IOException {
    String path = TestSpark.path(dir, "pipeline");
    fitted.write().save(path);
    PipelineModel loaded = PipelineModel.load(path);
    List<Row> before = score(fitted);
    List<Row> after = score(loaded);
    assertEquals(before.size(), after.size());
    for (int i = 0; i < before.size(); i++) {
      assertEquals(before.get(i).getDouble(0), after.get(i).getDouble(0), "prediction of row " + i);
      assertArrayEquals(((Vector) before.get(i).get(1)).toArray(), ((Vector) after.get(i).get(1)).toArray(),
          "latent of row " + i);
      assertEquals(before.get(i).getDouble(2), after.get(i).getDouble(2), "error of row " + i);
    }
    double accuracy = after.stream().filter(r -> r.getDouble(0) == r.getDouble(3)).count() / (double) after.size();
    assertTrue(accuracy > 0.6, "a classifier on 16-dim codes should beat chance by far; got " + accuracy);
    AutoencoderModel ae = (AutoencoderModel) loaded.stages()[1];
    assertEquals(3, ae.summary().numEpochs(), "the training summary is saved with the model");
  }

  @Test
  void modelSaveFollowsMllibOverwriteSemantics() throws IOException {
    AutoencoderModel model = (AutoencoderModel) fitted.stages()[1];
    String path = TestSpark.path(dir, "model");
    model.write().save(path);
    IOException again = assertThrows(IOException.class, () -> model.write().save(path));
    assertTrue(again.getMessage().contains("already exists"), again.getMessage());
    model.copy(new org.apache.spark.ml.param.ParamMap()).setThreshold(0.5).write().overwrite().save(path);
    AutoencoderModel loaded = AutoencoderModel.load(path);
    assertEquals(0.5, loaded.getThreshold());
    assertEquals(model.uid(), loaded.uid());
    assertArrayEquals(model.parameters(), loaded.parameters());
    assertEquals("noisy", loaded.getInputCol());
    try (var files = Files.list(dir)) {
      assertTrue(files.noneMatch(f -> f.getFileName().toString().contains(".tmp-")), "no temp dirs left behind");
    }
  }

  @Test
  void estimatorAndCorruptorRoundTripTheirParams() throws IOException {
    Autoencoder ae = new Autoencoder().setLatentSize(7).setEncoderLayers(50, 20).setNoiseType("masking")
        .setNoiseLevel(0.3).setHandleInvalid("skip");
    String path = TestSpark.path(dir, "estimator");
    ae.write().save(path);
    Autoencoder loaded = Autoencoder.load(path);
    assertEquals(ae.uid(), loaded.uid());
    assertEquals(7, loaded.getLatentSize());
    assertArrayEquals(new int[] {50, 20}, loaded.getEncoderLayers());
    assertEquals("masking", loaded.getNoiseType());
    assertEquals("skip", loaded.getHandleInvalid());

    NoiseCorruptor nc = (NoiseCorruptor) fitted.stages()[0];
    String ncPath = TestSpark.path(dir, "corruptor");
    nc.write().save(ncPath);
    NoiseCorruptor ncLoaded = NoiseCorruptor.load(ncPath);
    Dataset<Row> sample = TestSpark.sampleTest().limit(5);
    assertEquals(nc.transform(sample).select("noisy").collectAsList(),
        ncLoaded.transform(sample).select("noisy").collectAsList());
  }

  @Test
  void loadingAnotherStageAsAModelFailsClearly() throws IOException {
    String path = TestSpark.path(dir, "not-a-model");
    new Autoencoder().write().save(path);
    Exception e = assertThrows(IllegalArgumentException.class, () -> AutoencoderModel.load(path));
    assertTrue(e.getMessage().contains("org.sparkae.ml.Autoencoder")
        && e.getMessage().contains("org.sparkae.ml.AutoencoderModel"), e.getMessage());
  }

  @Test
  void corruptedParameterFileIsRefused() throws IOException {
    AutoencoderModel model = (AutoencoderModel) fitted.stages()[1];
    Path modelDir = dir.resolve("corrupt");
    model.write().save(modelDir.toUri().toString());
    Path params = modelDir.resolve("data/params.bin");
    byte[] bytes = Files.readAllBytes(params);
    bytes[bytes.length / 2] ^= 0x5a;
    Files.write(params, bytes);
    Exception corrupted = assertThrows(IllegalArgumentException.class,
        () -> AutoencoderModel.load(modelDir.toUri().toString()));
    assertTrue(corrupted.getMessage().contains("corrupted"), corrupted.getMessage());
    // Without Hadoop's local .crc side file (as on S3), the SHA-256 in model.json catches it.
    Files.deleteIfExists(modelDir.resolve("data/.params.bin.crc"));
    Exception bySha = assertThrows(IllegalArgumentException.class,
        () -> AutoencoderModel.load(modelDir.toUri().toString()));
    assertTrue(bySha.getMessage().contains("SHA-256"), bySha.getMessage());
    Files.write(params, java.util.Arrays.copyOf(bytes, 100));
    Exception truncated = assertThrows(IllegalArgumentException.class,
        () -> AutoencoderModel.load(modelDir.toUri().toString()));
    assertTrue(truncated.getMessage().contains("truncated"), truncated.getMessage());
  }

  private static List<Row> score(PipelineModel model) {
    return model.transform(TestSpark.sampleTest()).select("prediction", "latent", "reconstructionError", "label")
        .collectAsList();
  }
}
