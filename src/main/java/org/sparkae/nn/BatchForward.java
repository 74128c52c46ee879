package org.sparkae.nn;

import java.util.List;
import java.util.function.Function;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** One forward pass over a minibatch, yielding both the latent code and the reconstruction. */
public final class BatchForward {
  private BatchForward() {}

  /** Latent codes [rows x latent width], reconstructions [rows x outputSize], per-row error against targets. */
  public record Output(float[][] latent, float[][] reconstruction, double[] errors, float[][] columnErrors,
      float[][] latentLogVar) {}

  /**
   * Frees {@code features}, {@code targets} and every array of the pass before returning plain Java arrays.
   *
   * @param targets what each reconstruction is compared with ([rows x outputSize]); may be {@code features}
   * @param errorScale per-output factors applied to the residual before squaring ({@link ModelWeights#errorScale}),
   *     or null for the plain mean squared error
   */
  public static Output run(MultiLayerNetwork net, int latentLayerIndex, INDArray features, INDArray targets,
      float[] errorScale, boolean wantLatent, boolean wantReconstruction, boolean wantColumnErrors) {
    return run(net, latentLayerIndex, features, targets, errorScale, wantLatent, wantReconstruction, wantColumnErrors,
        -1);
  }

  /**
   * One forward pass with everything scoring needs from {@code weights}: the code layers of its spec,
   * its error scaling and, for a variational model, its error measure.
   */
  public static Output run(MultiLayerNetwork net, ModelWeights weights, INDArray features, INDArray targets,
      boolean wantLatent, boolean wantReconstruction, boolean wantColumnErrors, boolean wantLatentLogVar) {
    AutoencoderSpec spec = weights.spec();
    ErrorMeasure measure = weights.errorMeasure();
    // A variational measure reads the code layer of the same pass: the encoder runs once.
    Function<List<INDArray>, double[]> errors = measure == null ? null
        : activations -> VariationalScores.of(net, spec, features, activations.get(spec.codeLayerIndex() + 1),
            targets, measure);
    return run(net, spec.latentLayerIndex(), features, targets, weights.errorScale(), wantLatent, wantReconstruction,
        wantColumnErrors, wantLatentLogVar ? spec.codeLayerIndex() : -1, errors);
  }

  /**
   * As above; {@code codeLayerIndex} >= 0 also returns a variational code layer's log-variances (the
   * second half of its [mean, log-variance] activations).
   */
  public static Output run(MultiLayerNetwork net, int latentLayerIndex, INDArray features, INDArray targets,
      float[] errorScale, boolean wantLatent, boolean wantReconstruction, boolean wantColumnErrors,
      int codeLayerIndex) {
    return run(net, latentLayerIndex, features, targets, errorScale, wantLatent, wantReconstruction, wantColumnErrors,
        codeLayerIndex, null);
  }

  /** As above, with {@code errorsOf} (given the pass's activations) in place of the mean squared error when set. */
  private static Output run(MultiLayerNetwork net, int latentLayerIndex, INDArray features, INDArray targets,
      float[] errorScale, boolean wantLatent, boolean wantReconstruction, boolean wantColumnErrors,
      int codeLayerIndex, Function<List<INDArray>, double[]> errorsOf) {
    // Activations list: index 0 is the input, index i + 1 the output of layer i.
    List<INDArray> activations = net.feedForward(features, false);
    INDArray reconstruction = activations.get(activations.size() - 1);
    INDArray diff = reconstruction.sub(targets);
    try {
      if (errorScale != null) {
        diff.muliRowVector(Nd4j.createFromArray(errorScale).castTo(diff.dataType()));
      }
      INDArray squared = diff.muli(diff);
      float[][] latent = wantLatent ? Matrices.rows(activations.get(latentLayerIndex + 1)) : null;
      float[][] reconstructed = wantReconstruction ? Matrices.rows(reconstruction) : null;
      float[][] columnErrors = wantColumnErrors ? Matrices.rows(squared) : null;
      float[][] logVar = codeLayerIndex < 0 ? null : logVariances(activations.get(codeLayerIndex + 1));
      // Last: a variational measure runs the decoder again, after everything else is read out of this pass.
      double[] errors = errorsOf != null ? errorsOf.apply(activations) : squared.mean(1).toDoubleVector();
      return new Output(latent, reconstructed, errors, columnErrors, logVar);
    } finally {
      // Off-heap buffers go back now, not when the garbage collector gets to their Java wrappers.
      free(activations);
      free(List.of(diff, features, targets));
    }
  }

  private static float[][] logVariances(INDArray code) {
    long half = code.size(1) / 2;
    return Matrices.rows(code.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
        org.nd4j.linalg.indexing.NDArrayIndex.interval(half, 2 * half)));
  }

  /**
   * The decoder alone: codes [rows x latentWidth] through the layers after the code to the output, as
   * rows in the network's (scaled) output space. A fully convolutional code is reshaped back into the
   * innermost feature maps first. Frees {@code codes} and the output.
   */
  public static float[][] decode(MultiLayerNetwork net, AutoencoderSpec spec, INDArray codes) {
    INDArray in = codes;
    if (spec.isFullyConvolutional()) {
      int[] filters = spec.convFilters();
      in = codes.reshape('c', codes.size(0), filters[filters.length - 1],
          ConvShape.innermostHeight(spec.inputShape(), filters), ConvShape.innermostWidth(spec.inputShape(), filters));
    }
    INDArray out = net.activateSelectedLayers(spec.latentLayerIndex() + 1, net.getnLayers() - 1, in);
    try {
      return Matrices.rows(out);
    } finally {
      free(List.of(out, codes));
    }
  }

  /** Closes each array that owns its buffer (not views, not arrays in a workspace), once. */
  public static void free(List<INDArray> arrays) {
    for (INDArray a : arrays) {
      if (a != null && !a.wasClosed() && a.closeable()) {
        a.close();
      }
    }
  }

  /** Reconstruction minus target as rows; every array it used is freed. */
  public static float[][] residuals(MultiLayerNetwork net, INDArray features, INDArray targets) {
    INDArray residual = net.output(features, false).subi(targets);
    try {
      return Matrices.rows(residual); // one bulk read, as in scoring
    } finally {
      free(List.of(residual, features, targets));
    }
  }
}
