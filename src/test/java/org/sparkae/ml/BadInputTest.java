package org.sparkae.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sparkae.Expect;
import org.sparkae.TestSpark;
import org.sparkae.data.InvalidRowException;

/** Every bad input gets a clear error naming the column and the problem; "skip" drops exactly the bad rows. */
class BadInputTest {
  private static final int SIZE = 4;
  private static AutoencoderModel model;

  @BeforeAll
  static void fitSmallModel() {
    model = tiny().fit(TestSpark.uniformRows(64, SIZE, 1));
  }

  static Autoencoder tiny() {
    return new Autoencoder().setEncoderLayers(3).setLatentSize(2).setBatchSize(8).setMaxEpochs(1).setSeed(1)
        .setValidationFraction(0);
  }

  /** Bad rows, each with the words its error must contain. */
  static Stream<Arguments> badRows() {
    return Stream.of(
        Arguments.of("null vector", null, "has a null value"),
        Arguments.of("NaN entry", Vectors.dense(0.1, Double.NaN, 0.3, 0.4), "NaN at index 1"),
        Arguments.of("+Infinity entry", Vectors.dense(0.1, 0.2, Double.POSITIVE_INFINITY, 0.4), "Infinity at index 2"),
        Arguments.of("-Infinity entry", Vectors.dense(Double.NEGATIVE_INFINITY, 0.2, 0.3, 0.4), "-Infinity at index 0"),
        Arguments.of("too short", Vectors.dense(0.1, 0.2, 0.3), "size 3, expected 4"),
        Arguments.of("too long (sparse)", Vectors.sparse(9, new int[] {8}, new double[] {1}), "size 9, expected 4"));
  }

  static Dataset<Row> withBadRow(Vector bad, int goodRows) {
    List<Row> rows = new ArrayList<>(TestSpark.uniformRows(goodRows, SIZE, 2).collectAsList());
    rows.add(RowFactory.create((long) goodRows, bad));
    return TestSpark.session().createDataFrame(rows, TestSpark.idFeaturesSchema(SIZE));
  }

  @ParameterizedTest(name = "fit fails on a {0}")
  @MethodSource("badRows")
  void fitFailsNamingColumnAndProblem(String name, Vector bad, String problem) {
    InvalidRowException e = assertThrows(InvalidRowException.class, () -> tiny().fit(withBadRow(bad, 20)));
    assertTrue(e.getMessage().startsWith("Autoencoder.fit: column 'features'"), e.getMessage());
    assertTrue(e.getMessage().contains(problem), e.getMessage());
    assertTrue(e.getMessage().contains("handleInvalid"), "says how to skip instead: " + e.getMessage());
  }

  @ParameterizedTest(name = "transform fails on a {0}")
  @MethodSource("badRows")
  void transformFailsNamingColumnAndProblem(String name, Vector bad, String problem) {
    Exception e = assertThrows(Exception.class, () -> model.transform(withBadRow(bad, 5)).collect());
    String chain = messages(e);
    assertTrue(chain.contains("column 'features'") && chain.contains(problem), chain);
  }

  @Test
  void skipDropsExactlyTheBadRowsInFitAndTransform() {
    List<Row> rows = new ArrayList<>(TestSpark.uniformRows(40, SIZE, 3).collectAsList());
    long id = 1000;
    for (Arguments bad : badRows().toList()) {
      rows.add(RowFactory.create(id++, bad.get()[1]));
    }
    Dataset<Row> df = TestSpark.session().createDataFrame(rows, TestSpark.idFeaturesSchema(SIZE)).repartition(3);

    AutoencoderModel skipping = tiny().setHandleInvalid("skip").fit(df);
    assertEquals(6, skipping.summary().numSkippedRows());
    assertEquals(40, skipping.summary().numTrainingRows());

    Set<Long> kept = skipping.transform(df).select("id").collectAsList().stream().map(r -> r.getLong(0))
        .collect(Collectors.toSet());
    Set<Long> expected = java.util.stream.LongStream.range(0, 40).boxed().collect(Collectors.toSet());
    assertEquals(expected, kept, "transform with skip keeps exactly the valid rows");
  }

  @Test
  void aNonDeterministicInputIsReadOnceSoEveryRowIsCountedOnce() {
    // A random sample that differs at every evaluation: counting it again would miscount the skipped rows.
    org.apache.spark.sql.expressions.UserDefinedFunction coin = functions.udf(
        (org.apache.spark.sql.api.java.UDF0<Boolean>) () -> java.util.concurrent.ThreadLocalRandom.current()
            .nextBoolean(), DataTypes.BooleanType)
        .asNondeterministic();
    Dataset<Row> sampled = withBadRow(null, 400).where(coin.apply().or(functions.col("features").isNull()));

    AutoencoderSummary summary = tiny().setHandleInvalid("skip").setValidationFraction(0.25).fit(sampled).summary();

    assertEquals(1, summary.numSkippedRows(), "only the null row is skipped");
    assertTrue(summary.numTrainingRows() + summary.numValidationRows() < 400, "a sample of the 400 good rows");
  }

