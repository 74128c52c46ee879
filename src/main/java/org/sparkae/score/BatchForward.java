package org.sparkae.score;

import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/** One forward pass over a minibatch, yielding both the latent code and the reconstruction. */
public final class BatchForward {
  private BatchForward() {}

  /** Latent codes [rows x latent width], reconstructions [rows x outputSize], per-row MSE against targets. */
  public record Output(float[][] latent, float[][] reconstruction, double[] errors) {}

  /**
   * @param targets what each reconstruction is compared with ([rows x outputSize]); may be {@code features}
   */
  public static Output run(MultiLayerNetwork net, int latentLayerIndex, INDArray features, INDArray targets,
      boolean wantLatent, boolean wantReconstruction) {
    // Activations list: index 0 is the input, index i + 1 the output of layer i.
    List<INDArray> activations = net.feedForward(features, false);
    INDArray reconstruction = activations.get(activations.size() - 1);
    INDArray diff = reconstruction.sub(targets);
    double[] errors = diff.muli(diff).mean(1).toDoubleVector();
    return new Output(
        wantLatent ? flat(activations.get(latentLayerIndex + 1)).toFloatMatrix() : null,
        wantReconstruction ? reconstruction.toFloatMatrix() : null,
        errors);
  }

  /** Feature maps [rows, channels, height, width] of a convolutional code as rows of channel-major values. */
  private static INDArray flat(INDArray activations) {
    return activations.rank() == 2 ? activations : activations.reshape('c', activations.size(0), -1);
  }
}
