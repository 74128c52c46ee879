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

  /**
   * The rows of a matrix as float arrays, read in one bulk copy: INDArray.toFloatMatrix() builds a
   * view and a native shape buffer per row, which cost more than the forward pass when scoring.
   */
  public static float[][] rows(INDArray matrix) {
    int rows = (int) matrix.size(0);
    int width = (int) (matrix.length() / Math.max(1, rows));
    INDArray dense = matrix.ordering() == 'c' && !matrix.isView() && matrix.data().length() == matrix.length()
        ? matrix : matrix.dup('c');
    try {
      float[] flat = dense.data().asFloat();
      float[][] out = new float[rows][];
      for (int r = 0; r < rows; r++) {
        out[r] = java.util.Arrays.copyOfRange(flat, r * width, (r + 1) * width);
      }
      return out;
    } finally {
      if (dense != matrix && dense.closeable()) { // a copy made inside a DL4J workspace is the workspace's to free
        dense.close();
      }
    }
  }
}
