package org.sparkae.train;

/** How far two parameter vectors are apart: tests compare trained weights with it. */
final class ParameterDistance {
  private ParameterDistance() {}

  /** The largest absolute difference between matching entries. */
  static double maxDifference(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("parameter vectors of " + a.length + " and " + b.length + " values");
    }
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }
}
