package org.sparkae.nn;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The architecture and optimiser of one dense autoencoder: everything needed to rebuild its DL4J
 * network, so a saved model stores only this spec and a flat parameter vector (no serialized classes).
 */
public record AutoencoderSpec(
    int inputSize,
    int outputSize,
    int[] encoderLayers,
    int latentSize,
    String activation,
    String latentActivation,
    String outputActivation,
    String loss,
    double learningRate,
    double l2,
    long seed) implements Serializable {

  public AutoencoderSpec {
    if (inputSize <= 0 || outputSize <= 0) {
      throw new IllegalArgumentException("input and output sizes must be positive, got " + inputSize + " and " + outputSize);
    }
    encoderLayers = encoderLayers.clone();
    if ("xent".equals(loss) && !"sigmoid".equals(outputActivation)) {
      throw new IllegalArgumentException(
          "loss 'xent' needs outputActivation 'sigmoid' (binary cross-entropy of values in [0, 1]), got '"
              + outputActivation + "'");
    }
  }

  /** Index of the code layer in the network's layer list (its activations are the latent code). */
  public int latentLayerIndex() {
    return encoderLayers.length;
  }

  /** Number of layers: encoder, code, mirrored decoder, output. */
  public int numLayers() {
    return 2 * encoderLayers.length + 2;
  }

  /** Widths of every layer's output, input excluded: encoder, code, mirrored decoder, output. */
  public int[] layerWidths() {
    int n = encoderLayers.length;
    int[] widths = new int[numLayers()];
    System.arraycopy(encoderLayers, 0, widths, 0, n);
    widths[n] = latentSize;
    for (int i = 0; i < n; i++) {
      widths[n + 1 + i] = encoderLayers[n - 1 - i];
    }
    widths[widths.length - 1] = outputSize;
    return widths;
  }

  /** Number of trainable parameters (weights and biases). */
  public long numParams() {
    long total = 0;
    long in = inputSize;
    for (int w : layerWidths()) {
      total += in * w + w;
      in = w;
    }
    return total;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AutoencoderSpec s && inputSize == s.inputSize && outputSize == s.outputSize
        && Arrays.equals(encoderLayers, s.encoderLayers) && latentSize == s.latentSize
        && activation.equals(s.activation) && latentActivation.equals(s.latentActivation)
        && outputActivation.equals(s.outputActivation) && loss.equals(s.loss)
        && learningRate == s.learningRate && l2 == s.l2 && seed == s.seed;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encoderLayers) * 31 + java.util.Objects.hash(inputSize, outputSize, latentSize,
        activation, latentActivation, outputActivation, loss, learningRate, l2, seed);
  }

  @Override
  public String toString() {
    return inputSize + "-" + Arrays.toString(encoderLayers) + "-" + latentSize + "(" + latentActivation + ")-mirror-"
        + outputSize + "(" + outputActivation + ", " + loss + ")";
  }
}
