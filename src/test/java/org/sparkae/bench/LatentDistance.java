package org.sparkae.bench;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.inverse.InvertMatrix;

/**
 * A candidate outlier score measured beside ours: the reconstruction error plus how far a row's code lies from
 * the training rows' codes (squared Mahalanobis distance under their mean and covariance), each standardized by
 * its mean and standard deviation on the training rows: {@code z(error) + weight * z(distance)}. Rows that a
 * network reconstructs well but encodes where no training row lies (an outlier class the network learned to
 * reproduce) score high on the second term.
 */
final class LatentDistance {
  /** Keeps the covariance invertible when a code value hardly varies. */
  private static final double RIDGE = 1e-6;

  private final double[] mean;
  private final INDArray inverse;
  private final double[] errorStats;
  private final double[] distanceStats;

  /** Fitted on the training rows' codes and errors. */
  LatentDistance(double[][] trainCodes, double[] trainErrors) {
    INDArray codes = Nd4j.create(trainCodes);
    INDArray meanRow = codes.mean(0);
    mean = meanRow.toDoubleVector();
    INDArray centred = codes.subRowVector(meanRow);
    INDArray cov = centred.transpose().mmul(centred).divi(Math.max(1, trainCodes.length - 1))
        .addi(Nd4j.eye(mean.length).muli(RIDGE));
    inverse = InvertMatrix.invert(cov, false);
    errorStats = meanAndStd(trainErrors);
    distanceStats = meanAndStd(distances(trainCodes));
  }

  /** Squared Mahalanobis distance of each code from the training codes' mean. */
  double[] distances(double[][] codes) {
    INDArray centred = Nd4j.create(codes).subRowVector(Nd4j.create(mean));
    return centred.mmul(inverse).muli(centred).sum(1).toDoubleVector();
  }

  /** z(error) + weight * z(distance), the z-scores against the training rows. */
  double[] scores(double[][] codes, double[] errors, double weight) {
    double[] d = distances(codes);
    double[] s = new double[errors.length];
    for (int i = 0; i < s.length; i++) {
      s[i] = (errors[i] - errorStats[0]) / errorStats[1] + weight * (d[i] - distanceStats[0]) / distanceStats[1];
    }
    return s;
  }

  private static double[] meanAndStd(double[] values) {
    double mean = Arrays.stream(values).average().orElse(0);
    double ss = Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum();
    double std = Math.sqrt(ss / Math.max(1, values.length - 1));
    return new double[] {mean, std > 0 ? std : 1};
  }
}
