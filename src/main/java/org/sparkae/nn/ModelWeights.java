package org.sparkae.nn;

import java.io.Serializable;
import org.sparkae.nn.AutoencoderSpec;
import org.sparkae.nn.FeatureScaling;

/**
 * What executors need to rebuild a trained network and score with it: its spec, its flat parameter
 * vector and, for errorScaling 'residualStd', the per-output standard deviation of the training
 * residuals (null: the error is the plain mean squared error), and the scaling learned at fit for the
 * inputs and for what the network reconstructs (null: none), for a variational model the measure
 * its error column reports (null: the mean squared error at the code's mean), and the latent term of the
 * outlier score (null: the score is the error). Broadcast once.
 */
public record ModelWeights(AutoencoderSpec spec, float[] params, float[] residualStd, FeatureScaling inputScaling,
    FeatureScaling outputScaling, ErrorMeasure errorMeasure, LatentDistance latentDistance) implements Serializable {
  public ModelWeights {
    if (params.length != spec.numParams()) {
      throw new IllegalArgumentException("model has " + params.length + " parameters but its network " + spec
          + " needs " + spec.numParams());
    }
    if (inputScaling != null && inputScaling.size() != spec.inputSize()
        || outputScaling != null && outputScaling.size() != spec.outputSize()) {
      throw new IllegalArgumentException("the scaling's widths do not match the network " + spec);
    }
    if (errorMeasure != null && !spec.variational()) {
      throw new IllegalArgumentException(errorMeasure.kind() + " needs a variational network, got " + spec);
    }
    if (latentDistance != null && latentDistance.latentWidth() != spec.latentWidth()) {
      throw new IllegalArgumentException("the latent distance has " + latentDistance.latentWidth() + " code values "
          + "but the network's code has " + spec.latentWidth());
    }
    if (residualStd != null) {
      if (residualStd.length != spec.outputSize()) {
        throw new IllegalArgumentException("residualStd has " + residualStd.length + " values but the network "
            + "outputs " + spec.outputSize());
      }
      for (float s : residualStd) {
        if (!(s >= 0) || !Float.isFinite(s)) {
          throw new IllegalArgumentException("residualStd values must be finite and >= 0, got " + s);
        }
      }
    }
  }

  public ModelWeights(AutoencoderSpec spec, float[] params, float[] residualStd, FeatureScaling inputScaling,
      FeatureScaling outputScaling) {
    this(spec, params, residualStd, inputScaling, outputScaling, null, null);
  }

  public ModelWeights(AutoencoderSpec spec, float[] params) {
    this(spec, params, null, null, null);
  }

  public ModelWeights(AutoencoderSpec spec, float[] params, float[] residualStd) {
    this(spec, params, residualStd, null, null);
  }

  /** The same network and scaling with the given residual spreads. */
  public ModelWeights withResidualStd(float[] spread) {
    return new ModelWeights(spec, params, spread, inputScaling, outputScaling, errorMeasure, latentDistance);
  }

  /** The same network and scaling, its errors measured by {@code measure} (null: mean squared error). */
  public ModelWeights withErrorMeasure(ErrorMeasure measure) {
    return new ModelWeights(spec, params, residualStd, inputScaling, outputScaling, measure, latentDistance);
  }

  /** The same network and error, its outlier score given a latent term (null: the score is the error). */
  public ModelWeights withLatentDistance(LatentDistance distance) {
    return new ModelWeights(spec, params, residualStd, inputScaling, outputScaling, errorMeasure, distance);
  }

  /** A row's outlier score from its error and code (the code is read only with a latent term). */
  public double outlierScore(double error, float[] code) {
    return LatentDistance.outlierScore(latentDistance, error, code);
  }

  /** Scales an input row in place (a no-op without input scaling). */
  public float[] scaleInput(float[] row) {
    return inputScaling == null ? row : inputScaling.apply(row);
  }

  /** Scales a target row in place (a no-op without output scaling). */
  public float[] scaleTarget(float[] row) {
    return outputScaling == null ? row : outputScaling.apply(row);
  }

  /** Maps a reconstruction back to the target's units, in place. */
  public float[] unscaleOutput(float[] row) {
    return outputScaling == null ? row : outputScaling.invert(row);
  }

  /**
   * What each output's residual is multiplied by before squaring: 1 / (s_j + mean(s)). The mean
   * spread as a floor keeps outputs that are always reconstructed exactly (s_j = 0) from dominating,
   * and makes the weights independent of the data's scale. Null for the plain mean squared error.
   */
  public float[] errorScale() {
    return residualStd == null ? null : errorScale(residualStd);
  }

  /** {@link #errorScale()} of the given spreads (one per output); also what the benchmark's PCA baseline uses. */
  public static float[] errorScale(float[] residualStd) {
    double mean = 0;
    for (float s : residualStd) {
      mean += s;
    }
    mean /= residualStd.length;
    float[] scale = new float[residualStd.length];
    for (int j = 0; j < scale.length; j++) {
      double spread = residualStd[j] + mean;
      scale[j] = spread > 0 ? (float) (1 / spread) : 1f; // every residual was exactly 0: nothing to rescale
    }
    return scale;
  }
}
