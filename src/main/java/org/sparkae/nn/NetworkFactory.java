package org.sparkae.nn;

import java.util.Locale;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** Builds DL4J networks from an {@link AutoencoderSpec}. */
public final class NetworkFactory {
  private NetworkFactory() {}

  /** The DL4J configuration: dense encoder, code layer, mirrored decoder, output layer; Adam, float32. */
  public static MultiLayerConfiguration configuration(AutoencoderSpec spec) {
    NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder()
        .seed(spec.seed())
        .dataType(DataType.FLOAT)
        .updater(new Adam(spec.learningRate()))
        .l2(spec.l2())
        .weightInit(WeightInit.XAVIER)
        .list();
    int[] widths = spec.layerWidths();
    int in = spec.inputSize();
    for (int i = 0; i < widths.length - 1; i++) {
      String act = i == spec.latentLayerIndex() ? spec.latentActivation() : spec.activation();
      layers.layer(new DenseLayer.Builder().nIn(in).nOut(widths[i]).activation(activation(act)).build());
      in = widths[i];
    }
    layers.layer(new OutputLayer.Builder(lossFunction(spec.loss()))
        .nIn(in).nOut(spec.outputSize()).activation(activation(spec.outputActivation())).build());
    return layers.build();
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

  static LossFunction lossFunction(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "mse" -> LossFunction.MSE;
      case "xent" -> LossFunction.XENT;
      default -> throw new IllegalArgumentException("unknown loss '" + name + "'");
    };
  }
}
