package org.sparkae.train;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import org.sparkae.nn.AutoencoderSpec;

/**
 * Learning-rate drops on a plateau: when early stopping would stop, training goes on from the
 * current weights at the rate times {@code factor}, up to {@code count} times, and early stopping's
 * patience starts afresh. This is the "train to the plateau, then a tenth of the rate" schedule in
 * one fit instead of a second, resumed one.
 */
public record LearningRateDrops(int count, double factor) implements Serializable {
  public static final LearningRateDrops NONE = new LearningRateDrops(0, 0.1);

  public LearningRateDrops {
    if (count < 0 || !(factor > 0 && factor < 1)) {
      throw new IllegalArgumentException("learning-rate drops need a count >= 0 and a factor in (0, 1), got " + count
          + " drops by " + factor);
    }
  }

  /** The network after {@code k} drops: learning rate times factor^k. */
  public AutoencoderSpec after(AutoencoderSpec base, int k) {
    if (k == 0) {
      return base;
    }
    // Rounded to 12 significant digits so that 0.001 x 0.1 reads 1.0E-4 in logs and optimiser records.
    double rate = new BigDecimal(base.learningRate() * Math.pow(factor, k)).round(new MathContext(12)).doubleValue();
    return base.withLearningRate(rate);
  }

  /**
   * How many drops a resumed run had made: the {@code k} whose rate its last epoch trained at; 0 when
   * none matches (a run resumed at a rate of its own starts its drops afresh).
   */
  public int doneIn(AutoencoderSpec base, List<EpochStats> history) {
    if (history.isEmpty()) {
      return 0;
    }
    String last = history.get(history.size() - 1).optimizer();
    for (int k = count; k > 0; k--) {
      if (after(base, k).optimizer().equals(last)) {
        return k;
      }
    }
    return 0;
  }
}
