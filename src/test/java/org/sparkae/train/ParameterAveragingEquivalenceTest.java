package org.sparkae.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sparkae.train.ParameterDistance.maxDifference;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparkae.TestSpark;
import org.sparkae.nn.AutoencoderSpec;
import org.sparkae.nn.NetworkFactory;

/**
 * Parameter averaging is right: with one worker and averaging after every minibatch, training
 * through Spark must equal plain single-JVM DL4J on the same minibatches in the same order (the
 * same check as DL4J's own TestCompareParameterAveragingSparkVsSingleMachine), Adam state included.
 */
class ParameterAveragingEquivalenceTest {
  private static final AutoencoderSpec SPEC = new AutoencoderSpec(20, 20, new int[] {16}, 4, "relu", "identity",
      "sigmoid", "mse", 1e-2, 0.0, 42);
  private static final int BATCH = 16;

  @Test
  void oneWorkerAveragingEveryStepEqualsPlainFit() {
    List<TrainingRow> rows = randomRows(200, 7);
    float[] initial = NetworkFactory.newNetwork(SPEC).params().toFloatVector();
    MultiLayerNetwork sparkNet = NetworkFactory.newNetwork(SPEC);
    assertArrayEquals(initial, sparkNet.params().toFloatVector(), "same seed, same initial weights");
    List<EpochStats> history = sparkFit(SPEC, sparkNet, rows, 2);

    float[] expected = plainFit(SPEC, rows, 2);
    assertTrue(maxDifference(expected, initial) > 1e-2, "training must move the weights");
    double maxDiff = maxDifference(expected, sparkNet.params().toFloatVector());
    assertTrue(maxDiff < 1e-5, "Spark and plain DL4J parameters differ by up to " + maxDiff);
    assertEquals(2, history.size());
    assertTrue(history.get(1).trainLoss() < history.get(0).trainLoss() * 1.5, "loss is recorded: " + history);
  }

  @Test
  void aVariationalNetTrainsTheSameWithTheSameDraws() {
    // The sampling layer's draws depend on the seed and the minibatch only, so the worker draws what the
    // single JVM draws.
    AutoencoderSpec variational = SPEC.withVariational(0.5);
    List<TrainingRow> rows = randomRows(200, 7);
    float[] initial = NetworkFactory.newNetwork(variational).params().toFloatVector();
    MultiLayerNetwork sparkNet = NetworkFactory.newNetwork(variational);
    sparkFit(variational, sparkNet, rows, 2);

    float[] expected = plainFit(variational, rows, 2);
    assertTrue(maxDifference(expected, initial) > 1e-2, "training must move the weights");
    double maxDiff = maxDifference(expected, sparkNet.params().toFloatVector());
    assertTrue(maxDiff < 1e-5, "Spark and plain DL4J variational parameters differ by up to " + maxDiff);
  }

  @Test
  void learningRateDecayReachesTheWorkers() {
    // The workers rebuild their networks every round: the decayed rate must come with them.
    AutoencoderSpec decayed = new AutoencoderSpec(SPEC.inputSize(), SPEC.outputSize(), SPEC.inputShape(),
        SPEC.convFilters(), SPEC.encoderLayers(), SPEC.latentSize(), SPEC.activation(), SPEC.latentActivation(),
        SPEC.outputActivation(), SPEC.loss(), SPEC.learningRate(), 0.25, SPEC.l2(), SPEC.seed());
    List<TrainingRow> rows = randomRows(200, 7);
    MultiLayerNetwork sparkNet = NetworkFactory.newNetwork(decayed);
    sparkFit(decayed, sparkNet, rows, 3);

    float[] expected = plainFit(decayed, rows, 3);
    assertTrue(maxDifference(expected, plainFit(SPEC, rows, 3)) > 1e-3, "the decay must change the result");
    double maxDiff = maxDifference(expected, sparkNet.params().toFloatVector());
    assertTrue(maxDiff < 1e-5, "Spark and plain DL4J with the decayed rate differ by up to " + maxDiff);
  }

