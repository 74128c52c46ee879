package org.sparkae.nn;

import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.AbstractLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The reparameterised sample of a variational autoencoder (Kingma and Welling 2014). Input rows are
 * [mu, log sigma^2]; training passes z = mu + sigma * eps on, inference mu. The KL divergence
 * KL(N(mu, sigma^2) || N(0, I)) = -1/2 sum(1 + log sigma^2 - mu^2 - sigma^2) per row, times klWeight,
 * is the layer's regularization score (DL4J adds it to the minibatch's mean loss) and its gradient
 * is added in backprop, where DL4J sums per-row gradients and the updater divides by the batch size.
 *
 * <p>eps is drawn from a generator seeded by the layer's seed and the minibatch's input values, so the
 * draws are the same wherever the same minibatch meets the same weights: on any worker, after a restart,
 * in a single JVM. Backprop draws them again rather than keeping arrays across DL4J's workspaces.
 */
public class GaussianSamplingLayer extends AbstractLayer<GaussianSampling> {
  private double klScore;

  public GaussianSamplingLayer(NeuralNetConfiguration conf, DataType dataType) {
    super(conf, dataType);
  }

  @Override
  public INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
    assertInputSet(false);
    int latent = layerConf().getLatentSize();
    INDArray mu = mean();
    INDArray logVar = logVariance();
    klScore = layerConf().getKlWeight() * klDivergence(mu, logVar) / Math.max(1, input.size(0));
    if (!training) {
      return mgr.dup(ArrayType.ACTIVATIONS, mu);
    }
    INDArray z = mgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(), input.size(0), latent);
    z.assign(Transforms.exp(logVar.mul(0.5), false).muli(eps()).addi(mu));
    return z;
  }

  @Override
  public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr mgr) {
    assertInputSet(true);
    double beta = layerConf().getKlWeight();
    int latent = layerConf().getLatentSize();
    INDArray mu = mean();
    INDArray logVar = logVariance();
    INDArray grad = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(), input.size(0), 2L * latent);
    INDArray variance = Transforms.exp(logVar, true);
    INDArray sigma = Transforms.exp(logVar.mul(0.5), false);
    // dz/dmu = 1, dKL/dmu = mu; dz/dlogVar = sigma eps / 2, dKL/dlogVar = (sigma^2 - 1) / 2.
    // Temporaries live in DL4J's working-memory workspace, which frees them; closing them would fail.
    grad.get(NDArrayIndex.all(), NDArrayIndex.interval(0, latent)).assign(mu.mul(beta).addi(epsilon));
    grad.get(NDArrayIndex.all(), NDArrayIndex.interval(latent, 2 * latent))
        .assign(sigma.muli(eps()).muli(epsilon).muli(0.5).addi(variance.subi(1).muli(0.5 * beta)));
    return new Pair<>(new DefaultGradient(), grad);
  }

  /** Sum over rows of KL(N(mu, sigma^2) || N(0, I)). */
  static double klDivergence(INDArray mu, INDArray logVar) {
    INDArray terms = logVar.add(1).subi(mu.mul(mu)).subi(Transforms.exp(logVar, true));
    return -0.5 * terms.sumNumber().doubleValue();
  }

  @Override
  public double calcRegularizationScore(boolean backpropParamsOnly) {
    return klScore;
  }

  private INDArray mean() {
    return input.get(NDArrayIndex.all(), NDArrayIndex.interval(0, layerConf().getLatentSize()));
  }

  private INDArray logVariance() {
    int latent = layerConf().getLatentSize();
    return input.get(NDArrayIndex.all(), NDArrayIndex.interval(latent, 2 * latent));
  }

  /** Standard normal draws [rows x latentSize], seeded by the layer's seed and this minibatch's input. */
  private INDArray eps() {
    float[][] rows = Matrices.rows(input);
    long seed = layerConf().getSeed();
    for (float[] row : rows) {
      seed = seed * 31 + java.util.Arrays.hashCode(row);
    }
    SplittableRandom random = new SplittableRandom(seed);
    int latent = layerConf().getLatentSize();
    float[] draws = new float[rows.length * latent];
    for (int i = 0; i < draws.length; i++) {
      draws[i] = (float) random.nextGaussian();
    }
    return Nd4j.create(draws, new long[] {rows.length, latent}, 'c').castTo(input.dataType());
  }

  @Override
  public boolean isPretrainLayer() {
    return false;
  }

  @Override
  public void clearNoiseWeightParams() {}

  @Override
  public INDArray params() {
    return null;
  }

  @Override
  public Type type() {
    return Type.FEED_FORWARD;
  }
}
