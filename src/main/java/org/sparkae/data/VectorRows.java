package org.sparkae.data;

import java.util.List;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Reads and checks the vector columns our stages accept: ML Vector, array&lt;double&gt;, array&lt;float&gt;. */
public final class VectorRows {
  private VectorRows() {}

  /** True when the type is one of the accepted vector-like types. */
  public static boolean isVectorLike(DataType type) {
    return type instanceof VectorUDT
        || (type instanceof ArrayType at
            && (at.elementType().equals(DataTypes.DoubleType) || at.elementType().equals(DataTypes.FloatType)));
  }

  /**
   * Checks that {@code column} exists in {@code schema} and holds vectors; the message names the
   * column, the stage param it came from, and what is wrong.
   */
  public static StructField requireVectorColumn(StructType schema, String column, String paramName) {
    if (!java.util.Arrays.asList(schema.fieldNames()).contains(column)) {
      throw new IllegalArgumentException(paramName + " column '" + column + "' does not exist. Available columns: "
          + String.join(", ", schema.fieldNames()));
    }
    StructField field = schema.apply(column);
    if (!isVectorLike(field.dataType())) {
      throw new IllegalArgumentException(paramName + " column '" + column + "' must be a Vector, array<double> or "
          + "array<float>, but is " + field.dataType().catalogString());
    }
    return field;
  }

  /**
   * The row's vector as floats, checked: not null, {@code expectedSize} entries (when > 0), all finite.
   *
   * @throws InvalidRowException naming the column and the problem
   */
  public static float[] readFloats(Row row, int index, String column, int expectedSize) {
    return readFloats(row, index, column, expectedSize, null);
  }

  /**
   * As {@link #readFloats(Row, int, String, int)}; {@code slotNames} (null when unknown) name the vector's
   * entries in the error, so a NaN from a table's gap names the table's column.
   */
  public static float[] readFloats(Row row, int index, String column, int expectedSize, String[] slotNames) {
    if (row.isNullAt(index)) {
      throw new InvalidRowException("column '" + column + "' has a null value");
    }
    Object value = row.get(index);
    float[] out;
    if (value instanceof DenseVector dv) {
      out = toFloats(dv.values());
    } else if (value instanceof SparseVector sv) {
      checkSize(column, sv.size(), expectedSize);
      out = new float[sv.size()];
      int[] idx = sv.indices();
      double[] vals = sv.values();
      for (int i = 0; i < idx.length; i++) {
        out[idx[i]] = (float) vals[i];
      }
    } else if (value instanceof Vector v) {
      out = toFloats(v.toArray());
    } else {
      List<Object> list = row.getList(index);
      out = new float[list.size()];
      for (int i = 0; i < out.length; i++) {
        Object e = list.get(i);
        if (e == null) {
          throw new InvalidRowException("column '" + column + "' has a null entry at index " + i
              + slotName(slotNames, i));
        }
        out[i] = ((Number) e).floatValue();
      }
    }
    checkSize(column, out.length, expectedSize);
    for (int i = 0; i < out.length; i++) {
      if (!Float.isFinite(out[i])) {
        throw new InvalidRowException("column '" + column + "' has " + out[i] + " at index " + i
            + slotName(slotNames, i) + " (NaN and Infinity cannot be learned from)");
      }
    }
    return out;
  }

  private static String slotName(String[] slotNames, int i) {
    return slotNames != null && i < slotNames.length && slotNames[i] != null ? " ('" + slotNames[i] + "')" : "";
  }

  /** Size of the row's vector without validating its values; -1 for null. */
  public static int size(Row row, int index) {
    if (row.isNullAt(index)) {
      return -1;
    }
    Object value = row.get(index);
    return value instanceof Vector v ? v.size() : row.getList(index).size();
  }

  private static void checkSize(String column, int size, int expectedSize) {
    if (expectedSize > 0 && size != expectedSize) {
      throw new InvalidRowException("column '" + column + "' has a vector of size " + size + ", expected "
          + expectedSize);
    }
  }

  private static float[] toFloats(double[] values) {
    float[] out = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (float) values[i];
    }
    return out;
  }
}
