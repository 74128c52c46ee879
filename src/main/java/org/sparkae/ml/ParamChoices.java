package org.sparkae.ml;

/** The values the stages' string params accept. */
final class ParamChoices {
  private ParamChoices() {}

  static final String[] ACTIVATIONS = {"relu", "leakyrelu", "tanh", "sigmoid", "elu", "identity"};
  static final String[] OUTPUT_ACTIVATIONS = {"auto", "sigmoid", "identity"};
  static final String[] INPUT_SCALINGS = {"auto", "none", "standard", "minmax"};
  static final String[] LOSSES = {"mse", "xent"};
  static final String[] NOISE_TYPES = {"none", "gaussian", "masking", "saltpepper"};
  static final String[] HANDLE_INVALID = {"error", "skip"};
  static final String[] TRAINING_APPROACHES = {"direct", "export"};
  static final String[] ERROR_SCALINGS = {"none", "residualStd"};
}
