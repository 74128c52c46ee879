package org.sparkae.nn;

import java.io.Serializable;

/**
 * What a variational model's error column measures: {@code reconstructionProbability} (An and Cho
 * 2015) is the reconstruction term of the training loss (squared error or cross-entropy summed over
 * the outputs, i.e. minus the log-likelihood up to a constant) averaged over {@code samples} codes drawn
 * from the row's posterior; {@code elbo} adds klWeight x the row's KL divergence (the negative evidence
 * lower bound). Higher is more unusual for both.
 */
public record ErrorMeasure(String kind, int samples) implements Serializable {
  public static final String RECONSTRUCTION_ERROR = "reconstructionError";
  public static final String RECONSTRUCTION_PROBABILITY = "reconstructionProbability";
  public static final String ELBO = "elbo";
  public static final String[] KINDS = {RECONSTRUCTION_ERROR, RECONSTRUCTION_PROBABILITY, ELBO};

  public ErrorMeasure {
    if (!java.util.List.of(RECONSTRUCTION_PROBABILITY, ELBO).contains(kind) || samples < 1) {
      throw new IllegalArgumentException("a variational error measure is reconstructionProbability or elbo with "
          + "samples >= 1, got " + kind + " with " + samples);
    }
  }

  /** The measure the params ask for, or null for the plain mean squared error at the code's mean. */
  public static ErrorMeasure of(String kind, int samples) {
    return RECONSTRUCTION_ERROR.equals(kind) ? null : new ErrorMeasure(kind, samples);
  }
}
