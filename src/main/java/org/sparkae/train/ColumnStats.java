package org.sparkae.train;

import java.io.Serializable;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.stat.MultivariateOnlineSummarizer;
import org.sparkae.nn.FeatureScaling;

/**
 * Per-column statistics of the training rows' inputs and labels, in one pass with MLlib's
 * {@link MultivariateOnlineSummarizer}: what the input scaling is learned from. The same pass counts
 * the rows that were skipped as invalid ({@link TrainingRow#SKIPPED}), so the input is read once.
 */
public record ColumnStats(MultivariateOnlineSummarizer input, MultivariateOnlineSummarizer label, long skipped)
    implements Serializable {

  public static ColumnStats of(JavaRDD<TrainingRow> rows) {
    return rows.aggregate(new ColumnStats(new MultivariateOnlineSummarizer(), new MultivariateOnlineSummarizer(), 0),
        (stats, row) -> {
          if (row.isSkipped()) {
            return new ColumnStats(stats.input, stats.label, stats.skipped + 1);
          }
          stats.input.add(Vectors.dense(doubles(row.input())));
          stats.label.add(Vectors.dense(doubles(row.label())));
          return stats;
        },
        (a, b) -> new ColumnStats(a.input.merge(b.input), a.label.merge(b.label), a.skipped + b.skipped));
  }

  /** True when every input and label value lies in [0, 1] (pixel intensities, shares, flags). */
  public boolean inUnitRange() {
    return within(input, 0, 1) && within(label, 0, 1);
  }

  /** The label columns' range after {@code scaling} (null: unscaled). */
  public double[] labelRange(FeatureScaling scaling) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    double[] min = label.min().toArray();
    double[] max = label.max().toArray();
    for (int j = 0; j < min.length; j++) {
      double a = scaling == null ? min[j] : (min[j] - scaling.shift()[j]) * scaling.scale()[j];
      double b = scaling == null ? max[j] : (max[j] - scaling.shift()[j]) * scaling.scale()[j];
      lo = Math.min(lo, a);
      hi = Math.max(hi, b);
    }
    return new double[] {lo, hi};
  }

  public FeatureScaling inputScaling(String method) {
    return scaling(method, input);
  }

  public FeatureScaling labelScaling(String method) {
    return scaling(method, label);
  }

  private static FeatureScaling scaling(String method, MultivariateOnlineSummarizer s) {
    if ("none".equals(method)) {
      return null;
    }
    double[] variance = s.variance().toArray();
    double[] std = new double[variance.length];
    for (int j = 0; j < std.length; j++) {
      std[j] = Math.sqrt(variance[j]);
    }
    return FeatureScaling.fit(method, s.mean().toArray(), std, s.min().toArray(), s.max().toArray());
  }

  private static boolean within(MultivariateOnlineSummarizer s, double lo, double hi) {
    for (double v : s.min().toArray()) {
      if (v < lo - 1e-6) {
        return false;
      }
    }
    for (double v : s.max().toArray()) {
      if (v > hi + 1e-6) {
        return false;
      }
    }
    return true;
  }

  private static double[] doubles(float[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }
}
