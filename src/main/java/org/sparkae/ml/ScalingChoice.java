package org.sparkae.ml;

import java.io.Serializable;
import org.sparkae.nn.FeatureScaling;
import org.sparkae.train.ColumnStats;
import org.sparkae.train.TrainingRow;

/**
 * What fit resolves {@code inputScaling} and {@code outputActivation} to from the training rows'
 * statistics: the scaling of the inputs and of what the network reconstructs (null: none), and the
 * output activation. Applied to every training row; saved with the model for scoring.
 */
record ScalingChoice(String method, FeatureScaling input, FeatureScaling label, String outputActivation)
    implements Serializable {

  static ScalingChoice of(AutoencoderParams params, ColumnStats stats) {
    String method = params.getInputScaling();
    if ("auto".equals(method)) {
      // Data already in [0, 1] (pixels, shares) keeps its meaning and a sigmoid output; anything else is standardized.
      method = stats.inUnitRange() ? "none" : "standard";
    }
    FeatureScaling input = stats.inputScaling(method);
    FeatureScaling label = params.hasTarget() ? stats.labelScaling(method) : input;
    String output = params.getOutputActivation();
    if ("auto".equals(output)) {
      double[] range = stats.labelRange(label);
      output = range[0] >= -1e-6 && range[1] <= 1 + 1e-6 ? "sigmoid" : "identity";
    }
    return new ScalingChoice(method, input, label, output);
  }

  /** The row in the scaled space (a new row; the input is left as it was). */
  TrainingRow apply(TrainingRow row) {
    float[] in = input == null ? row.input() : input.apply(row.input().clone());
    float[] target = row.target() == null ? null : label == null ? row.target() : label.apply(row.target().clone());
    return new TrainingRow(in, target);
  }
}
