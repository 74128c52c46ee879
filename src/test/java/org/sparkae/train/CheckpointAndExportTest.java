package org.sparkae.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sparkae.train.ParameterDistance.maxDifference;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkae.TestSpark;
import org.sparkae.ml.Autoencoder;
import org.sparkae.ml.AutoencoderModel;

/**
 * Checkpoints resume a training exactly where it stopped (parameters, Adam state, iteration count),
 * at a new learning rate when one is given, refuse to continue a different training, DL4J's Export
 * approach trains from files it cleans up, and early stopping keeps the best epoch, across resumes too.
 */
class CheckpointAndExportTest {
  private static final int SIZE = 20;
  private static Dataset<Row> data;

  @BeforeAll
  static void data() {
    data = TestSpark.uniformRows(480, SIZE, 4).cache();
  }

  private static Autoencoder trainer(int epochs) {
    return new Autoencoder().setEncoderLayers(12).setLatentSize(4).setBatchSize(16).setAveragingFrequency(3)
        .setNumWorkers(2).setMaxEpochs(epochs).setNoiseType("gaussian").setNoiseLevel(0.1).setSeed(5)
        .setOutputActivation("identity").setValidationFraction(0).setLearningRateDrops(0);
  }

  @Test
  void twoEpochsThenResumingToFourEqualsFourEpochsStraight(@TempDir Path dir) throws Exception {
    String checkpoints = dir.resolve("ckpt").toString();
    AutoencoderModel straight = trainer(4).fit(data);

    AutoencoderModel firstHalf = trainer(2).setCheckpointDir(checkpoints).fit(data);
    assertEquals(2, firstHalf.summary().numEpochs());
    assertTrue(Files.exists(dir.resolve("ckpt/epoch-00002/state.json")), "epoch 2 checkpointed");
    AutoencoderModel resumed = trainer(4).setCheckpointDir(checkpoints).fit(data);

    assertEquals(4, resumed.summary().numEpochs(), "the history covers the epochs done before the restart");
    assertArrayEquals(Arrays.copyOf(straight.summary().trainingLoss(), 2),
        Arrays.copyOf(resumed.summary().trainingLoss(), 2), 1e-6, "epochs 1-2 come from the checkpoint");
    assertArrayEquals(straight.parameters(), resumed.parameters(), 1e-5f,
        "resuming restores parameters, Adam state and the iteration count exactly");
    try (Stream<Path> kept = Files.list(dir.resolve("ckpt"))) {
      assertEquals(2, kept.filter(p -> p.getFileName().toString().startsWith("epoch-")).count(),
          "only the two newest checkpoints are kept");
    }
  }

