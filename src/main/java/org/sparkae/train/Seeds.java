package org.sparkae.train;

/** Derives independent, reproducible seeds from a base seed and coordinates (SplitMix64 mixing). */
public final class Seeds {
  private Seeds() {}

  public static long mix(long seed, long... coordinates) {
    long h = finalize64(seed);
    for (long c : coordinates) {
      h = finalize64(h ^ finalize64(c + 0x9E3779B97F4A7C15L));
    }
    return h;
  }

  private static long finalize64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
