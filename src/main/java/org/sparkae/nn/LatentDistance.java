package org.sparkae.nn;

import java.io.Serializable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.inverse.InvertMatrix;

/**
 * The latent term of a model's outlier score: how far a row's code lies from the training rows' codes, as the
 * squared Mahalanobis distance under their mean and covariance (estimated on the codes nearest the centre when
 * latentSupportFraction < 1). The outlier score is
 * {@code z(error) + weight * z(distance)}, each z-score taken against the training rows. A row the network
 * reconstructs well but encodes where no training row lies (an outlier kind the network learned to reproduce)
 * scores high on the second term. Saved with the model; {@code inverse} is the covariance's inverse, row-major.
 */
public record LatentDistance(double weight, double[] mean, double[] inverse, double errorMean, double errorStd,
    double distanceMean, double distanceStd) implements Serializable {
  /** Keeps the covariance invertible when a code value hardly varies. */
  private static final double RIDGE = 1e-6;
  /**
   * The widest code the latent term is fitted for: its inverse covariance has width^2 entries, saved with the
   * model, and scoring a row costs width^2 multiply-adds (a fully convolutional code can hold thousands of values).
   */
  public static final int MAX_WIDTH = 256;

  public LatentDistance {
    if (!(weight > 0) || !Double.isFinite(weight)) {
      throw new IllegalArgumentException("the latent distance weight must be finite and > 0, got " + weight);
    }
    if (inverse.length != mean.length * mean.length) {
      throw new IllegalArgumentException("the inverse covariance has " + inverse.length + " values, not "
          + mean.length + " x " + mean.length);
    }
  }

  /**
   * The distance from the training codes' moments: their count, the sum of the codes and the sum of their outer
   * products (row-major). The z-score statistics are left NaN until {@link #withStatistics}.
   */
  public static LatentDistance fromMoments(double weight, long count, double[] sum, double[] outerSum) {
    int k = sum.length;
    double[] mean = new double[k];
    for (int i = 0; i < k; i++) {
      mean[i] = sum[i] / count;
    }
    double[] cov = new double[k * k];
    double dof = Math.max(1, count - 1);
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        cov[i * k + j] = (outerSum[i * k + j] - count * mean[i] * mean[j]) / dof + (i == j ? RIDGE : 0);
      }
    }
    INDArray inverse = InvertMatrix.invert(Nd4j.create(cov, new long[] {k, k}, DataType.DOUBLE), false);
    return new LatentDistance(weight, mean, inverse.reshape(k * k).toDoubleVector(), Double.NaN, Double.NaN,
        Double.NaN, Double.NaN);
  }

  /** The same distance with the training rows' error and distance means and standard deviations. */
  public LatentDistance withStatistics(double errorMean, double errorStd, double distanceMean, double distanceStd) {
    return new LatentDistance(weight, mean, inverse, errorMean, positive(errorStd), distanceMean,
        positive(distanceStd));
  }

  public int latentWidth() {
    return mean.length;
  }

  /** The squared Mahalanobis distance of {@code code} from the training codes' mean. */
  public double distance(float[] code) {
    int k = mean.length;
    double total = 0;
    for (int i = 0; i < k; i++) {
      double ci = code[i] - mean[i];
      double row = 0;
      for (int j = 0; j < k; j++) {
        row += inverse[i * k + j] * (code[j] - mean[j]);
      }
      total += ci * row;
    }
    return total;
  }

  /** A row's outlier score from its error and code under {@code term}: the error alone when it is null. */
  public static double outlierScore(LatentDistance term, double error, float[] code) {
    return term == null ? error : term.score(error, code);
  }

  /** The outlier score of a row with this reconstruction error and code. */
  public double score(double error, float[] code) {
    return score(error, distance(code));
  }

  /** The outlier score from a row's reconstruction error and its code's {@link #distance}. */
  public double score(double error, double distance) {
    return (error - errorMean) / errorStd + weight * (distance - distanceMean) / distanceStd;
  }

  /** A spread of 0 (every training row alike) would divide by zero; such a term then counts in its own units. */
  private static double positive(double std) {
    return std > 0 && Double.isFinite(std) ? std : 1;
  }
}
