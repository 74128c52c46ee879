package org.sparkae.nn;

import java.util.Collection;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.NoParamLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The sampling step of a variational autoencoder, as a DL4J layer without parameters: it reads the
 * code layer's [mu, log sigma^2] (2 x latentSize values per row) and passes on z = mu + sigma * eps
 * while training, mu otherwise. Its KL divergence from N(0, I), times klWeight, joins the network's
 * score and gradient (see {@link GaussianSamplingLayer}).
 */
public class GaussianSampling extends NoParamLayer {
  private static final long serialVersionUID = 1L;

  private int latentSize;
  private double klWeight;
  private long seed;

  /** For DL4J's JSON configuration reader. */
  public GaussianSampling() {}

  public GaussianSampling(int latentSize, double klWeight, long seed) {
    this.latentSize = latentSize;
    this.klWeight = klWeight;
    this.seed = seed;
  }

  public int getLatentSize() { return latentSize; }

  public void setLatentSize(int latentSize) { this.latentSize = latentSize; }

  public double getKlWeight() { return klWeight; }

  public void setKlWeight(double klWeight) { this.klWeight = klWeight; }

  public long getSeed() { return seed; }

  public void setSeed(long seed) { this.seed = seed; }

  @Override
  public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
      INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
    GaussianSamplingLayer layer = new GaussianSamplingLayer(conf, networkDataType);
    layer.setListeners(listeners);
    layer.setIndex(layerIndex);
    layer.setParamsViewArray(layerParamsView);
    Map<String, INDArray> table = initializer().init(conf, layerParamsView, initializeParams);
    layer.setParamTable(table);
    layer.setConf(conf);
    return layer;
  }

  @Override
  public InputType getOutputType(int layerIndex, InputType inputType) {
    return InputType.feedForward(latentSize);
  }

  @Override
  public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
    return null;
  }

  @Override
  public LayerMemoryReport getMemoryReport(InputType inputType) {
    return new LayerMemoryReport.Builder(layerName, GaussianSampling.class, inputType, getOutputType(-1, inputType))
        .standardMemory(0, 0).workingMemory(0, 0, 0, 0).cacheMemory(0, 0).build();
  }

  @Override
  public GaussianSampling clone() {
    return (GaussianSampling) super.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GaussianSampling s && s.latentSize == latentSize && s.klWeight == klWeight && s.seed == seed
        && java.util.Objects.equals(s.layerName, layerName);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(latentSize, klWeight, seed, layerName);
  }
}
