package org.sparkae.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.sparkae.TestSpark;

/** MLlib conventions: defaults, explainParams, copy and uid, CrossValidator (the shared contract: StageContractTest). */
class StageConventionsTest {
  @Test
  void defaultsAreTheDocumentedOnes() {
    Autoencoder ae = new Autoencoder();
    assertEquals("features", ae.getInputCol());
    assertEquals("", ae.getTargetCol());
    assertFalse(ae.isDefined(ae.targetCol()));
    assertEquals("latent", ae.getLatentCol());
    assertEquals("reconstruction", ae.getReconstructionCol());
    assertEquals("reconstructionError", ae.getErrorCol());
    assertEquals("outlier", ae.getOutlierCol());
    assertEquals("", ae.getFeatureErrorsCol());
    assertEquals("", ae.getExplanationCol());
    assertEquals(3, ae.getExplanationTopK());
    assertArrayEquals(new int[0], ae.getInputShape());
    assertArrayEquals(new int[] {32, 64}, ae.getConvFilters());
    assertEquals(3, ae.getConvKernelSize());
    assertEquals(0, ae.getConvRefineLayers());
    assertArrayEquals(new int[] {256, 64}, ae.getEncoderLayers());
    assertEquals(32, ae.getLatentSize());
    assertEquals("relu", ae.getActivation());
    assertEquals("identity", ae.getLatentActivation());
    assertEquals("auto", ae.getOutputActivation());
    assertEquals("auto", ae.getInputScaling());
    assertEquals("mse", ae.getLoss());
    assertEquals(1e-3, ae.getLearningRate());
    assertEquals(1.0, ae.getLearningRateDecay());
    assertEquals(0.0, ae.getL2());
    assertEquals(128, ae.getBatchSize());
    assertEquals(1, ae.getLearningRateDrops());
    assertEquals(0, ae.getMaxEpochs(), "auto: from the step budget");
    assertEquals("none", ae.getNoiseType());
    assertEquals(0.0, ae.getNoiseLevel());
    assertEquals(0.01, ae.getContamination());
    assertEquals("none", ae.getErrorScaling());
    assertEquals(0.1, ae.getValidationFraction());
    assertEquals(0, ae.getNumWorkers());
    assertEquals(5, ae.getAveragingFrequency());
    assertEquals(2, ae.getPrefetchBatches());
    assertEquals("error", ae.getHandleInvalid());
    assertEquals("direct", ae.getTrainingApproach());
    assertEquals("", ae.getExportDir());
    assertEquals("", ae.getCheckpointDir());
    assertEquals(10, ae.getEarlyStoppingPatience());
    assertFalse(ae.getVariational());
    assertEquals(1.0, ae.getKlWeight());
    assertEquals("", ae.getLatentLogVarCol());
    assertEquals("reconstructionError", ae.getVariationalScore());
    assertEquals(10, ae.getVariationalSamples());
    assertEquals(1.0, ae.getLatentDistanceWeight());
    assertEquals(0.75, ae.getLatentSupportFraction());
    assertEquals("outlierScore", ae.getOutlierScoreCol());
    assertEquals("", ae.getLatentDistanceCol());
    assertEquals(50, ae.params().length, "every param has a public accessor Spark can find");
    String explained = ae.explainParams();
    for (var p : ae.params()) {
      assertTrue(explained.contains(p.name() + ": "), p.name());
      assertFalse(p.doc().isBlank(), p.name() + " has a doc");
    }
  }

  @Test
  void copyKeepsUidAndParamsAndAppliesExtras() {
    Autoencoder ae = new Autoencoder().setLatentSize(8);
    Autoencoder copy = ae.copy(new ParamMap().put(ae.maxEpochs().w(3)));
    assertNotSame(ae, copy);
    assertEquals(ae.uid(), copy.uid());
    assertEquals(8, copy.getLatentSize());
    assertEquals(3, copy.getMaxEpochs());
    assertEquals(0, ae.getMaxEpochs(), "the original is untouched");
    assertTrue(new Autoencoder().uid().startsWith("autoencoder_"));
  }

  @Test
  void modelInheritsUidAndParamsFromItsEstimator() {
    Autoencoder ae = new Autoencoder().setEncoderLayers(4).setLatentSize(2).setMaxEpochs(1).setBatchSize(8)
        .setLatentCol("code");
    AutoencoderModel model = ae.fit(TestSpark.uniformRows(40, 6, 1));
    assertEquals(ae.uid(), model.uid());
    assertEquals("code", model.getLatentCol());
    assertEquals(ae, model.parent());
    AutoencoderModel copy = model.copy(new ParamMap().put(model.threshold().w(0.25)));
    assertEquals(0.25, copy.getThreshold());
    assertEquals(model.uid(), copy.uid());
    assertArrayEquals(model.parameters(), copy.parameters());
  }

  @Test
  void worksInsideCrossValidator() {
    Dataset<Row> data = TestSpark.sampleTrain().limit(400);
    Autoencoder ae = new Autoencoder().setEncoderLayers(64).setBatchSize(32).setMaxEpochs(2).setSeed(2);
    Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {ae,
        new LogisticRegression().setFeaturesCol("latent").setMaxIter(20)});
    CrossValidator cv = new CrossValidator()
        .setEstimator(pipeline)
        .setEstimatorParamMaps(new ParamGridBuilder().addGrid(ae.latentSize(), new int[] {4, 16}).build())
        .setEvaluator(new MulticlassClassificationEvaluator().setMetricName("accuracy"))
        .setNumFolds(2)
        .setSeed(1);
    CrossValidatorModel cvModel = cv.fit(data);
    double[] metrics = cvModel.avgMetrics();
    assertEquals(2, metrics.length);
    for (double m : metrics) {
      assertTrue(m > 0.3 && m <= 1, "accuracy " + m);
    }
  }
}
