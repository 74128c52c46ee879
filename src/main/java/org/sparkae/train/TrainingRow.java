package org.sparkae.train;

import java.io.Serializable;

/** One validated training example: the clean input and, when the model has one, a separate target. */
public record TrainingRow(float[] input, float[] target) implements Serializable {
  /** Stands for an invalid row that handleInvalid 'skip' dropped, so one read both counts and drops it. */
  public static final TrainingRow SKIPPED = new TrainingRow(null, null);

  public boolean isSkipped() {
    return input == null;
  }

  /** What the network should reproduce: the target if set, else the clean input. */
  public float[] label() {
    return target != null ? target : input;
  }
}
