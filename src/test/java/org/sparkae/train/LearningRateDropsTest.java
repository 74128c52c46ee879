package org.sparkae.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.sparkae.nn.AutoencoderSpec;
import org.sparkae.nn.NetworkFactory;

/** The rates a run drops to, how a resumed run counts the drops it made, and setting them on a built network. */
class LearningRateDropsTest {
  private static final AutoencoderSpec SPEC =
      new AutoencoderSpec(6, 6, new int[0], 2, "relu", "identity", "sigmoid", "mse", 1e-3, 0, 1);
  private static final LearningRateDrops TWO_TENTHS = new LearningRateDrops(2, 0.1);

  private static EpochStats epochAt(int epoch, AutoencoderSpec spec) {
    return new EpochStats(epoch, 1, 1, 1, 10, spec.optimizer());
  }

  @Test
  void eachDropMultipliesTheRateAndReadsAsWritten() {
    assertSame(SPEC, TWO_TENTHS.after(SPEC, 0));
    assertEquals(1e-4, TWO_TENTHS.after(SPEC, 1).learningRate(), 0);
    assertEquals("lr 1.0E-5 l2 0.0", TWO_TENTHS.after(SPEC, 2).optimizer(), "no 1.0000000000000002E-5");
    assertEquals(SPEC.toString(), TWO_TENTHS.after(SPEC, 2).toString(), "the same network, so checkpoints resume");
  }

  @Test
  void aResumedRunCountsItsDropsFromTheRateItsLastEpochTrainedAt() {
    assertEquals(0, TWO_TENTHS.doneIn(SPEC, List.of()));
    assertEquals(0, TWO_TENTHS.doneIn(SPEC, List.of(epochAt(1, SPEC))));
    assertEquals(1, TWO_TENTHS.doneIn(SPEC, List.of(epochAt(1, SPEC), epochAt(2, TWO_TENTHS.after(SPEC, 1)))));
    assertEquals(2, TWO_TENTHS.doneIn(SPEC, List.of(epochAt(1, TWO_TENTHS.after(SPEC, 2)))));
    assertEquals(0, TWO_TENTHS.doneIn(SPEC, List.of(epochAt(1, SPEC.withLearningRate(0.5)))),
        "a rate of the run's own is not a drop");
    assertEquals(0, new LearningRateDrops(1, 0.1).doneIn(SPEC, List.of(epochAt(1, TWO_TENTHS.after(SPEC, 2)))),
        "nor one below the drops allowed");
  }

  @Test
  void countAndFactorAreChecked() {
    assertThrows(IllegalArgumentException.class, () -> new LearningRateDrops(-1, 0.1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LearningRateDrops(1, 1.0));
    assertTrue(e.getMessage().contains("(0, 1)"), e.getMessage());
  }

  @Test
  void settingARateKeepsParametersAndAdamState() {
    MultiLayerNetwork net = NetworkFactory.newNetwork(SPEC);
    net.getUpdater().getStateViewArray().assign(0.25);
    INDArray params = net.params().dup();
    NetworkFactory.setLearningRate(net, SPEC.withLearningRate(3e-5));
    assertEquals(3e-5, adamRate(net), 0);
    assertEquals(params, net.params());
    assertEquals(0.25, net.getUpdater().getStateViewArray().meanNumber().doubleValue(), 1e-9);
  }

  @Test
  void aPlateauDropsTheRateOnTheNetworkUntilNoDropIsLeft() {
    MultiLayerNetwork net = NetworkFactory.newNetwork(SPEC);
    RateOnPlateau rate = new RateOnPlateau(SPEC, TWO_TENTHS);
    assertSame(SPEC, rate.current());
    rate.drop(net, 4, 3, 1);
    assertEquals(1e-4, rate.current().learningRate(), 0);
    assertEquals(1e-4, adamRate(net), 0);
    assertFalse(rate.exhausted(), "one drop of two made");
    rate.drop(net, 8, 3, 5);
    assertEquals(1e-5, adamRate(net), 0);
    assertTrue(rate.exhausted());
    assertThrows(IllegalStateException.class, () -> rate.drop(net, 12, 3, 9));
    assertEquals(1e-5, adamRate(net), 0, "a refused drop leaves the rate alone");
  }

  @Test
  void aResumedPlateauSetsTheRateItsLastEpochTrainedAt() {
    MultiLayerNetwork net = NetworkFactory.newNetwork(SPEC);
    RateOnPlateau rate = new RateOnPlateau(SPEC, TWO_TENTHS);
    rate.resume(List.of(epochAt(1, SPEC), epochAt(2, TWO_TENTHS.after(SPEC, 1))), net);
    assertEquals(1e-4, rate.current().learningRate(), 0);
    assertEquals(1e-4, adamRate(net), 0, "the network trains on at the dropped rate");
    assertFalse(rate.exhausted());
  }

  @Test
  void aRunResumedAfterItsDropSaysNothingChanged() {
    RateOnPlateau rate = new RateOnPlateau(SPEC, TWO_TENTHS);
    List<EpochStats> dropped = List.of(epochAt(1, SPEC), epochAt(2, TWO_TENTHS.after(SPEC, 1)));
    rate.resume(dropped, NetworkFactory.newNetwork(SPEC));
    assertNull(rate.changeOnResume(dropped), "the run goes on at the dropped rate it had, not the spec's");
  }

  @Test
  void aRunResumedAtAnotherRateSaysWhatChanges() {
    List<EpochStats> history = List.of(epochAt(1, SPEC), epochAt(2, SPEC));
    RateOnPlateau lower = new RateOnPlateau(SPEC.withLearningRate(1e-4), LearningRateDrops.NONE);
    lower.resume(history, NetworkFactory.newNetwork(SPEC));
    assertEquals("the optimizer changes on resuming: lr 0.001 l2 0.0 until epoch 2, lr 1.0E-4 l2 0.0 from now on",
        lower.changeOnResume(history));
    List<EpochStats> unrecorded = List.of(new EpochStats(1, 1, 1, 1, 10, null));
    assertTrue(lower.changeOnResume(unrecorded).startsWith("the checkpoint does not record its optimizer"));
    assertNull(lower.changeOnResume(List.of()), "a fresh run resumes nothing");
  }

  private static double adamRate(MultiLayerNetwork net) {
    return ((Adam) net.getLayer(0).conf().getLayer().getUpdaterByParam("W")).getLearningRate();
  }
}
