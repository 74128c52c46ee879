package org.sparkae.bench;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The classic denoising baselines and the noise protocols of the quality benchmark, on square
 * grayscale images stored row-major as floats in [0, 1]. Borders replicate the edge pixel.
 */
final class ImageFilters {
  private ImageFilters() {}

  /** k x k median filter (k odd). */
  static float[] median(float[] image, int width, int k) {
    int r = k / 2;
    float[] out = new float[image.length];
    float[] window = new float[k * k];
    for (int y = 0; y < width; y++) {
      for (int x = 0; x < width; x++) {
        int n = 0;
        for (int dy = -r; dy <= r; dy++) {
          for (int dx = -r; dx <= r; dx++) {
            window[n++] = image[clamp(y + dy, width) * width + clamp(x + dx, width)];
          }
        }
        Arrays.sort(window);
        out[y * width + x] = window[n / 2];
      }
    }
    return out;
  }

  /** Gaussian blur with standard deviation {@code sigma}, kernel radius ceil(3 sigma), separable. */
  static float[] gaussianBlur(float[] image, int width, double sigma) {
    int r = (int) Math.ceil(3 * sigma);
    double[] kernel = new double[2 * r + 1];
    double sum = 0;
    for (int i = -r; i <= r; i++) {
      kernel[i + r] = Math.exp(-i * i / (2 * sigma * sigma));
      sum += kernel[i + r];
    }
    for (int i = 0; i < kernel.length; i++) {
      kernel[i] /= sum;
    }
    float[] rows = new float[image.length];
    float[] out = new float[image.length];
    for (int y = 0; y < width; y++) {
      for (int x = 0; x < width; x++) {
        double h = 0;
        for (int i = -r; i <= r; i++) {
          h += kernel[i + r] * image[y * width + clamp(x + i, width)];
        }
        rows[y * width + x] = (float) h;
      }
    }
    for (int y = 0; y < width; y++) {
      for (int x = 0; x < width; x++) {
        double v = 0;
        for (int i = -r; i <= r; i++) {
          v += kernel[i + r] * rows[clamp(y + i, width) * width + x];
        }
        out[y * width + x] = (float) v;
      }
    }
    return out;
  }

  /** x + level * N(0, 1), clipped to [0, 1]. */
  static float[] gaussianNoise(float[] image, double level, SplittableRandom rng) {
    float[] out = new float[image.length];
    for (int i = 0; i < image.length; i++) {
      out[i] = (float) Math.min(1, Math.max(0, image[i] + level * gaussian(rng)));
    }
    return out;
  }

  /** Each pixel zeroed with probability {@code fraction}. */
  static float[] masking(float[] image, double fraction, SplittableRandom rng) {
    float[] out = image.clone();
    for (int i = 0; i < out.length; i++) {
      if (rng.nextDouble() < fraction) {
        out[i] = 0;
      }
    }
    return out;
  }

  /** Peak signal-to-noise ratio in dB against {@code clean}, peak 1.0. */
  static double psnr(float[] clean, float[] other) {
    double mse = 0;
    for (int i = 0; i < clean.length; i++) {
      double d = clean[i] - other[i];
      mse += d * d;
    }
    mse /= clean.length;
    return 10 * Math.log10(1 / Math.max(mse, 1e-12));
  }

  static double gaussian(SplittableRandom rng) {
    // Box-Muller; also the tests' standard normal draw
    double u = 1 - rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
  }

  private static int clamp(int i, int width) {
    return Math.max(0, Math.min(width - 1, i));
  }
}
