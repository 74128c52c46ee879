package org.sparkae.nn;

import java.util.Arrays;

/** Shape arithmetic of the convolutional autoencoder: each stride-2 layer halves height and width. */
final class ConvShape {
  private ConvShape() {}

  static void check(int[] shape, int[] filters, int inputSize, int outputSize) {
    if (shape.length != 3 || Arrays.stream(shape).anyMatch(d -> d <= 0)) {
      throw new IllegalArgumentException("inputShape must be three positive numbers (channels, height, width), got "
          + Arrays.toString(shape));
    }
    if (filters.length == 0 || Arrays.stream(filters).anyMatch(f -> f <= 0)) {
      throw new IllegalArgumentException("convFilters must be one or more positive filter counts with an "
          + "inputShape, got " + Arrays.toString(filters));
    }
    int scale = 1 << filters.length;
    if (shape[1] % scale != 0 || shape[2] % scale != 0) {
      throw new IllegalArgumentException("inputShape " + Arrays.toString(shape) + ": height and width must be "
          + "divisible by " + scale + " for " + filters.length + " stride-2 convolutions (convFilters "
          + Arrays.toString(filters) + "); use fewer convFilters or pad the images");
    }
    long values = (long) shape[0] * shape[1] * shape[2];
    if (values != inputSize || values != outputSize) {
      throw new IllegalArgumentException("inputShape " + Arrays.toString(shape) + " holds " + values
          + " values per row, but the input vectors have " + inputSize + " and the targets " + outputSize);
    }
  }

  /** Height and width after the encoder's convolutions. */
  static int innermostHeight(int[] shape, int[] filters) {
    return shape[1] >> filters.length;
  }

  static int innermostWidth(int[] shape, int[] filters) {
    return shape[2] >> filters.length;
  }

  /** Values per row after the encoder's convolutions (last filter count x height x width). */
  static int innermostSize(int[] shape, int[] filters) {
    return filters[filters.length - 1] * innermostHeight(shape, filters) * innermostWidth(shape, filters);
  }
}
