package org.sparkae.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.layers.AbstractLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** The variational net's loss and the sampling layer's gradient, against hand computations. */
class GaussianSamplingTest {
  private static final double BETA = 0.5;
  // 3 inputs -> code layer [mu (2), log sigma^2 (2)] -> sampling -> 3 sigmoid outputs, squared error summed.
  private static final AutoencoderSpec SPEC = new AutoencoderSpec(3, 3, new int[0], 2, "relu", "identity", "sigmoid",
      "mse", 1e-3, 0.0, 11).withVariational(BETA);

  @Test
  void theScoreIsTheSummedSquaredErrorAtTheMeanPlusBetaTimesKl() {
    MultiLayerNetwork net = NetworkFactory.newNetwork(SPEC);
    assertEquals(SPEC.numParams(), net.numParams(), "the spec counts the code layer's mean and log-variance");
    double[][] x = {{0.1, 0.9, 0.4}, {0.7, 0.2, 0.5}, {0.3, 0.3, 0.8}, {1.0, 0.0, 0.6}, {0.5, 0.5, 0.5}};
    double[][] w1 = net.getLayer(0).getParam("W").toDoubleMatrix();
    double[] b1 = net.getLayer(0).getParam("b").toDoubleVector();
    double[][] w2 = net.getLayer(2).getParam("W").toDoubleMatrix();
    double[] b2 = net.getLayer(2).getParam("b").toDoubleVector();
    double reconstruction = 0;
    double kl = 0;
    for (double[] row : x) {
      double[] code = new double[4];
      for (int j = 0; j < 4; j++) {
        code[j] = b1[j];
        for (int i = 0; i < 3; i++) {
          code[j] += row[i] * w1[i][j];
        }
      }
      for (int k = 0; k < 2; k++) {
        double mu = code[k];
        double logVar = code[2 + k];
        kl += -0.5 * (1 + logVar - mu * mu - Math.exp(logVar));
      }
      for (int o = 0; o < 3; o++) {
        double pre = b2[o] + code[0] * w2[0][o] + code[1] * w2[1][o]; // decoded from the mean
        double out = 1 / (1 + Math.exp(-pre));
        reconstruction += (out - row[o]) * (out - row[o]);
      }
    }
    double expected = (reconstruction + BETA * kl) / x.length;
    INDArray features = Nd4j.createFromArray(x).castTo(DataType.FLOAT);
    double score = net.score(new DataSet(features, features), false);
    assertEquals(expected, score, 1e-5 * Math.max(1, Math.abs(expected)), "score at inference");
    assertTrue(kl > 0, "the KL term is counted: " + kl);
  }

  @Test
  void backpropIsTheReparameterisedGradientPlusBetaTimesTheKlGradient() {
    GaussianSampling conf = new GaussianSampling(2, BETA, 3);
    MultiLayerNetwork net = NetworkFactory.newNetwork(SPEC);
    AbstractLayer<?> layer = (AbstractLayer<?>) net.getLayer(1);
    assertEquals(conf.getLatentSize(), ((GaussianSampling) layer.layerConf()).getLatentSize());
    float[][] in = {{0.5f, -1f, 0.2f, -0.4f}, {-0.3f, 0.8f, -1.5f, 0.6f}};
    INDArray input = Nd4j.createFromArray(in);
    LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
    layer.setInput(input, mgr);
    float[][] z = layer.activate(true, mgr).toFloatMatrix();
    float[][] again = layer.activate(true, mgr).toFloatMatrix();
    assertArrayEquals(z, again, "the same minibatch draws the same eps");
    assertArrayEquals(new float[][] {{0.5f, -1f}, {-0.3f, 0.8f}}, layer.activate(false, mgr).toFloatMatrix(),
        "inference passes the mean on");

    float[][] upstream = {{1f, -2f}, {0.5f, 3f}};
    float[][] grad = layer.backpropGradient(Nd4j.createFromArray(upstream), mgr).getSecond().toFloatMatrix();
    for (int r = 0; r < 2; r++) {
      for (int k = 0; k < 2; k++) {
        double mu = in[r][k];
        double logVar = in[r][2 + k];
        double sigma = Math.exp(logVar / 2);
        double eps = (z[r][k] - mu) / sigma;
        assertEquals(upstream[r][k] + BETA * mu, grad[r][k], 1e-5, "d/dmu");
        assertEquals(upstream[r][k] * 0.5 * sigma * eps + BETA * 0.5 * (Math.exp(logVar) - 1), grad[r][2 + k], 1e-5,
            "d/dlogVar");
      }
    }
    layer.setInput(Nd4j.createFromArray(new float[][] {{0.6f, -1f, 0.2f, -0.4f}, {-0.3f, 0.8f, -1.5f, 0.6f}}), mgr);
    float[][] other = layer.activate(true, mgr).toFloatMatrix();
    // Row 2 is unchanged: only fresh draws change its sample.
    assertFalse(java.util.Arrays.equals(z[1], other[1]), "another minibatch draws other eps");
  }
}
