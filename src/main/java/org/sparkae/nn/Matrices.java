package org.sparkae.nn;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Packs rows into ND4J matrices. */
public final class Matrices {
  private Matrices() {}

  /** A [rows x width] float32 matrix from equally long rows. */
  public static INDArray of(List<float[]> rows) {
    int width = rows.get(0).length;
    float[] flat = new float[rows.size() * width];
    for (int r = 0; r < rows.size(); r++) {
      System.arraycopy(rows.get(r), 0, flat, r * width, width);
    }
    return Nd4j.create(flat, new int[] {rows.size(), width}, 'c');
  }
}
