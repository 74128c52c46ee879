package org.sparkae.score;

import java.util.SplittableRandom;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.api.java.UDF1;

/** A code drawn from N(0, I) for a row id: the same seed and id give the same code on any partitioning. */
public record PriorDraw(long seed, int width) implements UDF1<Long, Vector> {
  @Override
  public Vector call(Long id) {
    SplittableRandom random = new SplittableRandom(seed ^ (id * 0x9E3779B97F4A7C15L));
    double[] code = new double[width];
    for (int i = 0; i < width; i++) {
      code[i] = random.nextGaussian();
    }
    return Vectors.dense(code);
  }
}
