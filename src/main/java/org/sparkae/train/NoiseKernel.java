package org.sparkae.train;

import java.io.Serializable;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Element-wise input corruption for denoising autoencoders (Vincent et al. 2008), shared by the
 * Autoencoder's per-epoch training noise and the NoiseCorruptor stage.
 * <ul>
 *   <li>gaussian: {@code x + level * N(0, 1)}, clipped to [clipMin, clipMax];</li>
 *   <li>masking: each entry set to 0 with probability {@code level};</li>
 *   <li>saltpepper: each entry, with probability {@code level}, set to clipMin or clipMax (even odds).</li>
 * </ul>
 */
public final class NoiseKernel implements Serializable {
  private static final long serialVersionUID = 1L;

  public enum Type { NONE, GAUSSIAN, MASKING, SALTPEPPER }

  public static final NoiseKernel NONE = new NoiseKernel(Type.NONE, 0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);

  private final Type type;
  private final double level;
  private final double clipMin;
  private final double clipMax;

  public NoiseKernel(Type type, double level, double clipMin, double clipMax) {
    if (level < 0 || !Double.isFinite(level)) {
      throw new IllegalArgumentException("noise level must be a finite number >= 0, got " + level);
    }
    if ((type == Type.MASKING || type == Type.SALTPEPPER) && level > 1) {
      throw new IllegalArgumentException(type.name().toLowerCase(Locale.ROOT)
          + " noise level is the fraction of entries corrupted and must be <= 1, got " + level);
    }
    if (!(clipMin < clipMax)) {
      throw new IllegalArgumentException("clipMin must be < clipMax, got " + clipMin + " and " + clipMax);
    }
    if (type == Type.SALTPEPPER && !(Double.isFinite(clipMin) && Double.isFinite(clipMax))) {
      throw new IllegalArgumentException("saltpepper noise needs finite clipMin and clipMax (the salt and pepper values)");
    }
    this.type = type;
    this.level = level;
    this.clipMin = clipMin;
    this.clipMax = clipMax;
  }

  /** Parses a type name as used by the stages' params: none|gaussian|masking|saltpepper. */
  public static Type parseType(String name) {
    return Type.valueOf(name.toUpperCase(Locale.ROOT));
  }

  public boolean isNone() {
    return type == Type.NONE || level == 0;
  }

  /** The corrupted value of one entry. */
  public double corrupt(double x, SplittableRandom rng) {
    switch (type) {
      case GAUSSIAN:
        return Math.min(clipMax, Math.max(clipMin, x + level * rng.nextGaussian()));
      case MASKING:
        return rng.nextDouble() < level ? 0.0 : x;
      case SALTPEPPER:
        if (rng.nextDouble() < level) {
          return rng.nextBoolean() ? clipMax : clipMin;
        }
        return x;
      default:
        return x;
    }
  }

  /** Corrupts a copy of {@code values}. */
  public float[] corrupt(float[] values, SplittableRandom rng) {
    float[] out = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (float) corrupt(values[i], rng);
    }
    return out;
  }

  @Override
  public String toString() {
    return isNone() ? "none" : type.name().toLowerCase(Locale.ROOT) + "(" + level + ")";
  }
}
