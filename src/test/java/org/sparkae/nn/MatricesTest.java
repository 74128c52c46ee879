package org.sparkae.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Rows read in bulk equal ND4J's own per-row reading, whatever the array's layout. */
class MatricesTest {
  @Test
  void rowsMatchToFloatMatrixForEveryLayout() {
    INDArray c = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 5, 7);
    assertArrayEquals(c.toFloatMatrix(), Matrices.rows(c), "c order");
    INDArray f = c.dup('f');
    assertArrayEquals(c.toFloatMatrix(), Matrices.rows(f), "f order");
    INDArray view = c.get(NDArrayIndex.interval(1, 4), NDArrayIndex.interval(2, 6));
    assertArrayEquals(view.toFloatMatrix(), Matrices.rows(view), "a view with an offset");
    INDArray maps = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 3, 2, 4, 4);
    assertArrayEquals(maps.reshape('c', 3, 32).toFloatMatrix(), Matrices.rows(maps),
        "feature maps as channel-major rows");
  }
}
