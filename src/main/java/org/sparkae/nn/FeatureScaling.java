package org.sparkae.nn;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A per-column affine map learned at fit, {@code x' = (x - shift) * scale}, so the network trains and
 * scores in a space where every column has a comparable range whatever its units. Scoring applies the
 * same map, and reconstructions are mapped back with {@link #invert}.
 */
public record FeatureScaling(String method, float[] shift, float[] scale) implements Serializable {
  /** The methods a model can hold ({@code auto} is resolved to one of these at fit). */
  public static final String[] METHODS = {"none", "standard", "minmax"};

  public FeatureScaling {
    if (shift.length != scale.length) {
      throw new IllegalArgumentException("scaling has " + shift.length + " shifts but " + scale.length + " scales");
    }
    for (int j = 0; j < scale.length; j++) {
      if (!Float.isFinite(shift[j]) || !Float.isFinite(scale[j]) || scale[j] <= 0) {
        throw new IllegalArgumentException("scaling of column " + j + " must be finite with a positive scale, got "
            + "shift " + shift[j] + ", scale " + scale[j]);
      }
    }
    shift = shift.clone();
    scale = scale.clone();
  }

  /**
   * The scaling of {@code method} from per-column statistics. A constant column (zero spread) keeps
   * scale 1, so it maps to 0 and cannot blow up errors at scoring.
   */
  public static FeatureScaling fit(String method, double[] mean, double[] std, double[] min, double[] max) {
    int n = mean.length;
    float[] shift = new float[n];
    float[] scale = new float[n];
    for (int j = 0; j < n; j++) {
      double spread = switch (method) {
        case "standard" -> std[j];
        case "minmax" -> max[j] - min[j];
        default -> throw new IllegalArgumentException("no scaling method '" + method + "'; one of "
            + String.join("|", METHODS));
      };
      shift[j] = (float) ("standard".equals(method) ? mean[j] : min[j]);
      scale[j] = spread > 1e-12 && Double.isFinite(spread) ? (float) (1 / spread) : 1f;
    }
    return new FeatureScaling(method, shift, scale);
  }

  public int size() {
    return shift.length;
  }

  /** Scales {@code row} in place and returns it. */
  public float[] apply(float[] row) {
    for (int j = 0; j < row.length; j++) {
      row[j] = (row[j] - shift[j]) * scale[j];
    }
    return row;
  }

  /** Maps a scaled row back to the original units, in place, and returns it. */
  public float[] invert(float[] row) {
    for (int j = 0; j < row.length; j++) {
      row[j] = row[j] / scale[j] + shift[j];
    }
    return row;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeatureScaling s && method.equals(s.method) && Arrays.equals(shift, s.shift)
        && Arrays.equals(scale, s.scale);
  }

  @Override
  public int hashCode() {
    return method.hashCode() * 31 + Arrays.hashCode(shift) * 17 + Arrays.hashCode(scale);
  }

  @Override
  public String toString() {
    return method + " scaling of " + size() + " columns";
  }
}
