package org.sparkae.nn;

import java.util.Locale;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** Builds DL4J networks from an {@link AutoencoderSpec}. */
public final class NetworkFactory {
  private NetworkFactory() {}

  /**
   * The DL4J configuration: encoder (convolutions, then dense layers), code layer, mirrored decoder,
   * output; Adam, float32.
   */
  public static MultiLayerConfiguration configuration(AutoencoderSpec spec) {
    NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder()
        .seed(spec.seed())
        .dataType(DataType.FLOAT)
        .updater(updater(spec))
        .l2(spec.l2())
        .weightInit(WeightInit.XAVIER)
        .list();
    Activation hidden = activation(spec.activation());
    for (int i = 0; i < spec.numConvLayers(); i++) {
      Activation act = i == spec.codeLayerIndex() ? activation(spec.latentActivation()) : hidden;
      layers.layer(new ConvolutionLayer.Builder(spec.convKernelSize(), spec.convKernelSize()).stride(2, 2)
          .convolutionMode(ConvolutionMode.Same).nOut(spec.convFilters()[i]).activation(act).build());
    }
    int[] widths = spec.denseWidths();
    int in = spec.isConvolutional() ? ConvShape.innermostSize(spec.inputShape(), spec.convFilters()) : spec.inputSize();
    int denseLayers = spec.isConvolutional() ? widths.length : widths.length - 1;
    for (int i = 0; i < denseLayers; i++) {
      boolean code = spec.numConvLayers() + i == spec.codeLayerIndex();
      // A variational code layer yields a mean and a log-variance: unbounded, so identity.
      Activation act = !code ? hidden : spec.variational() ? Activation.IDENTITY : activation(spec.latentActivation());
      layers.layer(new DenseLayer.Builder().nIn(in).nOut(widths[i]).activation(act).build());
      in = widths[i];
      if (code && spec.variational()) {
        layers.layer(new GaussianSampling(spec.latentSize(), spec.klWeight(), spec.seed()));
        in = spec.latentSize();
      }
    }
    if (spec.isConvolutional()) {
      addDeconvolutions(layers, spec, spec.numConvLayers() + denseLayers + (spec.variational() ? 1 : 0), hidden);
      // Identity here on purpose: DL4J 1.0.0-M2's LossLayer reports a wrong training score when it
      // applies an activation itself, so the last deconvolution applies the output activation.
      LossLayer output = new LossLayer.Builder(lossFunction(spec)).activation(Activation.IDENTITY).build();
      output.setNOut(spec.outputSize()); // else DL4J warns about a zero-size output type
      layers.layer(output);
      int[] shape = spec.inputShape();
      layers.setInputType(InputType.convolutionalFlat(shape[1], shape[2], shape[0]));
    } else {
      layers.layer(new OutputLayer.Builder(lossFunction(spec))
          .nIn(in).nOut(spec.outputSize()).activation(activation(spec.outputActivation())).build());
    }
    return layers.build();
  }

  /**
   * Adam at the spec's learning rate; with a decay below 1 the rate follows DL4J's epoch schedule,
   * which reads the epoch count the trainer stores in the configuration every worker is built from.
   */
  private static Adam updater(AutoencoderSpec spec) {
    return spec.learningRateDecay() == 1.0 ? new Adam(spec.learningRate()) : new Adam(schedule(spec));
  }

  private static ExponentialSchedule schedule(AutoencoderSpec spec) {
    return new ExponentialSchedule(ScheduleType.EPOCH, spec.learningRate(), spec.learningRateDecay());
  }

  /**
   * Sets a built network's learning rate (and decay) to the spec's, keeping its parameters and Adam
   * state; the trainer sends the configuration to the workers every round, so the next round trains at it.
   */
  public static void setLearningRate(MultiLayerNetwork net, AutoencoderSpec spec) {
    if (spec.learningRateDecay() == 1.0) {
      net.setLearningRate(spec.learningRate());
    } else {
      net.setLearningRate(schedule(spec));
    }
  }

  /**
   * Stride-2 deconvolutions mirroring the encoder's convolutions; the last yields the input's channels, activated,
   * unless refinement convolutions follow at the input's resolution (then it yields convFilters[0] maps).
   */
  private static void addDeconvolutions(NeuralNetConfiguration.ListBuilder layers, AutoencoderSpec spec, int first,
      Activation hidden) {
    int[] shape = spec.inputShape();
    int[] filters = spec.convFilters();
    int innermost = filters[filters.length - 1];
    int kernel = spec.convKernelSize();
    int refine = spec.numRefineLayers();
    Activation output = activation(spec.outputActivation());
    if (!spec.isFullyConvolutional()) { // dense layers in between: back from flat vectors to feature maps
      layers.inputPreProcessor(first, new FeedForwardToCnnPreProcessor(ConvShape.innermostHeight(shape, filters),
          ConvShape.innermostWidth(shape, filters), innermost));
    }
    for (int i = filters.length - 1; i >= 0; i--) {
      boolean last = i == 0 && refine == 0;
      int nOut = i > 0 ? filters[i - 1] : last ? shape[0] : filters[0];
      layers.layer(new Deconvolution2D.Builder(kernel, kernel).stride(2, 2).convolutionMode(ConvolutionMode.Same)
          .nOut(nOut).activation(last ? output : hidden).build());
    }
    for (int r = 1; r <= refine; r++) {
      boolean last = r == refine;
      layers.layer(new ConvolutionLayer.Builder(kernel, kernel).stride(1, 1).convolutionMode(ConvolutionMode.Same)
          .nOut(last ? shape[0] : filters[0]).activation(last ? output : hidden).build());
    }
  }

  /** A freshly initialised network (weights drawn from the spec's seed). */
  public static MultiLayerNetwork newNetwork(AutoencoderSpec spec) {
    MultiLayerNetwork net = new MultiLayerNetwork(configuration(spec));
    net.init();
    return net;
  }

  /**
   * A network whose parameters are the given flat vector. The array is used as the network's
   * parameter view without copying, so several inference networks can share one read-only copy.
   */
  public static MultiLayerNetwork withParams(AutoencoderSpec spec, INDArray params) {
    if (params.length() != spec.numParams()) {
      throw new IllegalArgumentException("parameter vector has " + params.length() + " values but network " + spec
          + " needs " + spec.numParams());
    }
    MultiLayerNetwork net = new MultiLayerNetwork(configuration(spec));
    net.init(params.reshape(1, params.length()), false);
    return net;
  }

  public static MultiLayerNetwork withParams(AutoencoderSpec spec, float[] params) {
    return withParams(spec, Nd4j.createFromArray(params));
  }

  static Activation activation(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "relu" -> Activation.RELU;
      case "leakyrelu" -> Activation.LEAKYRELU;
      case "tanh" -> Activation.TANH;
      case "sigmoid" -> Activation.SIGMOID;
      case "elu" -> Activation.ELU;
      case "identity" -> Activation.IDENTITY;
      default -> throw new IllegalArgumentException("unknown activation '" + name + "'");
    };
  }

  /**
   * The training loss. A variational net sums the squared error over the outputs (L2; cross-entropy is
   * summed already): the reconstruction term of the evidence lower bound, on the scale the KL term is on.
   */
  static LossFunction lossFunction(AutoencoderSpec spec) {
    LossFunction loss = lossFunction(spec.loss());
    return spec.variational() && loss == LossFunction.MSE ? LossFunction.L2 : loss;
  }

  static LossFunction lossFunction(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "mse" -> LossFunction.MSE;
      case "xent" -> LossFunction.XENT;
      default -> throw new IllegalArgumentException("unknown loss '" + name + "'");
    };
  }
}