  /** One worker, averaging after every minibatch. */
  private static List<EpochStats> sparkFit(AutoencoderSpec spec, MultiLayerNetwork net, List<TrainingRow> rows,
      int epochs) {
    JavaRDD<TrainingRow> rdd = TestSpark.jsc().parallelize(rows, 1).persist(StorageLevel.MEMORY_ONLY());
    TrainingSettings settings = new TrainingSettings(1, BATCH, 1, epochs, 1, NoiseKernel.NONE, 0, 1);
    List<EpochStats> history = new ParameterAveragingTrainer(settings).fit(TestSpark.jsc(), spec, net, rdd, null, null);
    rdd.unpersist();
    return history;
  }

  /** Plain single-JVM DL4J on the same minibatches in the same order, counting epochs as DL4J's own fit does. */
  private static float[] plainFit(AutoencoderSpec spec, List<TrainingRow> rows, int epochs) {
    MultiLayerNetwork net = NetworkFactory.newNetwork(spec);
    for (int epoch = 0; epoch < epochs; epoch++) {
      net.getLayerWiseConfigurations().setEpochCount(epoch);
      for (int start = 0; start < rows.size(); start += BATCH) {
        List<TrainingRow> batch = rows.subList(start, Math.min(rows.size(), start + BATCH));
        net.fit(Minibatches.dataSet(batch, NoiseKernel.NONE, new SplittableRandom(0)));
      }
    }
    return net.params().toFloatVector();
  }

  @Test
  void twoWorkersAverageTheirParameters() {
    // Each worker fits one minibatch from the same start; the result is the mean of the two nets.
    List<TrainingRow> rows = randomRows(2 * BATCH, 11);
    assertIsMeanOfTwoWorkers(rows, twoWorkersOneEpoch(rows));
  }

  @Test
  void workersKeepTheirAdamStateThroughAnEpochAndAverageItAtItsEnd() {
    // Two workers, two rounds of one minibatch each (short rounds): parameters are averaged after every
    // round, each worker's Adam moments carry on from its own, and the moments are averaged when the epoch ends.
    List<TrainingRow> rows = randomRows(4 * BATCH, 19);
    MultiLayerNetwork sparkNet = twoWorkersOneEpoch(rows);

    MultiLayerNetwork[] workers = {NetworkFactory.newNetwork(SPEC), NetworkFactory.newNetwork(SPEC)};
    INDArray averaged = null;
    for (int round = 0; round < 2; round++) {
      for (int w = 0; w < 2; w++) {
        int first = (2 * w + round) * BATCH; // partition w holds rows [2w, 2w + 2) x BATCH
        workers[w].fit(Minibatches.dataSet(rows.subList(first, first + BATCH), NoiseKernel.NONE,
            new SplittableRandom(0)));
      }
      averaged = workers[0].params().add(workers[1].params()).divi(2);
      for (MultiLayerNetwork worker : workers) {
        worker.setParams(averaged.dup());
      }
    }
    INDArray moments = workers[0].getUpdater().getStateViewArray().add(workers[1].getUpdater().getStateViewArray())
        .divi(2);
    double paramDiff = maxDifference(averaged.toFloatVector(), sparkNet.params().toFloatVector());
    assertTrue(paramDiff < 1e-5, "parameters differ from the simulated epoch by up to " + paramDiff);
    double momentDiff = maxDifference(moments.toFloatVector(),
        sparkNet.getUpdater().getStateViewArray().toFloatVector());
    assertTrue(momentDiff < 1e-6, "Adam state differs from the simulated epoch by up to " + momentDiff);
  }

  @Test
  void adamStateIsAveragedEveryRoundOnceRoundsAreLongAndEveryFortyMinibatchesBefore() {
    assertEquals(1, ParameterAveragingTrainer.roundsPerStateAverage(40));
    assertEquals(1, ParameterAveragingTrainer.roundsPerStateAverage(39), "the defaults' rounds on 60,000 rows");
    assertEquals(2, ParameterAveragingTrainer.roundsPerStateAverage(20));
    assertEquals(20, ParameterAveragingTrainer.roundsPerStateAverage(2));
    assertEquals(40, ParameterAveragingTrainer.roundsPerStateAverage(1));
  }

