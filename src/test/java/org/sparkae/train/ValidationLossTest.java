package org.sparkae.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.sparkae.TestSpark;
import org.sparkae.nn.AutoencoderSpec;
import org.sparkae.nn.Matrices;
import org.sparkae.nn.ModelWeights;
import org.sparkae.nn.NetworkFactory;

/** The held-out loss: clean rows as they are, a denoising model's rows with one fixed draw of its noise. */
class ValidationLossTest {
  private static final AutoencoderSpec SPEC = new AutoencoderSpec(12, 12, new int[] {8}, 3, "relu", "identity",
      "sigmoid", "mse", 1e-2, 0.0, 3);
  private static final NoiseKernel GAUSSIAN = new NoiseKernel(NoiseKernel.Type.GAUSSIAN, 0.5, 0, 1);

  private static List<TrainingRow> rows;
  private static JavaRDD<TrainingRow> rdd;
  private static MultiLayerNetwork net;
  private static Broadcast<ModelWeights> weights;

  @BeforeAll
  static void setUp() {
    SplittableRandom rng = new SplittableRandom(11);
    rows = new ArrayList<>();
    for (int i = 0; i < 90; i++) {
      float[] x = new float[12];
      for (int j = 0; j < x.length; j++) {
        x[j] = (float) rng.nextDouble();
      }
      rows.add(new TrainingRow(x, x));
    }
    rdd = TestSpark.jsc().parallelize(rows, 2).persist(StorageLevel.MEMORY_ONLY());
    net = NetworkFactory.newNetwork(SPEC);
    weights = TestSpark.jsc().broadcast(new ModelWeights(SPEC, net.params().toFloatVector()));
  }

  @AfterAll
  static void tearDown() {
    weights.destroy();
    rdd.unpersist();
  }

  @Test
  void cleanLossIsTheNetworksScoreOnTheRows() {
    double expected = net.score(new DataSet(Matrices.of(rows.stream().map(TrainingRow::input).toList()),
        Matrices.of(rows.stream().map(TrainingRow::target).toList())), false);
    assertEquals(expected, ValidationLoss.of(rdd, weights, 16, NoiseKernel.NONE, 1), 1e-5);
  }

  @Test
  void noisyLossCorruptsTheInputsTheSameWayEveryEpoch() {
    double clean = ValidationLoss.of(rdd, weights, 16, NoiseKernel.NONE, 1);
    double noisy = ValidationLoss.of(rdd, weights, 16, GAUSSIAN, 1);
    assertNotEquals(clean, noisy, "the noise must reach the inputs");
    assertEquals(noisy, ValidationLoss.of(rdd, weights, 16, GAUSSIAN, 1), 0.0,
        "the same seed must draw the same noise, or epochs would not compare");
    double otherDraw = ValidationLoss.of(rdd, weights, 16, GAUSSIAN, 2);
    assertTrue(otherDraw != noisy, "another seed, another draw: " + otherDraw);
  }
}
