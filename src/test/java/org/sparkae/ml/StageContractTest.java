package org.sparkae.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.sparkae.ml.StageContract.assertCopyKeepsUidAndValues;
import static org.sparkae.ml.StageContract.assertJavaSerializable;
import static org.sparkae.ml.StageContract.assertSaveLoadKeepsEveryParam;
import static org.sparkae.ml.StageContract.assertSchemaMatchesTransform;
import static org.sparkae.ml.StageContract.assertStreamingMatchesBatch;
import static org.sparkae.ml.StageContract.assertValidatorsMatchTheDocs;
import static org.sparkae.ml.StageContract.withEveryParamChanged;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkae.TestSpark;

/** The MLlib stage contract (see {@link StageContract}) for Autoencoder, AutoencoderModel and NoiseCorruptor. */
class StageContractTest {
  /** What a fitted model's network was built from: fixed at fit, so not changed on the model. */
  private static final Set<String> FIXED_AT_FIT = Set.of("inputShape", "convFilters", "convKernelSize",
      "convRefineLayers", "encoderLayers", "latentSize", "activation", "latentActivation", "outputActivation", "loss",
      "inputScaling", "errorScaling", "variational", "klWeight",
      "variationalScore", "variationalSamples");
  private static final String[] MODEL_OUTPUTS = {"latent", "reconstruction", "reconstructionError", "outlier"};

  @TempDir
  Path dir;

  private static Dataset<Row> rows;
  private static AutoencoderModel model;

  @BeforeAll
  static void fit() {
    rows = TestSpark.uniformRows(120, 6, 3).withColumn("id", functions.monotonically_increasing_id()).cache();
    model = new Autoencoder().setEncoderLayers(5).setLatentSize(2).setMaxEpochs(2).setBatchSize(16).fit(rows);
  }

  private static NoiseCorruptor corruptor() {
    return new NoiseCorruptor().setInputCol("features").setOutputCol("noisy").setNoiseType("saltpepper")
        .setNoiseLevel(0.2).setSeed(4);
  }

  @Test
  void theEstimatorKeepsEveryParamThroughSaveLoadSerializationAndCopy() throws Exception {
    Autoencoder changed = withEveryParamChanged(new Autoencoder(), Set.of());
    assertSaveLoadKeepsEveryParam(changed, dir, Autoencoder::load);
    assertJavaSerializable(changed);
    assertCopyKeepsUidAndValues(changed, changed.latentSize());
    assertValidatorsMatchTheDocs(changed);
  }

  @Test
  void theModelKeepsEveryParamThroughSaveLoadSerializationAndCopy() throws Exception {
    AutoencoderModel changed = withEveryParamChanged(model, FIXED_AT_FIT);
    AutoencoderModel loaded = assertSaveLoadKeepsEveryParam(changed, dir, AutoencoderModel::load);
    assertArrayEquals(changed.parameters(), loaded.parameters());
    AutoencoderModel shipped = assertJavaSerializable(model);
    assertEquals(scores(model), scores(shipped), "a Java-serialized model scores as the original");
    assertCopyKeepsUidAndValues(model, model.threshold());
    assertValidatorsMatchTheDocs(model);
  }

  @Test
  void theCorruptorKeepsEveryParamThroughSaveLoadSerializationAndCopy() throws Exception {
    NoiseCorruptor changed = withEveryParamChanged(corruptor(), Set.of());
    assertSaveLoadKeepsEveryParam(changed, dir, NoiseCorruptor::load);
    assertJavaSerializable(changed);
    assertCopyKeepsUidAndValues(changed, changed.noiseLevel());
    assertValidatorsMatchTheDocs(changed);
  }

  @Test
  void theDecoderKeepsEveryParamThroughSaveLoadSerializationAndCopy() throws Exception {
    AutoencoderDecoder changed = withEveryParamChanged(model.decoder(), Set.of());
    AutoencoderDecoder loaded = assertSaveLoadKeepsEveryParam(changed, dir, AutoencoderDecoder::load);
    assertArrayEquals(model.parameters(), loaded.model().parameters());
    assertJavaSerializable(changed);
    assertCopyKeepsUidAndValues(changed, changed.batchSize());
    assertValidatorsMatchTheDocs(changed);
  }

  @Test
  void aJavaSerializedPipelineScoresAsTheOriginal() throws Exception {
    PipelineModel pipeline = new PipelineModel("pipeline", new Transformer[] {corruptor(),
        model.copy(new org.apache.spark.ml.param.ParamMap()).setInputCol("noisy")});
    PipelineModel shipped = (PipelineModel) assertJavaSerializable(pipeline);
    assertEquals(pipeline.transform(rows).select("id", MODEL_OUTPUTS).collectAsList(),
        shipped.transform(rows).select("id", MODEL_OUTPUTS).collectAsList());
  }

  @Test
  void aModelAndItsCopiesShipTheirWeightsInOneBroadcast() {
    AutoencoderModel copy = model.copy(new org.apache.spark.ml.param.ParamMap()).setThreshold(0.5);
    assertSame(model.broadcastWeights(TestSpark.session()), copy.broadcastWeights(TestSpark.session()));
  }

  @Test
  void transformSchemaIsWhatTransformProduces() {
    assertSchemaMatchesTransform(model, rows);
    assertSchemaMatchesTransform(model.copy(new org.apache.spark.ml.param.ParamMap()).setLatentCol("")
        .setReconstructionCol(""), rows);
    assertSchemaMatchesTransform(corruptor(), rows);
    assertSchemaMatchesTransform(model.decoder(), model.transform(rows).select("id", "latent"));
    assertSchemaMatchesTransform(corruptor(), rows.withColumn("features",
        org.apache.spark.ml.functions.vector_to_array(functions.col("features"), "float64")));
  }

  @Test
  void streamsAreScoredLikeBatches() throws Exception {
    assertStreamingMatchesBatch(model, rows, "id", MODEL_OUTPUTS, dir);
    assertStreamingMatchesBatch(corruptor(), rows, "id", new String[] {"noisy"}, dir);
    assertStreamingMatchesBatch(model.decoder(), model.transform(rows).select("id", "latent"), "id",
        new String[] {"decoded"}, dir);
  }

  private static List<Row> scores(AutoencoderModel m) {
    return m.transform(rows).select("id", MODEL_OUTPUTS).orderBy("id").collectAsList();
  }
}
