package org.sparkae.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.stat.Summarizer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sparkae.TestSpark;

/** Learning happens on the real Fashion-MNIST sample, and the outlier threshold means what it says. */
class AutoencoderLearningTest {
  private static AutoencoderModel model;

  @BeforeAll
  static void fit() {
    model = new Autoencoder()
        .setEncoderLayers(256, 64)
        .setLatentSize(32)
        .setBatchSize(32)
        .setMaxEpochs(6)
        .setContamination(0.05)
        .setValidationFraction(0.1)
        .setSeed(3)
        .fit(TestSpark.sampleTrain());
  }

  @Test
  void reconstructsHeldOutImagesFarBetterThanTheMeanImage() {
    Vector meanImage = (Vector) TestSpark.sampleTrain().select(Summarizer.mean(
        org.apache.spark.sql.functions.col("features"))).first().get(0);
    Dataset<Row> test = TestSpark.sampleTest();
    double baseline = test.javaRDD().map(r -> {
      double[] x = ((Vector) r.getAs("features")).toArray();
      double s = 0;
      for (int i = 0; i < x.length; i++) {
        double d = x[i] - meanImage.apply(i);
        s += d * d;
      }
      return s / x.length;
    }).reduce(Double::sum) / test.count();
    double ours = model.transform(test).agg(org.apache.spark.sql.functions.avg("reconstructionError"))
        .first().getDouble(0);
    assertTrue(ours < 0.5 * baseline,
        "held-out MSE " + ours + " should be well below the mean-image MSE " + baseline);
  }

  @Test
  void summaryRecordsEveryEpochWithFallingLoss() {
    AutoencoderSummary s = model.summary();
    assertEquals(6, s.numEpochs());
    double[] loss = s.trainingLoss();
    assertTrue(loss[5] < loss[0], "training loss should fall: " + java.util.Arrays.toString(loss));
    double[] val = s.validationLoss();
    assertTrue(Double.isFinite(val[5]) && val[5] < val[0], "validation loss should fall: "
        + java.util.Arrays.toString(val));
    assertEquals(2000, s.numTrainingRows() + s.numValidationRows());
    assertTrue(s.examplesPerSecond() > 0);
  }

  @Test
  void outlierRateOnTrainingRowsIsCloseToContamination() {
    double rate = model.transform(TestSpark.sampleTrain()).where("outlier").count() / 2000.0;
    // The threshold comes from the 90% training split; on all 2,000 rows the rate stays near 5%.
    assertEquals(0.05, rate, 0.02, "outlier rate");
    assertEquals(0.05, model.summary().trainingOutlierRate(), 0.01);
    assertEquals(model.getThreshold(), model.summary().threshold());
  }

  @Test
  void outputsHaveTheDeclaredShapes() {
    Row row = model.transform(TestSpark.sampleTest().limit(3)).first();
    assertEquals(32, ((Vector) row.getAs("latent")).size());
    Vector recon = row.getAs("reconstruction");
    assertEquals(784, recon.size());
    for (double v : recon.toArray()) {
      assertTrue(v >= 0 && v <= 1, "sigmoid output in [0, 1]");
    }
    double[] x = ((Vector) row.getAs("features")).toArray();
    double mse = 0;
    for (int i = 0; i < x.length; i++) {
      mse += (x[i] - recon.apply(i)) * (x[i] - recon.apply(i));
    }
    assertEquals(mse / x.length, row.<Double>getAs("reconstructionError"), 1e-5, "error is the row's MSE");
  }
}
