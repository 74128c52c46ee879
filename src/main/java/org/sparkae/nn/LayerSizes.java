package org.sparkae.nn;

/**
 * Layer widths that follow a dense input's width d, each used when the user leaves that size unset: a code of
 * min(32, max(2, round(1.15 * sqrt(d)))) values, and hidden layers [256, 64] for d >= 256 (images; 784 pixels give
 * the classic 784-256-64-32) or one layer of max(2 * code, min(64, 2 * d)) below that (8 columns: 8-16-3), the
 * code being latentSize when it is set.
 */
public final class LayerSizes {
  private LayerSizes() {}

  public static int latentSize(int inputWidth) {
    return (int) Math.min(32, Math.max(2, Math.round(1.15 * Math.sqrt(inputWidth))));
  }

  public static int[] encoderLayers(int inputWidth, int latentSize) {
    if (inputWidth >= 256) {
      return new int[] {256, 64};
    }
    return new int[] {Math.max(2 * latentSize, Math.min(64, 2 * inputWidth))};
  }
}
