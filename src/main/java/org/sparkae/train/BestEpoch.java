package org.sparkae.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Early stopping: the epoch with the lowest validation loss so far, its parameters, and the patience left. */
final class BestEpoch {
  private final int patience;
  private double loss = Double.POSITIVE_INFINITY;
  private int epoch;
  private INDArray params;
  private int sinceBest;

  /** {@code patience} 0 never stops and keeps the last epoch. */
  BestEpoch(int patience) {
    this.patience = patience;
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
