package org.sparkae.ml;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Column metadata (ML attributes such as a vector's size) after a {@code mapPartitions}: the row
 * encoder keeps names, types and nullability but drops metadata, which downstream stages read.
 */
final class SchemaMetadata {
  private SchemaMetadata() {}

  /** {@code df} with each column's metadata set to the one {@code declared} gives it. */
  static Dataset<Row> restore(Dataset<Row> df, StructType declared) {
    StructField[] fields = declared.fields();
    Column[] columns = new Column[fields.length];
    for (int i = 0; i < fields.length; i++) {
      columns[i] = functions.col(quoted(fields[i].name())).as(fields[i].name(), fields[i].metadata());
    }
    return df.select(columns);
  }

  private static String quoted(String name) {
    return "`" + name.replace("`", "``") + "`";
  }
}