  /** Schema and param problems, each caught before any data is read. */
  static Stream<Arguments> badSchemas() {
    Dataset<Row> good = TestSpark.uniformRows(10, SIZE, 4);
    return Stream.of(
        Arguments.of("missing column", good, (Consumer<Autoencoder>) a -> a.setInputCol("pixels"),
            "inputCol column 'pixels' does not exist"),
        Arguments.of("non-vector column", good.withColumn("name", functions.lit("x")),
            (Consumer<Autoencoder>) a -> a.setInputCol("name"), "inputCol column 'name' must be a Vector"),
        Arguments.of("missing target", good, (Consumer<Autoencoder>) a -> a.setTargetCol("clean"),
            "targetCol column 'clean' does not exist"),
        Arguments.of("output column exists", good.withColumn("latent", functions.lit(1)),
            (Consumer<Autoencoder>) a -> { }, "latentCol column 'latent' already exists"),
        Arguments.of("duplicate output names", good, (Consumer<Autoencoder>) a -> a.setErrorCol("latent"),
            "errorCol column 'latent' is also the name of another output"),
        Arguments.of("xent without sigmoid", good,
            (Consumer<Autoencoder>) a -> a.setLoss("xent").setOutputActivation("identity"),
            "loss 'xent' needs outputActivation 'sigmoid'"),
        Arguments.of("masking fraction above 1", good,
            (Consumer<Autoencoder>) a -> a.setNoiseType("masking").setNoiseLevel(1.5), "must be <= 1"),
        Arguments.of("empty DataFrame", good.limit(0), (Consumer<Autoencoder>) a -> { },
            "no rows to train on in column 'features' (the DataFrame is empty)"),
        Arguments.of("only nulls, no size metadata",
            TestSpark.session().createDataFrame(List.of(RowFactory.create((Object) null)),
                new org.apache.spark.sql.types.StructType().add("features", new org.apache.spark.ml.linalg.VectorUDT())),
            (Consumer<Autoencoder>) a -> { }, "column 'features' has no non-null rows"));
  }

  @ParameterizedTest(name = "fit refuses {0}")
  @MethodSource("badSchemas")
  void fitRefusesBadSchemasAndParams(String name, Dataset<Row> df, Consumer<Autoencoder> configure, String message) {
    Autoencoder ae = tiny();
    configure.accept(ae);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ae.fit(df));
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @Test
  void modelRefusesVectorsOfAnotherDeclaredSize() {
    Exception e = assertThrows(IllegalArgumentException.class,
        () -> model.transform(TestSpark.uniformRows(3, SIZE + 1, 5)));
    assertTrue(e.getMessage().contains("inputCol column 'features' holds vectors of size 5 but the model expects size 4"),
        e.getMessage());
  }

  @Test
  void emptyOutputNamesLeaveColumnsOut() {
    Dataset<Row> out = model.copy(new org.apache.spark.ml.param.ParamMap()).setReconstructionCol("")
        .setLatentCol("").transform(TestSpark.uniformRows(3, SIZE, 6));
    assertEquals(List.of("id", "features", "reconstructionError", "outlierScore", "outlier"),
        List.of(out.columns()));
    assertEquals(3, out.count());
  }

  @Test
  void emptyDataFrameTransformsToEmpty() {
    assertEquals(0, model.transform(TestSpark.uniformRows(3, SIZE, 6).limit(0)).count());
  }

  @Test
  void arraysAndSparseVectorsAreAccepted() {
    Dataset<Row> df = TestSpark.uniformRows(32, SIZE, 7);
    Dataset<Row> doubles = df.select(functions.col("id"),
        org.apache.spark.ml.functions.vector_to_array(functions.col("features"), "float64").as("features"));
    Dataset<Row> floats = df.select(functions.col("id"),
        org.apache.spark.ml.functions.vector_to_array(functions.col("features"), "float32").as("features"));
    assertEquals(DataTypes.createArrayType(DataTypes.FloatType, false), floats.schema().apply("features").dataType());
    for (Dataset<Row> data : List.of(doubles, floats)) {
      AutoencoderModel m = tiny().fit(data);
      assertEquals(SIZE, m.numFeatures());
      assertEquals(32, m.transform(data).where(Expect.finite("reconstructionError")).count());
    }
    List<Row> sparse = List.of(RowFactory.create(0L, Vectors.sparse(SIZE, new int[] {1}, new double[] {0.5})),
        RowFactory.create(1L, Vectors.sparse(SIZE, new int[] {}, new double[] {})));
    Dataset<Row> sparseDf = TestSpark.session().createDataFrame(sparse, TestSpark.idFeaturesSchema(SIZE));
    assertEquals(2, model.transform(sparseDf).count());
    assertFalse(tiny().fit(sparseDf).transform(sparseDf).isEmpty());
  }

  @Test
  void invalidParamValuesAreRejectedWhenSet() {
    List<Runnable> bad = List.of(
        () -> tiny().setLatentSize(-1), () -> tiny().setBatchSize(0), () -> tiny().setMaxEpochs(-1),
        () -> tiny().setLearningRate(0), () -> tiny().setLearningRateDecay(0),
        () -> tiny().setLearningRateDecay(1.5), () -> tiny().setL2(-1), () -> tiny().setConvFilters(),
        () -> tiny().setConvKernelSize(4), () -> tiny().setConvKernelSize(0),
        () -> tiny().setConvRefineLayers(-1),
        () -> tiny().setEncoderLayers(8, 0), () -> tiny().setActivation("softmax"),
        () -> tiny().setOutputActivation("relu"), () -> tiny().setLoss("mae"), () -> tiny().setNoiseType("pink"),
        () -> tiny().setNoiseLevel(-0.1), () -> tiny().setContamination(0), () -> tiny().setContamination(0.6),
        () -> tiny().setValidationFraction(1.0), () -> tiny().setNumWorkers(-1),
        () -> tiny().setAveragingFrequency(0), () -> tiny().setPrefetchBatches(-1),
        () -> tiny().setHandleInvalid("keep"), () -> tiny().setErrorScaling("std"));
    for (Runnable r : bad) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
      assertTrue(e.getMessage().contains("given invalid value"), e.getMessage());
    }
  }

  static String messages(Throwable e) {
    StringBuilder sb = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      sb.append(t.getMessage()).append(" | ");
    }
    return sb.toString();
  }
}