  @Test
  void aCheckpointOfAnotherTrainingIsRefusedNotContinued(@TempDir Path dir) {
    String checkpoints = dir.resolve("ckpt").toString();
    trainer(1).setCheckpointDir(checkpoints).fit(data);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> trainer(2).setBatchSize(32).setCheckpointDir(checkpoints).fit(data));
    assertTrue(e.getMessage().contains("different training") && e.getMessage().contains("batchSize 16")
        && e.getMessage().contains(checkpoints), e.getMessage());
  }

  @Test
  void resumingWithALowerLearningRateContinuesAtTheNewRate(@TempDir Path dir) {
    String checkpoints = dir.resolve("ckpt").toString();
    float[] epochTwo = trainer(2).setCheckpointDir(checkpoints).fit(data).parameters();
    float[] epochThreeAtTheSameRate = trainer(3).fit(data).parameters();

    AutoencoderModel slowed = trainer(3).setLearningRate(1e-9).setCheckpointDir(checkpoints).fit(data);

    assertEquals(3, slowed.summary().numEpochs(), "resumed, not refused or restarted");
    assertEquals("lr 0.001 l2 0.0 (epochs 1-2), lr 1.0E-9 l2 0.0 (epochs 3-3)", slowed.summary().optimizerSchedule());
    assertTrue(maxDifference(epochTwo, epochThreeAtTheSameRate) > 1e-3, "epoch 3 at the first rate moves the weights");
    assertTrue(maxDifference(epochTwo, slowed.parameters()) < 1e-5, "epoch 3 trained at the new, tiny rate");
  }

  @Test
  void exportTrainsFromFilesAndDeletesThem(@TempDir Path dir) {
    Path export = dir.resolve("export");
    AutoencoderModel model = trainer(4).setTrainingApproach("export").setExportDir(export.toString()).fit(data);
    double[] loss = model.summary().trainingLoss();
    assertTrue(loss[3] < loss[0], "loss falls when training from exported files: " + Arrays.toString(loss));
    AutoencoderModel direct = trainer(4).fit(data);
    double exportError = meanError(model);
    double directError = meanError(direct);
    assertTrue(exportError < directError * 1.15, "export " + exportError + " vs direct " + directError);
    File[] left = export.toFile().listFiles();
    assertEquals(0, left == null ? 0 : left.length, "exported minibatches are deleted: " + Arrays.toString(left));
  }

  @Test
  void exportReportsTheEpochsMeanLossLikeDirect(@TempDir Path dir) {
    // At this rate the loss falls steeply within the first epoch: its last round alone is far below the mean.
    double direct = trainer(1).setLearningRate(0.02).fit(data).summary().trainingLoss()[0];
    double export = trainer(1).setLearningRate(0.02).setTrainingApproach("export")
        .setExportDir(dir.resolve("export").toString()).fit(data).summary().trainingLoss()[0];
    assertEquals(direct, export, 0.1 * direct, "epoch 1 loss: export " + export + ", direct " + direct);
  }

  @Test
  void exportWithoutADirectoryFailsBeforeTraining() {
    Autoencoder stage = trainer(1).setTrainingApproach("export");
    StructType schema = data.schema();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> stage.transformSchema(schema));
    assertTrue(e.getMessage().contains("exportDir"), e.getMessage());
  }

  @Test
  void earlyStoppingKeepsTheBestEpochsWeights() {
    Autoencoder watched = trainer(40).setValidationFraction(0.25).setLearningRate(0.02).setEarlyStoppingPatience(2);
    AutoencoderModel stopped = watched.fit(data);
    double[] validation = stopped.summary().validationLoss();
    int best = 0;
    for (int i = 1; i < validation.length; i++) {
      best = validation[i] < validation[best] ? i : best;
    }
    assertTrue(validation.length < 40, "stopped early: " + Arrays.toString(validation));
    assertEquals(validation.length - 3, best, "stopped two epochs after the best one: " + Arrays.toString(validation));
    AutoencoderModel bestOnly = watched.copy(ParamMap.empty()).setEarlyStoppingPatience(0)
        .setMaxEpochs(best + 1).fit(data);
    assertArrayEquals(bestOnly.parameters(), stopped.parameters(), 1e-6f, "the model has the best epoch's weights");
  }

  @Test
  void aRunThatStoppedEarlyResumesToItsBestEpochAndTrainsOnlyAtANewRate(@TempDir Path dir) {
    String checkpoints = dir.resolve("ckpt").toString();
    Autoencoder watched = trainer(40).setValidationFraction(0.25).setLearningRate(0.02).setEarlyStoppingPatience(2)
        .setCheckpointDir(checkpoints);
    AutoencoderModel stopped = watched.fit(data);
    int epochs = stopped.summary().numEpochs();
    assertTrue(epochs < 40, "stopped early after " + epochs + " epochs");
    int best = epochs - 2;
    assertTrue(Files.exists(dir.resolve(String.format("ckpt/epoch-%05d/state.json", best))),
        "the best epoch's checkpoint is kept beside the two newest");

    AutoencoderModel again = watched.copy(ParamMap.empty()).fit(data);
    assertEquals(epochs, again.summary().numEpochs(), "nothing left to train");
    assertArrayEquals(stopped.parameters(), again.parameters(), 0f, "the same best epoch, read from its checkpoint");

    AutoencoderModel slower = watched.copy(ParamMap.empty()).setLearningRate(0.002).fit(data);
    assertTrue(slower.summary().numEpochs() > epochs, "a new rate trains on: " + slower.summary().numEpochs());
  }

  @Test
  void aLearningRateDropInOneFitEqualsStoppingAndResumingAtTheLowerRate(@TempDir Path dir) {
    Autoencoder watched = trainer(40).setValidationFraction(0.25).setLearningRate(0.02).setEarlyStoppingPatience(2);
    String checkpoints = dir.resolve("ckpt").toString();
    AutoencoderModel stopped = watched.copy(ParamMap.empty()).setCheckpointDir(checkpoints).fit(data);
    AutoencoderModel resumed = watched.copy(ParamMap.empty()).setCheckpointDir(checkpoints).setLearningRate(0.002)
        .fit(data);
    int plateau = stopped.summary().numEpochs();
    assertTrue(resumed.summary().numEpochs() > plateau, "the lower rate trains on");

    AutoencoderModel dropped = watched.copy(ParamMap.empty()).setLearningRateDrops(1).fit(data);
    assertEquals(resumed.summary().optimizerSchedule(), dropped.summary().optimizerSchedule());
    assertTrue(dropped.summary().optimizerSchedule().endsWith("lr 0.002 l2 0.0 (epochs " + (plateau + 1) + "-"
        + dropped.summary().numEpochs() + ")"), dropped.summary().optimizerSchedule());
    assertArrayEquals(resumed.summary().validationLoss(), dropped.summary().validationLoss(), 1e-9,
        "the workers train at the dropped rate from the plateau's weights and Adam state");
    assertArrayEquals(resumed.parameters(), dropped.parameters(), 1e-6f, "and the best epoch is kept");
  }

  @Test
  void aRunResumedAfterItsDropGoesOnAtTheDroppedRate(@TempDir Path dir) {
    Autoencoder watched = trainer(40).setValidationFraction(0.25).setLearningRate(0.02).setEarlyStoppingPatience(2)
        .setLearningRateDrops(1);
    AutoencoderModel straight = watched.fit(data);
    int firstDropped = straight.summary().epochs().stream().filter(e -> e.optimizer().equals("lr 0.002 l2 0.0"))
        .findFirst().orElseThrow().epoch();

    String checkpoints = dir.resolve("ckpt").toString();
    watched.copy(ParamMap.empty()).setCheckpointDir(checkpoints).setMaxEpochs(firstDropped).fit(data);
    AutoencoderModel resumed = watched.copy(ParamMap.empty()).setCheckpointDir(checkpoints).fit(data);
    assertEquals(straight.summary().optimizerSchedule(), resumed.summary().optimizerSchedule());
    assertArrayEquals(straight.parameters(), resumed.parameters(), 1e-6f);
  }

  @Test
  void learningRateDropsWithoutEarlyStoppingFailBeforeTraining() {
    Autoencoder stage = trainer(5).setValidationFraction(0.25).setEarlyStoppingPatience(0).setLearningRateDrops(1);
    StructType schema = data.schema();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> stage.transformSchema(schema));
    assertTrue(e.getMessage().contains("learningRateDrops") && e.getMessage().contains("earlyStoppingPatience"),
        e.getMessage());
  }

  @Test
  void earlyStoppingWithoutAValidationSplitFailsBeforeTraining() {
    Autoencoder stage = trainer(5).setEarlyStoppingPatience(3);
    StructType schema = data.schema();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> stage.transformSchema(schema));
    assertTrue(e.getMessage().contains("validationFraction"), e.getMessage());
  }

  private static double meanError(AutoencoderModel model) {
    return model.transform(data).agg(org.apache.spark.sql.functions.avg(model.getErrorCol())).first().getDouble(0);
  }
}
