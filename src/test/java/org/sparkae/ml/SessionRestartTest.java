package org.sparkae.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sparkae.TestSpark;
import org.sparkae.nn.NetworkFactory;

/**
 * A JVM that starts a second SparkContext (a notebook restarting its session) scores a new model with that
 * model's network, not with a cached one of an earlier model of the same shape: broadcast ids start again at 0 in
 * every context, so a cache keyed by them would hand back the old network.
 */
class SessionRestartTest {

  @AfterAll
  static void freshSessionForTheNextTests() {
    TestSpark.restart();
  }

  @Test
  void modelsOfTheSameShapeTrainedInSuccessiveSessionsEachScoreWithTheirOwnNetwork() {
    for (long seed = 1; seed <= 2; seed++) {
      TestSpark.restart(); // each model in a session of its own, doing the same work in the same order
      SparkSession spark = TestSpark.session();
      AutoencoderModel model = fit(spark, seed);
      Dataset<Row> rows = pixels(spark);
      assertArrayEquals(oracle(model, rows), errors(model, rows), 1e-5,
          "the model of session " + seed + " scores with its own parameters");
    }
  }

  @Test
  void aModelScoredBeforeARestartScoresWithItsOwnWeightsAfterIt() {
    TestSpark.restart();
    AutoencoderModel first = fit(TestSpark.session(), 1);
    errors(first, pixels(TestSpark.session())); // broadcast in the first session
    TestSpark.restart();
    SparkSession spark = TestSpark.session();
    AutoencoderModel second = fit(spark, 2); // its broadcast may get the id the first one had
    errors(second, pixels(spark));
    Dataset<Row> rows = pixels(spark);
    assertArrayEquals(oracle(first, rows), errors(first, rows), 1e-5, "the first model in the second session");
  }

  private static AutoencoderModel fit(SparkSession spark, long seed) {
    return new Autoencoder().setEncoderLayers(4).setLatentSize(2).setMaxEpochs(2).setValidationFraction(0)
        .setNumWorkers(2).setSeed(seed).fit(pixels(spark));
  }

  private static Dataset<Row> pixels(SparkSession spark) {
    return spark.sql("SELECT id, array(rand(1), rand(2), rand(3), rand(4), rand(5), rand(6)) AS features "
        + "FROM range(64)").repartition(2);
  }

  private static double[] errors(AutoencoderModel model, Dataset<Row> rows) {
    return model.transform(rows).orderBy("id").select("reconstructionError").collectAsList().stream()
        .mapToDouble(r -> r.getDouble(0)).toArray();
  }

  /** Mean squared error of each row, computed on the driver from the model's own spec and parameters. */
  private static double[] oracle(AutoencoderModel model, Dataset<Row> rows) {
    List<Row> collected = rows.orderBy("id").select("features").collectAsList();
    float[][] x = new float[collected.size()][];
    for (int i = 0; i < x.length; i++) {
      List<Double> values = collected.get(i).getList(0);
      x[i] = new float[values.size()];
      for (int j = 0; j < x[i].length; j++) {
        x[i][j] = values.get(j).floatValue();
      }
    }
    MultiLayerNetwork net = NetworkFactory.withParams(model.networkSpec(), model.parameters());
    INDArray out = net.output(Nd4j.createFromArray(x));
    double[] errors = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double sum = 0;
      for (int j = 0; j < x[i].length; j++) {
        double d = out.getDouble(i, j) - x[i][j];
        sum += d * d;
      }
      errors[i] = sum / x[i].length;
    }
    return errors;
  }
}
