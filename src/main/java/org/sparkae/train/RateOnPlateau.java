package org.sparkae.train;

import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparkae.nn.AutoencoderSpec;
import org.sparkae.nn.NetworkFactory;

/**
 * The learning rate one fit trains at: the spec's until a plateau, then lower after each of the
 * {@link LearningRateDrops} it may make. Kept apart from {@link BestEpoch}, which decides when a
 * plateau is reached; this decides what a plateau does.
 */
final class RateOnPlateau {
  private static final Logger LOG = LoggerFactory.getLogger(RateOnPlateau.class);
  private final AutoencoderSpec base;
  private final LearningRateDrops drops;
  private int done;

  RateOnPlateau(AutoencoderSpec base, LearningRateDrops drops) {
    this.base = base;
    this.drops = drops;
  }

  /**
   * Picks up where a resumed run left off: the drops its last epoch's rate shows, that rate set on
   * {@code net}; logs when the run goes on with other optimiser settings than its last epoch had.
   */
  void resume(List<EpochStats> history, MultiLayerNetwork net) {
    done = drops.doneIn(base, history);
    if (done > 0) {
      NetworkFactory.setLearningRate(net, current());
    }
    String change = changeOnResume(history);
    if (change != null) {
      LOG.info(change);
    }
  }

  /**
   * What a resumed run changes in its optimiser, compared with the rate after the drops it had made
   * (not the spec's, which a dropped run no longer trains at); null when nothing changes.
   */
  String changeOnResume(List<EpochStats> history) {
    if (history.isEmpty()) {
      return null;
    }
    EpochStats last = history.get(history.size() - 1);
    String now = current().optimizer();
    if (last.optimizer() == null) {
      return "the checkpoint does not record its optimizer (written before epochs recorded it); " + now
          + " from now on, and early stopping counts from here";
    }
    return last.optimizer().equals(now) ? null
        : "the optimizer changes on resuming: " + last.optimizer() + " until epoch " + last.epoch() + ", " + now
            + " from now on";
  }

  /** True when no drop is left, so a plateau ends training. */
  boolean exhausted() {
    return done == drops.count();
  }

  /** Lowers the rate on {@code net} for the epochs from {@code epoch} on; patience and bestEpoch are for the log. */
  void drop(MultiLayerNetwork net, int epoch, int patience, int bestEpoch) {
    if (exhausted()) {
      throw new IllegalStateException("no learning-rate drop left (" + drops.count() + " made)");
    }
    double before = current().learningRate();
    done++;
    AutoencoderSpec now = current();
    LOG.info("validation loss has not improved for {} epochs: learning rate {} -> {} from epoch {} (drop {} of {}), "
        + "the best epoch so far {}", patience, before, now.learningRate(), epoch, done, drops.count(), bestEpoch);
    NetworkFactory.setLearningRate(net, now);
  }

  /** The network as it trains now (its optimiser string is what each epoch records). */
  AutoencoderSpec current() {
    return drops.after(base, done);
  }
}
