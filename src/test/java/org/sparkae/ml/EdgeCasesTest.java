package org.sparkae.ml;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sparkae.Expect;
import org.sparkae.TestSpark;

/**
 * The data shapes and param values at the edges, each with its defined behaviour (docs/PARAMS.md, "Bad
 * input"): small or odd data trains; impossible settings fail naming the param or column.
 */
class EdgeCasesTest {
  private static final int SIZE = 4;

  static Autoencoder tiny() {
    return new Autoencoder().setEncoderLayers(3).setLatentSize(2).setBatchSize(8).setMaxEpochs(2).setSeed(1);
  }

  static Dataset<Row> rows(double... values) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      double v = values[i];
      rows.add(RowFactory.create((long) i, Vectors.dense(v, v, v, v)));
    }
    return TestSpark.session().createDataFrame(rows, TestSpark.idFeaturesSchema(SIZE));
  }

  /** Data that is small or odd but valid: training completes and every row is scored. */
  static Stream<Arguments> trainableData() {
    Dataset<Row> ten = TestSpark.uniformRows(10, SIZE, 1);
    return Stream.of(
        Arguments.of("a single row", rows(0.5), (Consumer<Autoencoder>) a -> { }),
        Arguments.of("fewer rows than workers x batchSize", ten, (Consumer<Autoencoder>) a -> a.setBatchSize(128)),
        Arguments.of("more workers than rows (empty partitions)", TestSpark.uniformRows(3, SIZE, 2),
            (Consumer<Autoencoder>) a -> a.setNumWorkers(8)),
        Arguments.of("empty input partitions", TestSpark.uniformRows(5, SIZE, 3).repartition(12),
            (Consumer<Autoencoder>) a -> { }),
        Arguments.of("constant features", rows(0.3, 0.3, 0.3, 0.3, 0.3, 0.3), (Consumer<Autoencoder>) a -> { }),
        Arguments.of("latentSize >= input size (overcomplete, logged as a warning)", ten,
            (Consumer<Autoencoder>) a -> a.setLatentSize(6)),
        Arguments.of("values outside [0, 1] with an identity output", rows(-3, 7, 120),
            (Consumer<Autoencoder>) a -> a.setOutputActivation("identity")),
        Arguments.of("every numeric param at its bound", ten, (Consumer<Autoencoder>) a -> a.setLatentSize(1)
            .setEncoderLayers(1).setBatchSize(1).setMaxEpochs(1).setL2(0).setNoiseLevel(1.0)
            .setNoiseType("masking").setContamination(0.5).setValidationFraction(0).setNumWorkers(0)
            .setAveragingFrequency(1).setLearningRate(Double.MIN_VALUE)));
  }

  @ParameterizedTest(name = "trains on {0}")
  @MethodSource("trainableData")
  void trainsAndScoresEveryRow(String name, Dataset<Row> data, Consumer<Autoencoder> configure) {
    Autoencoder ae = tiny();
    configure.accept(ae);
    AutoencoderModel model = ae.fit(data);
    long rows = data.count();
    assertEquals(rows, model.summary().numTrainingRows() + model.summary().numValidationRows());
    Dataset<Row> scored = model.transform(data);
    assertEquals(rows, scored.count());
    assertEquals(rows, scored.where(Expect.finite("reconstructionError")).count(), "finite errors for every row");
    assertTrue(Double.isFinite(model.getThreshold()), "threshold " + model.getThreshold());
  }

  @ParameterizedTest(name = "sigmoid output refuses targets outside [0, 1]: {0}")
  @MethodSource("outOfRange")
  void sigmoidOutputRefusesValuesOutsideTheUnitInterval(String name, double value) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> tiny().setOutputActivation("sigmoid").setInputScaling("none").fit(rows(0.5, value)));
    assertTrue(e.getMessage().contains("column 'features' has values in")
        && e.getMessage().contains("outputActivation 'sigmoid' can only reconstruct [0, 1]"), e.getMessage());
  }

  static Stream<Arguments> outOfRange() {
    return Stream.of(Arguments.of("255 (unscaled pixels)", 255.0), Arguments.of("-0.5", -0.5),
        Arguments.of("1.001", 1.001));
  }

  @org.junit.jupiter.api.Test
  void aValidationSplitThatTakesEveryRowIsNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> tiny().setValidationFraction(0.99).fit(rows(0.1)));
    assertTrue(e.getMessage().contains("all 1 rows went to the validation split; lower validationFraction (0.99)"),
        e.getMessage());
  }

  /** (param, a value at its bound that is accepted, a value beyond it that is rejected). */
  static Stream<Arguments> bounds() {
    return Stream.of(
        Arguments.of("latentSize", (Consumer<Autoencoder>) a -> a.setLatentSize(1),
            (Consumer<Autoencoder>) a -> a.setLatentSize(-1)),
        Arguments.of("encoderLayers", (Consumer<Autoencoder>) a -> a.setEncoderLayers(1),
            (Consumer<Autoencoder>) a -> a.setEncoderLayers(-1)),
        Arguments.of("batchSize", (Consumer<Autoencoder>) a -> a.setBatchSize(1),
            (Consumer<Autoencoder>) a -> a.setBatchSize(0)),
        Arguments.of("maxEpochs", (Consumer<Autoencoder>) a -> a.setMaxEpochs(1),
            (Consumer<Autoencoder>) a -> a.setMaxEpochs(-5)),
        Arguments.of("learningRate", (Consumer<Autoencoder>) a -> a.setLearningRate(1e-12),
            (Consumer<Autoencoder>) a -> a.setLearningRate(-1e-3)),
        Arguments.of("learningRateDecay", (Consumer<Autoencoder>) a -> a.setLearningRateDecay(1),
            (Consumer<Autoencoder>) a -> a.setLearningRateDecay(1.0000001)),
        Arguments.of("learningRateDecay", (Consumer<Autoencoder>) a -> a.setLearningRateDecay(1e-9),
            (Consumer<Autoencoder>) a -> a.setLearningRateDecay(0)),
        Arguments.of("l2", (Consumer<Autoencoder>) a -> a.setL2(0), (Consumer<Autoencoder>) a -> a.setL2(-1e-9)),
        Arguments.of("noiseLevel", (Consumer<Autoencoder>) a -> a.setNoiseLevel(0),
            (Consumer<Autoencoder>) a -> a.setNoiseLevel(-0.01)),
        Arguments.of("contamination", (Consumer<Autoencoder>) a -> a.setContamination(0.5),
            (Consumer<Autoencoder>) a -> a.setContamination(0.5000001)),
        Arguments.of("contamination", (Consumer<Autoencoder>) a -> a.setContamination(1e-9),
            (Consumer<Autoencoder>) a -> a.setContamination(0)),
        Arguments.of("validationFraction", (Consumer<Autoencoder>) a -> a.setValidationFraction(0),
            (Consumer<Autoencoder>) a -> a.setValidationFraction(1)),
        Arguments.of("validationFraction", (Consumer<Autoencoder>) a -> a.setValidationFraction(0.99),
            (Consumer<Autoencoder>) a -> a.setValidationFraction(-0.1)),
        Arguments.of("numWorkers", (Consumer<Autoencoder>) a -> a.setNumWorkers(0),
            (Consumer<Autoencoder>) a -> a.setNumWorkers(-1)),
        Arguments.of("averagingFrequency", (Consumer<Autoencoder>) a -> a.setAveragingFrequency(1),
            (Consumer<Autoencoder>) a -> a.setAveragingFrequency(0)));
  }

  @ParameterizedTest(name = "{0}: accepted at its bound, rejected beyond it")
  @MethodSource("bounds")
  void numericParamsAtAndBeyondTheirBounds(String param, Consumer<Autoencoder> atBound,
      Consumer<Autoencoder> beyond) {
    assertDoesNotThrow(() -> atBound.accept(tiny()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> beyond.accept(tiny()));
    assertTrue(e.getMessage().contains("parameter " + param + " given invalid value"), e.getMessage());
  }

  @ParameterizedTest(name = "{0} fails in transformSchema")
  @MethodSource("crossParamBounds")
  void fractionNoiseAboveOneFailsBeforeReadingData(String type) {
    Autoencoder ae = tiny().setNoiseType(type).setNoiseLevel(1.0);
    assertDoesNotThrow(() -> ae.transformSchema(rows(0.5).schema()));
    ae.setNoiseLevel(1.0001);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ae.transformSchema(rows(0.5).schema()));
    assertTrue(e.getMessage().contains(type + " noise level is the fraction of entries corrupted and must be <= 1"),
        e.getMessage());
  }

  static Stream<String> crossParamBounds() {
    return Stream.of("masking", "saltpepper");
  }
}
