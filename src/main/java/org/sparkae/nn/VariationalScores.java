package org.sparkae.nn;

import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A variational model's per-row {@link ErrorMeasure}, by Monte Carlo over codes drawn from each row's posterior. */
final class VariationalScores {
  private static final double CLIP = 1e-7;

  private VariationalScores() {}

  /**
   * @param features the rows as the network reads them; their values seed each row's draws
   * @param code the code layer's activations [rows x 2 latent]: means, then log-variances
   * @param targets what each row's reconstruction is compared with, in the scaled space [rows x outputs]
   */
  static double[] of(MultiLayerNetwork net, AutoencoderSpec spec, INDArray features, INDArray code,
      INDArray targets, ErrorMeasure measure) {
    int latent = spec.latentSize();
    int samples = measure.samples();
    float[][] codes = Matrices.rows(code);
    float[][] expected = Matrices.rows(targets);
    float[][] inputs = targets == features ? expected : Matrices.rows(features);
    int rows = codes.length;
    float[] z = new float[rows * samples * latent];
    double[] kl = new double[rows];
    for (int r = 0; r < rows; r++) {
      // Draws seeded by the row's own values (not its code, whose last bits depend on the minibatch's
      // matrix products): a row draws the same codes in any minibatch, on any worker.
      SplittableRandom random = new SplittableRandom(spec.seed() ^ java.util.Arrays.hashCode(inputs[r]));
      for (int k = 0; k < latent; k++) {
        double mu = codes[r][k];
        double logVar = codes[r][latent + k];
        kl[r] += -0.5 * (1 + logVar - mu * mu - Math.exp(logVar));
      }
      for (int s = 0; s < samples; s++) {
        for (int k = 0; k < latent; k++) {
          z[(r * samples + s) * latent + k] =
              (float) (codes[r][k] + Math.exp(0.5 * codes[r][latent + k]) * random.nextGaussian());
        }
      }
    }
    INDArray drawn = Nd4j.create(z, new long[] {(long) rows * samples, latent}, 'c');
    INDArray decoded = net.activateSelectedLayers(spec.latentLayerIndex() + 1, net.getnLayers() - 1, drawn);
    float[][] outputs;
    try {
      outputs = Matrices.rows(decoded);
    } finally {
      BatchForward.free(List.of(decoded, drawn));
    }
    boolean xent = "xent".equals(spec.loss());
    boolean elbo = ErrorMeasure.ELBO.equals(measure.kind());
    double[] scores = new double[rows];
    for (int r = 0; r < rows; r++) {
      double term = 0;
      for (int s = 0; s < samples; s++) {
        float[] out = outputs[r * samples + s];
        for (int j = 0; j < out.length; j++) {
          double t = expected[r][j];
          if (xent) {
            double o = Math.min(1 - CLIP, Math.max(CLIP, out[j]));
            term -= t * Math.log(o) + (1 - t) * Math.log(1 - o);
          } else {
            term += (out[j] - t) * (out[j] - t);
          }
        }
      }
      scores[r] = term / samples + (elbo ? spec.klWeight() * kl[r] : 0);
    }
    return scores;
  }
}
