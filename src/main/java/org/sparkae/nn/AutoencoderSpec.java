package org.sparkae.nn;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The architecture and optimiser of one autoencoder: everything needed to rebuild its DL4J network,
 * so a saved model stores only this spec and a flat parameter vector (no serialized classes).
 *
 * <p>Dense when {@code inputShape} is empty. With an input shape (channels, height, width) the encoder
 * starts with one stride-2 convolution ({@code convKernelSize} square, 3 by default) per entry of
 * {@code convFilters}, each halving height and width, and the decoder ends with the mirrored stride-2
 * deconvolutions back to the input's shape. With {@code convRefineLayers} n > 0 the last deconvolution
 * yields {@code convFilters[0]} feature maps instead, and n stride-1 convolutions at the input's
 * resolution end the decoder (the last one maps to the input's channels). With {@code latentSize} 0
 * there are no dense layers: the code is the last convolution's feature maps.
 *
 * <p>{@code variational}: the code layer yields a mean and a log-variance per code value, a
 * {@link GaussianSampling} layer draws the code the decoder reads, and the loss is the summed
 * reconstruction term (squared error or cross-entropy over the outputs) plus {@code klWeight} times the
 * KL divergence from N(0, I). {@code klWeight} is ignored otherwise.
 */
public record AutoencoderSpec(
    int inputSize,
    int outputSize,
    int[] inputShape,
    int[] convFilters,
    int convKernelSize,
    int convRefineLayers,
    int[] encoderLayers,
    int latentSize,
    String activation,
    String latentActivation,
    String outputActivation,
    String loss,
    double learningRate,
    double learningRateDecay,
    double l2,
    long seed,
    boolean variational,
    double klWeight) implements Serializable {

  /** Convolution kernel height and width unless given: 3x3, as in most small image autoencoders. */
  public static final int DEFAULT_KERNEL = 3;

  public AutoencoderSpec {
    if (inputSize <= 0 || outputSize <= 0) {
      throw new IllegalArgumentException("input and output sizes must be positive, got " + inputSize + " and " + outputSize);
    }
    inputShape = inputShape.clone();
    convFilters = convFilters.clone();
    encoderLayers = encoderLayers.clone();
    if (!(learningRateDecay > 0 && learningRateDecay <= 1)) {
      throw new IllegalArgumentException("learningRateDecay must be in (0, 1], got " + learningRateDecay);
    }
    if ("xent".equals(loss) && !"sigmoid".equals(outputActivation)) {
      throw new IllegalArgumentException(
          "loss 'xent' needs outputActivation 'sigmoid' (binary cross-entropy of values in [0, 1]), got '"
              + outputActivation + "'");
    }
    if (convKernelSize < 1 || convKernelSize % 2 == 0) {
      throw new IllegalArgumentException("convKernelSize must be odd and >= 1 (so 'Same' padding is symmetric), got "
          + convKernelSize);
    }
    if (convRefineLayers < 0) {
      throw new IllegalArgumentException("convRefineLayers must be >= 0, got " + convRefineLayers);
    }
    if (inputShape.length > 0) {
      ConvShape.check(inputShape, convFilters, inputSize, outputSize);
    }
    if (latentSize < 0 || latentSize == 0 && (inputShape.length == 0 || encoderLayers.length > 0)) {
      throw new IllegalArgumentException("latentSize " + latentSize + ": the code needs a width > 0, or 0 for a fully "
          + "convolutional network whose code is the last convolution's feature maps (needs inputShape and no "
          + "encoderLayers; got inputShape " + Arrays.toString(inputShape) + ", encoderLayers "
          + Arrays.toString(encoderLayers) + ")");
    }
    if (variational && (latentSize == 0 || !(klWeight >= 0) || Double.isInfinite(klWeight))) {
      throw new IllegalArgumentException("a variational autoencoder needs latentSize > 0 (a dense code to sample) and "
          + "a finite klWeight >= 0, got latentSize " + latentSize + ", klWeight " + klWeight);
    }
  }

  /** A plain (not variational) autoencoder. */
  public AutoencoderSpec(int inputSize, int outputSize, int[] inputShape, int[] convFilters, int convKernelSize,
      int convRefineLayers, int[] encoderLayers, int latentSize, String activation, String latentActivation,
      String outputActivation, String loss, double learningRate, double learningRateDecay, double l2, long seed) {
    this(inputSize, outputSize, inputShape, convFilters, convKernelSize, convRefineLayers, encoderLayers, latentSize,
        activation, latentActivation, outputActivation, loss, learningRate, learningRateDecay, l2, seed, false, 1.0);
  }

  /** An autoencoder whose convolutions (if any) use the default 3x3 kernel and end in the last deconvolution. */
  public AutoencoderSpec(int inputSize, int outputSize, int[] inputShape, int[] convFilters, int[] encoderLayers,
      int latentSize, String activation, String latentActivation, String outputActivation, String loss,
      double learningRate, double learningRateDecay, double l2, long seed) {
    this(inputSize, outputSize, inputShape, convFilters, DEFAULT_KERNEL, 0, encoderLayers, latentSize, activation,
        latentActivation, outputActivation, loss, learningRate, learningRateDecay, l2, seed);
  }

  /** A dense autoencoder (no input shape). */
  public AutoencoderSpec(int inputSize, int outputSize, int[] encoderLayers, int latentSize, String activation,
      String latentActivation, String outputActivation, String loss, double learningRate, double l2, long seed) {
    this(inputSize, outputSize, new int[0], new int[0], encoderLayers, latentSize, activation, latentActivation,
        outputActivation, loss, learningRate, 1.0, l2, seed);
  }

  /**
   * The optimiser settings, which {@link #toString} leaves out: a checkpoint's identity is the
   * network without them, so a resumed run may change them. A constant rate leaves the decay out.
   */
  public String optimizer() {
    return "lr " + learningRate + (learningRateDecay == 1.0 ? "" : " decay " + learningRateDecay) + " l2 " + l2;
  }

  /** The same network at another learning rate (a learning-rate drop). */
  public AutoencoderSpec withLearningRate(double rate) {
    return new AutoencoderSpec(inputSize, outputSize, inputShape, convFilters, convKernelSize, convRefineLayers,
        encoderLayers, latentSize, activation, latentActivation, outputActivation, loss, rate, learningRateDecay, l2,
        seed, variational, klWeight);
  }

  /** The same network made variational with the given KL weight (beta). */
  public AutoencoderSpec withVariational(double beta) {
    return new AutoencoderSpec(inputSize, outputSize, inputShape, convFilters, convKernelSize, convRefineLayers,
        encoderLayers, latentSize, activation, latentActivation, outputActivation, loss, learningRate,
        learningRateDecay, l2, seed, true, beta);
  }

  public boolean isConvolutional() {
    return inputShape.length > 0;
  }

  /** Number of convolution layers in the encoder (and deconvolutions in the decoder). */
  public int numConvLayers() {
    return isConvolutional() ? convFilters.length : 0;
  }

  /** Stride-1 convolutions at the input's resolution after the last deconvolution (0 for dense nets). */
  public int numRefineLayers() {
    return isConvolutional() ? convRefineLayers : 0;
  }

  /** True when the code is the last convolution's feature maps (latentSize 0): no dense layers at all. */
  public boolean isFullyConvolutional() {
    return latentSize == 0;
  }

  /**
   * Index of the layer whose activations at inference are the latent code: the code layer, or in a
   * variational net the sampling layer after it (which passes the mean on at inference).
   */
  public int latentLayerIndex() {
    return codeLayerIndex() + (variational ? 1 : 0);
  }

  /** Index of the code layer; in a variational net its activations are [mean, log-variance]. */
  public int codeLayerIndex() {
    return isFullyConvolutional() ? numConvLayers() - 1 : numConvLayers() + encoderLayers.length;
  }

  /** Values in one row's latent code: latentSize, or the innermost feature maps of a fully convolutional net. */
  public int latentWidth() {
    return isFullyConvolutional() ? ConvShape.innermostSize(inputShape, convFilters) : latentSize;
  }

  /**
   * Widths of the dense layers, input excluded: encoder, code, mirrored decoder, then the output (dense) or
   * the layer that feeds the deconvolutions (convolutional).
   */
  int[] denseWidths() {
    if (isFullyConvolutional()) {
      return new int[0];
    }
    int n = encoderLayers.length;
    int[] widths = new int[2 * n + 2];
    System.arraycopy(encoderLayers, 0, widths, 0, n);
    widths[n] = variational ? 2 * latentSize : latentSize;
    for (int i = 0; i < n; i++) {
      widths[n + 1 + i] = encoderLayers[n - 1 - i];
    }
    // A dense net ends in its output layer; a convolutional one in the layer that feeds the deconvolutions.
    widths[widths.length - 1] = isConvolutional() ? ConvShape.innermostSize(inputShape, convFilters) : outputSize;
    return widths;
  }

  /** Number of trainable parameters (weights and biases). */
  public long numParams() {
    long total = 0;
    long in = isConvolutional() ? ConvShape.innermostSize(inputShape, convFilters) : inputSize;
    int[] widths = denseWidths();
    for (int i = 0; i < widths.length; i++) {
      total += in * widths[i] + widths[i];
      // The decoder reads the sampled code, half as wide as a variational code layer's mean and log-variance.
      in = variational && i == encoderLayers.length ? latentSize : widths[i];
    }
    if (isConvolutional()) {
      // Encoder convolutions channels -> f1 -> ... -> fk; decoder deconvolutions fk -> ... -> f1 -> channels, or
      // -> f1 again when refinement convolutions follow (n-1 of them f1 -> f1, the last f1 -> channels).
      long window = (long) convKernelSize * convKernelSize;
      long channels = inputShape[0];
      int refine = numRefineLayers();
      for (int i = 0; i < convFilters.length; i++) {
        long f = convFilters[i];
        long back = i == 0 && refine > 0 ? f : channels;
        total += window * channels * f + f;
        total += window * f * back + back;
        channels = f;
      }
      if (refine > 0) {
        long f1 = convFilters[0];
        long c = inputShape[0];
        total += (refine - 1) * (window * f1 * f1 + f1) + window * f1 * c + c;
      }
    }
    return total;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AutoencoderSpec s && inputSize == s.inputSize && outputSize == s.outputSize
        && Arrays.equals(inputShape, s.inputShape) && Arrays.equals(convFilters, s.convFilters)
        && convKernelSize == s.convKernelSize && convRefineLayers == s.convRefineLayers
        && Arrays.equals(encoderLayers, s.encoderLayers)
        && latentSize == s.latentSize && activation.equals(s.activation) && latentActivation.equals(s.latentActivation)
        && outputActivation.equals(s.outputActivation) && loss.equals(s.loss)
        && learningRate == s.learningRate && learningRateDecay == s.learningRateDecay && l2 == s.l2 && seed == s.seed
        && variational == s.variational && (!variational || klWeight == s.klWeight);
  }

  @Override
  public int hashCode() {
    return (Arrays.hashCode(encoderLayers) * 31 + Arrays.hashCode(inputShape) * 17 + Arrays.hashCode(convFilters))
        * 31 + java.util.Objects.hash(inputSize, outputSize, convKernelSize, convRefineLayers, latentSize, activation,
        latentActivation, outputActivation, loss, learningRate, learningRateDecay, l2, seed, variational,
        variational ? klWeight : 0);
  }

  @Override
  public String toString() {
    // The default kernel is left out so the identity of checkpoints written before the kernel was a choice holds.
    String kernel = convKernelSize == DEFAULT_KERNEL ? "" : convKernelSize + "x" + convKernelSize;
    String convs = isConvolutional()
        ? Arrays.toString(inputShape) + "-conv" + kernel + Arrays.toString(convFilters) + "-" : inputSize + "-";
    String code = isFullyConvolutional() ? "code " + latentWidth() : Arrays.toString(encoderLayers) + "-" + latentSize;
    // Likewise no refinement is left out.
    String refine = numRefineLayers() == 0 ? "" : "+refine" + numRefineLayers();
    // A plain net's text stays as it was: it is the identity of its checkpoints.
    String sampling = variational ? "-variational(klWeight " + klWeight + ")" : "";
    return convs + code + "(" + latentActivation + ")" + sampling + "-mirror" + refine + "-"
        + outputSize + "(" + outputActivation + ", " + loss + ")";
  }
}