  @Test
  void everyAveragingRoundIsReportedWithTheRowsDoneAndTheLossSoFar() {
    List<TrainingRow> rows = randomRows(3 * BATCH, 17);
    JavaRDD<TrainingRow> rdd = TestSpark.jsc().parallelize(rows, 1).persist(StorageLevel.MEMORY_ONLY());
    List<RoundStats> rounds = new java.util.ArrayList<>();
    List<EpochStats> history = new ParameterAveragingTrainer(new TrainingSettings(1, BATCH, 1, 2, 1, NoiseKernel.NONE,
        0, 1)).fit(TestSpark.jsc(), SPEC, NetworkFactory.newNetwork(SPEC), rdd, null, new ParameterAveragingTrainer
        .EpochListener() {
          @Override
          public void onEpoch(EpochStats stats, int maxEpochs) {}

          @Override
          public void onRound(RoundStats stats) {
            rounds.add(stats);
          }
        });
    rdd.unpersist();

    assertEquals(6, rounds.size(), "three rounds (one minibatch each) in each of two epochs");
    for (int i = 0; i < 6; i++) {
      RoundStats r = rounds.get(i);
      assertEquals(i / 3 + 1, r.epoch());
      assertEquals(i % 3 + 1, r.round());
      assertEquals(3, r.rounds());
      assertEquals((i % 3 + 1) * BATCH, r.rows());
      assertEquals(3 * BATCH, r.totalRows());
    }
    // The last round's running mean is the epoch's loss.
    assertEquals(history.get(0).trainLoss(), rounds.get(2).loss(), 1e-12);
    assertEquals(history.get(1).trainLoss(), rounds.get(5).loss(), 1e-12);
  }

  @Test
  void emptyPartitionsNeitherCrashNorDiluteTheAverage() {
    // Three workers, one of them with nothing to do: the result is the mean of the two that trained.
    List<TrainingRow> rows = randomRows(2 * BATCH, 13);
    JavaRDD<TrainingRow> rdd = TestSpark.jsc().parallelize(List.of(0, 1, 2), 3)
        .mapPartitionsWithIndex((p, it) -> p == 2 ? java.util.Collections.<TrainingRow>emptyIterator()
            : rows.subList(p * BATCH, (p + 1) * BATCH).iterator(), true)
        .persist(StorageLevel.MEMORY_ONLY());
    MultiLayerNetwork sparkNet = NetworkFactory.newNetwork(SPEC);
    new ParameterAveragingTrainer(new TrainingSettings(3, BATCH, 1, 1, 1, NoiseKernel.NONE, 0, 1))
        .fit(TestSpark.jsc(), SPEC, sparkNet, rdd, null, null);
    rdd.unpersist();

    assertIsMeanOfTwoWorkers(rows, sparkNet);
  }

  /** One epoch on two workers (half the rows each), averaging after every minibatch. */
  private static MultiLayerNetwork twoWorkersOneEpoch(List<TrainingRow> rows) {
    MultiLayerNetwork sparkNet = NetworkFactory.newNetwork(SPEC);
    JavaRDD<TrainingRow> rdd = TestSpark.jsc().parallelize(rows, 2).persist(StorageLevel.MEMORY_ONLY());
    new ParameterAveragingTrainer(new TrainingSettings(2, BATCH, 1, 1, 1, NoiseKernel.NONE, 0, 1))
        .fit(TestSpark.jsc(), SPEC, sparkNet, rdd, null, null);
    rdd.unpersist();
    return sparkNet;
  }

  /** Each of two workers fits one minibatch from the same start; the Spark net must be their mean. */
  private static void assertIsMeanOfTwoWorkers(List<TrainingRow> rows, MultiLayerNetwork sparkNet) {
    float[] mean = new float[(int) SPEC.numParams()];
    for (int w = 0; w < 2; w++) {
      MultiLayerNetwork worker = NetworkFactory.newNetwork(SPEC);
      worker.fit(Minibatches.dataSet(rows.subList(w * BATCH, (w + 1) * BATCH), NoiseKernel.NONE,
          new SplittableRandom(0)));
      float[] p = worker.params().toFloatVector();
      for (int i = 0; i < mean.length; i++) {
        mean[i] += p[i] / 2;
      }
    }
    float[] actual = sparkNet.params().toFloatVector();
    for (int i = 0; i < mean.length; i++) {
      assertEquals(mean[i], actual[i], 1e-5, "parameter " + i);
    }
  }

  static List<TrainingRow> randomRows(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<TrainingRow> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      float[] x = new float[SPEC.inputSize()];
      for (int j = 0; j < x.length; j++) {
        x[j] = (float) rng.nextDouble();
      }
      rows.add(new TrainingRow(x, null));
    }
    return rows;
  }
}
