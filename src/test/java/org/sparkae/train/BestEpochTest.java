package org.sparkae.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sparkae.nn.AutoencoderSpec;
import org.sparkae.nn.NetworkFactory;

/** Early stopping as a resumed run finds it: where the count stands, which epoch is best, and its weights. */
class BestEpochTest {
  private static final AutoencoderSpec SPEC =
      new AutoencoderSpec(6, 6, new int[0], 2, "relu", "identity", "sigmoid", "mse", 1e-3, 0, 1);
  // Validation loss by epoch 1..5: best at epoch 3, then two epochs without improvement.
  private static final double[] LOSSES = {5, 4, 3, 3.5, 3.6};
  private static final String FAST = "lr 0.01 l2 0.0";
  private static final String SLOW = "lr 0.001 l2 0.0";

  /** Epochs 1..5, the first {@code fastEpochs} trained at the fast rate, the rest at the slow one. */
  private static List<EpochStats> history(int fastEpochs) {
    List<EpochStats> history = new ArrayList<>();
    for (int i = 0; i < LOSSES.length; i++) {
      history.add(epoch(i + 1, LOSSES[i], i < fastEpochs ? FAST : SLOW));
    }
    return history;
  }

  private static EpochStats epoch(int epoch, double validationLoss, String optimizer) {
    return new EpochStats(epoch, validationLoss, validationLoss, 1, 10, optimizer);
  }

  /** Parameters of a saved epoch: every value equal to the epoch number. */
  private static INDArray saved(int epoch) {
    return Nd4j.valueArrayOf(new long[] {1, SPEC.numParams()}, (float) epoch);
  }

  @Test
  void aRunThatHadStoppedIsStillStoppedAndRestoresItsBestEpoch() {
    MultiLayerNetwork net = NetworkFactory.newNetwork(SPEC);
    BestEpoch best = BestEpoch.resumed(2, history(5), FAST, net, BestEpochTest::saved);
    assertTrue(best.stopped(), "two epochs without improvement with patience 2");
    assertEquals(3, best.epoch());
    best.restoreInto(net);
    assertEquals(3.0, net.params().getDouble(0), "the best epoch's weights, loaded from its checkpoint");
  }

  @Test
  void aNewOptimizerPhaseStartsThePatienceAfreshButRemembersTheBest() {
    MultiLayerNetwork net = NetworkFactory.newNetwork(SPEC);
    BestEpoch changedOnResume = BestEpoch.resumed(2, history(5), SLOW, net, BestEpochTest::saved);
    assertFalse(changedOnResume.stopped(), "the rate changed after epoch 5: a fresh chance");
    assertEquals(3, changedOnResume.epoch(), "epoch 3 is still the one to beat");
    assertFalse(changedOnResume.stopAfter(epoch(6, 3.2, SLOW), net));
    assertTrue(changedOnResume.stopAfter(epoch(7, 3.1, SLOW), net), "two epochs without improvement");

    BestEpoch changedBeforeEpochFive = BestEpoch.resumed(2, history(4), SLOW, net, BestEpochTest::saved);
    assertFalse(changedBeforeEpochFive.stopped(), "only epoch 5 counts against the new rate");
    assertTrue(BestEpoch.resumed(1, history(4), SLOW, net, BestEpochTest::saved).stopped(), "... and uses up 1");
  }

  @Test
  void aMissingBestCheckpointCountsFromTheNewestEpoch() {
    MultiLayerNetwork net = NetworkFactory.newNetwork(SPEC);
    BestEpoch best = BestEpoch.resumed(2, history(5), FAST, net, epoch -> null);
    assertFalse(best.stopped());
    assertEquals(5, best.epoch());
  }

  @Test
  void withoutPatienceNothingIsTracked() {
    BestEpoch off = BestEpoch.resumed(0, history(5), FAST, NetworkFactory.newNetwork(SPEC), BestEpochTest::saved);
    assertFalse(off.stopped());
    assertEquals(0, off.epoch());
  }
}
