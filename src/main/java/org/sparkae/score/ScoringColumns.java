package org.sparkae.score;

import java.io.Serializable;

/**
 * Where a scorer reads and what it appends. Indices refer to the input row; an output whose name is
 * empty is left out. {@code targetIndex} is -1 when errors are measured against the input.
 * {@code explanationTopK} is 0 when no explanation is wanted; {@code featureNames} name the outputs;
 * {@code inputNames} the input's entries in errors about bad values (null when the input has no names);
 * {@code latentLogVar} asks a variational model for its code's log-variances (after the latent column);
 * {@code outlierScore} and {@code latentDistance} come after the error.
 */
public record ScoringColumns(int inputIndex, String inputCol, int targetIndex, String targetCol,
    boolean latent, boolean reconstruction, boolean error, boolean outlier, boolean featureErrors,
    int explanationTopK, String[] featureNames, String[] inputNames, boolean latentLogVar, boolean outlierScore,
    boolean latentDistance) implements Serializable {
  /** True when the outlier score is needed (as a column, for the flag, or its code term as a column). */
  public boolean scored() {
    return outlier || outlierScore || latentDistance;
  }

  /** True when the per-column squared errors are needed (as a column or for an explanation). */
  public boolean perColumnErrors() {
    return featureErrors || explanationTopK > 0;
  }
}
