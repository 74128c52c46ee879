package org.sparkae.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
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

/**
 * The held-out loss: clean rows as they are, a denoising model's rows with one fixed draw of its noise; a lone
 * worker scores them in its epoch's task, to the job's figure, without a job of their own.
 */
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

  @Test
  void theRowsInMemoryScoreAsTheirPartitionsDoInTheJob() {
    HeldOutRows inMemory = HeldOutRows.collectIfSmall(rdd, 24);
    assertEquals(2, inMemory.partitions().size());
    for (NoiseKernel noise : List.of(NoiseKernel.NONE, GAUSSIAN)) {
      assertEquals(ValidationLoss.of(rdd, weights, 16, noise, 1), ValidationLoss.of(inMemory, net, 16, noise, 1),
          1e-6, "the same minibatches with the same noise, whoever scores them");
    }
    assertEquals(null, HeldOutRows.collectIfSmall(rdd, (int) (HeldOutRows.MAX_VALUES / 90 + 1)), "too many to ship");
  }

  @Test
  void aLoneWorkerScoresTheValidationRowsInItsEpochsJobAndReportsTheJobsLoss() throws InterruptedException {
    List<TrainingRow> train = ParameterAveragingEquivalenceTest.randomRows(120, 5);
    JavaRDD<TrainingRow> trainRdd = TestSpark.jsc().parallelize(train, 1).persist(StorageLevel.MEMORY_ONLY());
    AutoencoderSpec spec = new AutoencoderSpec(20, 20, new int[] {16}, 4, "relu", "identity", "sigmoid", "mse", 1e-2,
        0.0, 42);
    JavaRDD<TrainingRow> validation = TestSpark.jsc()
        .parallelize(ParameterAveragingEquivalenceTest.randomRows(40, 6), 2).persist(StorageLevel.MEMORY_ONLY());
    int epochs = 4;
    TrainingSettings settings = new TrainingSettings(1, 16, 100, epochs, 1, GAUSSIAN, 0, 1);
    MultiLayerNetwork trained = NetworkFactory.newNetwork(spec);
    String group = "lone-worker-" + UUID.randomUUID();
    TestSpark.jsc().setJobGroup(group, "counted", false);
    List<EpochStats> history;
    try {
      history = new ParameterAveragingTrainer(settings).fit(TestSpark.jsc(), spec, trained, trainRdd, validation,
          null);
    } finally {
      TestSpark.jsc().clearJobGroup();
    }
    Broadcast<ModelWeights> last = TestSpark.jsc().broadcast(new ModelWeights(spec, trained.params().toFloatVector()));
    try {
      double byJob = ValidationLoss.of(validation, last, 16, GAUSSIAN, 1);
      assertTrue(Double.isFinite(byJob), "a finite loss: " + byJob);
      assertEquals(byJob, history.get(epochs - 1).validationLoss(), 1e-6, "the last epoch's loss, as the job scores it");
    } finally {
      last.destroy();
      trainRdd.unpersist();
      validation.unpersist();
    }
    // One job per epoch, plus a fixed few before the first (the partition sizes, the validation rows).
    assertTrue(jobsOf(group) <= epochs + 3, jobsOf(group) + " jobs for " + epochs + " epochs");
  }

  /** Jobs run in a group, once Spark's status listener has seen them all (it hears of them asynchronously). */
  private static int jobsOf(String group) throws InterruptedException {
    int seen = -1;
    for (int i = 0; i < 50; i++) {
      int now = TestSpark.jsc().statusTracker().getJobIdsForGroup(group).length;
      if (now == seen && now > 0) {
        return now;
      }
      seen = now;
      Thread.sleep(100);
    }
    return seen;
  }
}
