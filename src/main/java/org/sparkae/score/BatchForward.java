package org.sparkae.score;

import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** One forward pass over a minibatch, yielding both the latent code and the reconstruction. */
public final class BatchForward {
  private BatchForward() {}

  /** Latent codes [rows x latent width], reconstructions [rows x outputSize], per-row error against targets. */
  public record Output(float[][] latent, float[][] reconstruction, double[] errors) {}

  /**
   * @param targets what each reconstruction is compared with ([rows x outputSize]); may be {@code features}
   * @param errorScale per-output factors applied to the residual before squaring ({@link ModelWeights#errorScale}),
   *     or null for the plain mean squared error
   */
  public static Output run(MultiLayerNetwork net, int latentLayerIndex, INDArray features, INDArray targets,
      float[] errorScale, boolean wantLatent, boolean wantReconstruction) {
    // Activations list: index 0 is the input, index i + 1 the output of layer i.
    List<INDArray> activations = net.feedForward(features, false);
    INDArray reconstruction = activations.get(activations.size() - 1);
    INDArray diff = reconstruction.sub(targets);
    if (errorScale != null) {
      diff.muliRowVector(Nd4j.createFromArray(errorScale).castTo(diff.dataType()));
    }
    double[] errors = diff.muli(diff).mean(1).toDoubleVector();
    return new Output(
        wantLatent ? flat(activations.get(latentLayerIndex + 1)).toFloatMatrix() : null,
        wantReconstruction ? reconstruction.toFloatMatrix() : null,
        errors);
  }

  /** Reconstruction minus target, [rows x outputSize]. */
  public static INDArray residuals(MultiLayerNetwork net, INDArray features, INDArray targets) {
    return net.output(features, false).subi(targets);
  }

  /** Feature maps [rows, channels, height, width] of a convolutional code as rows of channel-major values. */
  private static INDArray flat(INDArray activations) {
    return activations.rank() == 2 ? activations : activations.reshape('c', activations.size(0), -1);
  }
}
