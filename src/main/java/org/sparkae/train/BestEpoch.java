package org.sparkae.train;

import java.util.List;
import java.util.function.IntFunction;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Early stopping: the epoch with the lowest validation loss so far, its parameters, and the patience left. */
final class BestEpoch {
  private static final Logger LOG = LoggerFactory.getLogger(BestEpoch.class);
  private final int patience;
  private double loss = Double.POSITIVE_INFINITY;
  private int epoch;
  private INDArray params;
  private int sinceBest;

  /** {@code patience} 0 never stops and keeps the last epoch. */
  BestEpoch(int patience) {
    this.patience = patience;
  }

  /**
   * Early stopping as a resumed run left it, so that running a finished job again returns the same
   * model instead of training on. {@code net} holds the last epoch of {@code history}; epochs
   * trained with another optimiser than {@code optimizer} do not use up patience (a lower learning
   * rate is a fresh chance to improve); {@code savedParams} loads a checkpointed epoch's parameters,
   * or returns null when that epoch's checkpoint is gone.
   */
  static BestEpoch resumed(int patience, List<EpochStats> history, String optimizer, MultiLayerNetwork net,
      IntFunction<INDArray> savedParams) {
    BestEpoch best = new BestEpoch(patience);
    if (patience <= 0 || history.isEmpty()) {
      return best;
    }
    int lastOfAnotherOptimizer = 0;
    for (EpochStats stats : history) {
      if (stats.validationLoss() < best.loss) {
        best.loss = stats.validationLoss();
        best.epoch = stats.epoch();
      }
      lastOfAnotherOptimizer = optimizer.equals(stats.optimizer()) ? lastOfAnotherOptimizer : stats.epoch();
    }
    int last = history.get(history.size() - 1).epoch();
    best.params = best.epoch == last ? net.params().dup() : savedParams.apply(best.epoch);
    if (best.params == null) { // checkpoints written before the best epoch was kept: count from the newest
      LOG.warn("the checkpoint of epoch {} (lowest validation loss) is gone; early stopping counts from epoch {}",
          best.epoch, last);
      best.loss = history.get(history.size() - 1).validationLoss();
      best.epoch = last;
      best.params = net.params().dup();
    }
    best.sinceBest = last - Math.max(best.epoch, lastOfAnotherOptimizer);
    return best;
  }

  /** Records the epoch; true when training should stop. */
  boolean stopAfter(EpochStats stats, MultiLayerNetwork net) {
    if (patience <= 0) {
      return false;
    }
    if (stats.validationLoss() < loss) {
      loss = stats.validationLoss();
      epoch = stats.epoch();
      params = net.params().dup();
      sinceBest = 0;
      return false;
    }
    return ++sinceBest >= patience;
  }

  /** Patience starts over (after a learning-rate drop); the best epoch so far stays the one to beat. */
  void startAfresh() {
    sinceBest = 0;
  }

  /** True when the validation loss has not improved for {@code patience} epochs. */
  boolean stopped() {
    return patience > 0 && sinceBest >= patience;
  }

  /** The best epoch so far, 0 when early stopping is off or nothing was recorded. */
  int epoch() {
    return epoch;
  }

  /** Puts the best epoch's parameters back when a later epoch was worse. */
  void restoreInto(MultiLayerNetwork net) {
    if (params != null && sinceBest > 0) {
      net.setParams(params);
    }
  }
}
