package org.sparkae.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkae.TestSpark;
import org.sparkae.nn.AutoencoderSpec;
import org.sparkae.nn.NetworkFactory;

/** The convolutional architecture (inputShape, convFilters) on the real Fashion-MNIST sample. */
class ConvolutionalAutoencoderTest {
  @TempDir
  static Path dir;
  private static AutoencoderModel conv;
  private static AutoencoderModel dense;

  private static Autoencoder small() {
    return new Autoencoder().setEncoderLayers(64).setLatentSize(16).setBatchSize(32).setMaxEpochs(8)
        .setValidationFraction(0.1).setSeed(5);
  }

  @BeforeAll
  static void fit() {
    conv = small().setInputShape(1, 28, 28).setConvFilters(8, 16).fit(TestSpark.sampleTrain());
    dense = small().fit(TestSpark.sampleTrain());
  }

  private static double heldOutMse(AutoencoderModel model) {
    return model.transform(TestSpark.sampleTest()).agg(functions.avg("reconstructionError")).first().getDouble(0);
  }

  @Test
  void convolutionsReconstructHeldOutImagesBetterThanTheSameSizedDenseNetwork() {
    double convMse = heldOutMse(conv);
    double denseMse = heldOutMse(dense);
    System.out.printf("held-out MSE after 8 epochs: conv %.5f, dense %.5f%n", convMse, denseMse);
    assertTrue(convMse < denseMse, "conv held-out MSE " + convMse + " should beat dense " + denseMse);
    double[] val = conv.summary().validationLoss();
    assertTrue(val[val.length - 1] < val[0], "validation loss should fall: " + java.util.Arrays.toString(val));
    // The reported training loss follows too (DL4J's LossLayer with an activation reports a stale one).
    double[] loss = conv.summary().trainingLoss();
    assertTrue(loss[loss.length - 1] < 0.9 * loss[0] && loss[loss.length - 1] < 2 * val[val.length - 1],
        "training loss " + java.util.Arrays.toString(loss) + " vs validation " + java.util.Arrays.toString(val));
  }

  @Test
  void outputsKeepTheirShapesAndSurviveSaveAndLoad() throws Exception {
    AutoencoderSpec spec = conv.networkSpec();
    assertTrue(spec.isConvolutional());
    assertEquals(2 + 1, spec.latentLayerIndex(), "two convolutions, one dense layer, then the code");
    AutoencoderModel loaded = saveAndLoad(conv, "conv");
    assertEquals(spec, loaded.networkSpec());
    Dataset<Row> rows = TestSpark.sampleTest().limit(5);
    List<Row> before = outputs(conv, rows, "latent", "reconstruction");
    for (Row row : before) {
      assertEquals(16, ((Vector) row.get(0)).size());
      assertEquals(784, ((Vector) row.get(1)).size());
    }
    assertSameVectors(before, outputs(loaded, rows, "latent", "reconstruction"));
  }

  private static AutoencoderModel saveAndLoad(AutoencoderModel model, String name) throws Exception {
    String path = dir.resolve(name).toUri().toString();
    model.write().save(path);
    return AutoencoderModel.load(path);
  }

  private static List<Row> outputs(AutoencoderModel model, Dataset<Row> rows, String... columns) {
    return model.transform(rows).selectExpr(columns).collectAsList();
  }

