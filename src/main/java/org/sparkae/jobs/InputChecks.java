package org.sparkae.jobs;

import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

/** Checks of the configured columns against the data, before any training: each names the key at fault. */
final class InputChecks {
  private InputChecks() {}

  /** Fails naming {@code key} when {@code column} is not in {@code schema} ({@code where}: which input). */
  static void requireColumn(StructType schema, String column, String key, String where) {
    if (!List.of(schema.fieldNames()).contains(column)) {
      throw new ConfigError("key '" + key + "': column '" + column + "' is not in " + where + " (its columns: "
          + String.join(", ", schema.fieldNames()) + ")");
    }
  }

  /** Every column the config names that {@code schema} must have, for training or scoring data. */
  static void check(JobConfig c, StructType schema, String where, boolean needsLabels) {
    FeatureColumns.resolve(c, schema, needsLabels);
    for (String key : List.of("input.idCol", "input.labelCol", "input.outlierLabelCol")) {
      String column = c.string(key);
      boolean optional = !needsLabels && !key.equals("input.idCol");
      if (!column.isEmpty() && !(optional && !List.of(schema.fieldNames()).contains(column))) {
        requireColumn(schema, column, key, where);
      }
    }
    String outlier = c.string("input.outlierLabelCol");
    if (!outlier.isEmpty() && List.of(schema.fieldNames()).contains(outlier) && c.string("input.outlierLabelValue")
        .isEmpty()) {
      DataType type = schema.apply(outlier).dataType();
      if (type instanceof org.apache.spark.sql.types.StringType) {
        throw new ConfigError("key 'input.outlierLabelCol': column '" + outlier + "' holds strings: set "
            + "input.outlierLabelValue to the value that marks an outlier (e.g. \"malignant\")");
      }
    }
  }
}
