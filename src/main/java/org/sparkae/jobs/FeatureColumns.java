package org.sparkae.jobs;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.OneHotEncoder;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The input columns the autoencoder reads (input.featuresCol, "*" for every column but the label,
 * outlier label, id and input.excludeCols) and the stages that turn them into one vector: numeric,
 * boolean and vector columns are assembled, string columns indexed and one-hot encoded, with nulls
 * and values unseen at training in a slot of their own (MLlib's handleInvalid "keep"). The stages go
 * into the saved PipelineModel, so scoring encodes rows exactly as training did.
 */
final class FeatureColumns {
  static final String ASSEMBLED_COL = "features";
  private static final String INDEX_SUFFIX = "__index";
  // The assembler names each slot <column>_<value>, so explanations read "site_is_left".
  private static final String ONE_HOT_SUFFIX = "_is";

  private final List<String> columns;
  private final String vectorCol;
  private final List<PipelineStage> stages;

  private FeatureColumns(List<String> columns, String vectorCol, List<PipelineStage> stages) {
    this.columns = columns;
    this.vectorCol = vectorCol;
    this.stages = stages;
  }

  /** The input columns that were resolved to features. */
  List<String> columns() {
    return columns;
  }

  /** The vector column the autoencoder reads. */
  String vectorCol() {
    return vectorCol;
  }

  /** Indexers, encoders and the assembler, in order (empty when the input is one vector column). */
  List<PipelineStage> stages() {
    return stages;
  }

  /**
   * Resolves the configured feature columns against {@code schema}; null {@code schema} (before Spark
   * starts) assumes the features arrive as one vector column, enough to check every other setting.
   */
  static FeatureColumns resolve(JobConfig c, StructType schema) {
    return resolve(c, schema, true);
  }

  /** As {@link #resolve(JobConfig, StructType)}; data to score need not have the excluded columns. */
  static FeatureColumns resolve(JobConfig c, StructType schema, boolean training) {
    List<String> configured = c.stringOrList("input.featuresCol");
    if (schema == null) {
      return new FeatureColumns(configured, configured.size() == 1 && !configured.get(0).equals("*")
          ? configured.get(0) : ASSEMBLED_COL, List.of());
    }
    List<String> columns = configured.equals(List.of("*")) ? everyColumnBut(c, schema, training) : configured;
    if (columns.isEmpty()) {
      throw new ConfigError("key 'input.featuresCol' = \"*\" leaves no column: every column is the label, the "
          + "outlier label, the id or in input.excludeCols (columns: " + String.join(", ", schema.fieldNames()) + ")");
    }
    for (String column : columns) {
      InputChecks.requireColumn(schema, column, "input.featuresCol", "the input");
    }
    if (columns.size() == 1 && schema.apply(columns.get(0)).dataType() instanceof VectorUDT) {
      return new FeatureColumns(columns, columns.get(0), List.of());
    }
    String assembled = List.of(schema.fieldNames()).contains(ASSEMBLED_COL) ? "sparkae_features" : ASSEMBLED_COL;
    List<PipelineStage> stages = new ArrayList<>();
    List<String> assemble = new ArrayList<>();
    List<String> dotted = columns.stream().filter(col -> col.contains(".")).toList();
    if (!dotted.isEmpty()) {
      // MLlib's assembler cannot read a name with a dot (CSV headers often have them): copy such columns
      // under names with underscores, inside the pipeline so scoring does the same.
      stages.add(new SQLTransformer().setStatement("SELECT *, " + String.join(", ", dotted.stream()
          .map(col -> quoted(col) + " AS " + quoted(safe(col))).toList()) + " FROM __THIS__"));
    }
    for (String column : columns) {
      DataType type = schema.apply(column).dataType();
      if (type instanceof StringType) {
        stages.add(new StringIndexer().setInputCol(safe(column)).setOutputCol(safe(column) + INDEX_SUFFIX)
            .setHandleInvalid("keep")
            .setStringOrderType("alphabetAsc"));
        stages.add(new OneHotEncoder().setInputCol(safe(column) + INDEX_SUFFIX)
            .setOutputCol(safe(column) + ONE_HOT_SUFFIX)
            .setDropLast(false).setHandleInvalid("keep"));
        assemble.add(safe(column) + ONE_HOT_SUFFIX);
      } else if (type instanceof NumericType || type instanceof BooleanType || type instanceof VectorUDT) {
        assemble.add(safe(column));
      } else {
        throw new ConfigError("key 'input.featuresCol': column '" + column + "' is of type " + type.simpleString()
            + "; features must be numeric, boolean, string or vector columns (leave it out with input.excludeCols)");
      }
    }
    // "keep": a null number becomes NaN, which the autoencoder's handleInvalid then fails on or skips.
    stages.add(new VectorAssembler().setInputCols(assemble.toArray(String[]::new)).setOutputCol(assembled)
        .setHandleInvalid("keep"));
    return new FeatureColumns(columns, assembled, stages);
  }

  private static String safe(String column) {
    return column.replace('.', '_');
  }

  private static String quoted(String column) {
    return "`" + column.replace("`", "``") + "`";
  }

  /** Every column except the label, outlier label, id and excluded ones, in the input's order. */
  private static List<String> everyColumnBut(JobConfig c, StructType schema, boolean training) {
    Set<String> excluded = new LinkedHashSet<>();
    for (String column : c.stringOrList("input.excludeCols")) {
      if (training) { // a misspelt exclusion would silently train on the column
        InputChecks.requireColumn(schema, column, "input.excludeCols", "the input");
      }
      excluded.add(column);
    }
    for (String key : List.of("input.labelCol", "input.outlierLabelCol", "input.idCol")) {
      excluded.add(c.string(key));
    }
    List<String> columns = new ArrayList<>();
    for (StructField field : schema.fields()) {
      if (!excluded.contains(field.name())) {
        columns.add(field.name());
      }
    }
    return columns;
  }
}