  /** Row by row, column by column: the same vectors to the last bit. */
  private static void assertSameVectors(List<Row> expected, List<Row> actual) {
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      for (int c = 0; c < expected.get(i).size(); c++) {
        assertArrayEquals(((Vector) expected.get(i).get(c)).toArray(), ((Vector) actual.get(i).get(c)).toArray(), 0);
      }
    }
  }

  @Test
  void aLargerKernelTrainsAndIsKeptBySaveAndLoad() throws Exception {
    AutoencoderModel loaded = trainSaveAndLoad(small().setInputShape(1, 28, 28).setConvFilters(4, 8)
        .setConvKernelSize(5), "conv5x5");
    assertEquals(5, loaded.getConvKernelSize());
    assertEquals(5, loaded.networkSpec().convKernelSize());
  }

  @Test
  void refinementConvolutionsTrainAndAreKeptBySaveAndLoad() throws Exception {
    AutoencoderModel loaded = trainSaveAndLoad(small().setInputShape(1, 28, 28).setConvFilters(4, 8)
        .setConvRefineLayers(1), "refine1");
    assertEquals(1, loaded.getConvRefineLayers());
    assertEquals(1, loaded.networkSpec().numRefineLayers());
  }

  /** Fits 3 epochs (the training loss must fall), saves, loads, and checks both give the same reconstructions. */
  private AutoencoderModel trainSaveAndLoad(Autoencoder estimator, String name) throws Exception {
    AutoencoderModel model = estimator.setMaxEpochs(3).fit(TestSpark.sampleTrain());
    double[] loss = model.summary().trainingLoss();
    assertTrue(loss[loss.length - 1] < loss[0], "training loss should fall: " + java.util.Arrays.toString(loss));
    AutoencoderModel loaded = saveAndLoad(model, name);
    assertEquals(model.networkSpec(), loaded.networkSpec());
    Dataset<Row> rows = TestSpark.sampleTest().limit(3);
    assertSameVectors(outputs(model, rows, "reconstruction"), outputs(loaded, rows, "reconstruction"));
    return loaded;
  }

  @Test
  void parameterCountMatchesDl4jForEveryShape() {
    int[][] shapes = {{1, 28, 28}, {3, 8, 12}, {2, 16, 16}};
    int[][] filters = {{8, 16}, {4}, {4, 8, 16}};
    for (int i = 0; i < shapes.length; i++) {
      int size = shapes[i][0] * shapes[i][1] * shapes[i][2];
      AutoencoderSpec spec = new AutoencoderSpec(size, size, shapes[i], filters[i], new int[] {20, 10}, 4, "relu",
          "identity", "sigmoid", "mse", 1e-3, 1.0, 0, 1);
      assertEquals(NetworkFactory.newNetwork(spec).numParams(), spec.numParams(), spec.toString());
      assertEquals(size, NetworkFactory.newNetwork(spec).output(org.nd4j.linalg.factory.Nd4j.rand(
          org.nd4j.linalg.api.buffer.DataType.FLOAT, 2, size)).columns(), "reconstruction width");
    }
  }

  @Test
  void shapesThatCannotWorkAreRefusedBeforeTrainingNamingTheProblem() {
    Dataset<Row> train = TestSpark.sampleTrain();
    IllegalArgumentException odd = assertThrows(IllegalArgumentException.class,
        () -> small().setInputShape(1, 28, 27).transformSchema(train.schema()));
    assertTrue(odd.getMessage().contains("divisible by 4"), odd.getMessage());
    IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
        () -> small().setInputShape(1, 20, 20).fit(train));
    // The sample carries its vector size in the schema, so the schema check catches it before any data is read.
    assertTrue(size.getMessage().contains("column 'features' holds vectors of size 784 but the model expects size 400"),
        size.getMessage());
    assertThrows(IllegalArgumentException.class, () -> small().setInputShape(28, 28));
    assertThrows(IllegalArgumentException.class, () -> small().setConvFilters());
  }

  @Test
  void aFullyConvolutionalModelEmitsItsFeatureMapsAsTheCode() {
    Autoencoder fullyConv = new Autoencoder().setInputShape(1, 28, 28).setConvFilters(4, 8).setEncoderLayers()
        .setLatentSize(0).setBatchSize(32).setMaxEpochs(2).setNoiseType("gaussian").setNoiseLevel(0.3).setSeed(5);
    Dataset<Row> test = TestSpark.sampleTest().limit(20);
    org.apache.spark.sql.types.StructType schema = fullyConv.transformSchema(test.schema());
    assertEquals(8 * 7 * 7, org.apache.spark.ml.attribute.AttributeGroup.fromStructField(schema.apply("latent")).size());
    AutoencoderModel model = fullyConv.fit(TestSpark.sampleTrain());
    List<Row> rows = model.transform(test).select("latent", "reconstruction").collectAsList();
    double[] code = ((Vector) rows.get(0).get(0)).toArray();
    assertEquals(8 * 7 * 7, code.length);
    assertTrue(java.util.Arrays.stream(code).allMatch(Double::isFinite)
        && java.util.Arrays.stream(code).filter(v -> v != 0).count() > code.length / 2,
        "the (linear) code of a real image should be mostly non-zero: " + java.util.Arrays.toString(code));
    assertEquals(784, ((Vector) rows.get(0).get(1)).size());
    IllegalArgumentException dense = assertThrows(IllegalArgumentException.class,
        () -> new Autoencoder().setLatentSize(0).transformSchema(test.schema()));
    assertTrue(dense.getMessage().contains("latentSize 0"), dense.getMessage());
  }
}
