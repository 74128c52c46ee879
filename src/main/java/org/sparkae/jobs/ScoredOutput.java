package org.sparkae.jobs;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.sparkae.ml.AutoencoderModel;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Writes scored rows as output.format says: parquet as they are; JSON with vectors as arrays; CSV
 * with vectors as ";"-joined numbers and nested values (explanations) as JSON text.
 */
final class ScoredOutput {
  private static final List<String> BULKY_COLUMNS =
      List.of("reconstruction", PipelineFactory.NOISY_COL, PipelineFactory.SCALED_COL, "rawPrediction", "probability");

  static final String[] FORMATS = {"parquet", "csv", "json"};

  private ScoredOutput() {}

  /** The scored rows worth keeping: inputs and outputs, without reconstructions and intermediate vectors. */
  static Dataset<Row> compact(Dataset<Row> scored, AutoencoderModel ae) {
    Dataset<Row> out = scored;
    for (String col : BULKY_COLUMNS) {
      if (List.of(out.columns()).contains(col) && !col.equals(ae.getLatentCol())) {
        out = out.drop(col);
      }
    }
    return out.drop(ae.getReconstructionCol());
  }

  static void write(Dataset<Row> scored, JobConfig c, String path) {
    String format = c.choice("output.format", FORMATS);
    switch (format) {
      case "json" -> flat(scored, false).write().json(path);
      case "csv" -> flat(scored, true).write().option("header", true).csv(path);
      default -> scored.write().parquet(path);
    }
  }

  /** Reads back what {@link #write} wrote. */
  static Dataset<Row> read(SparkSession spark, JobConfig c, String path) {
    return switch (c.choice("output.format", FORMATS)) {
      case "json" -> spark.read().json(path);
      case "csv" -> spark.read().option("header", true).csv(path);
      default -> spark.read().parquet(path);
    };
  }

  private static Dataset<Row> flat(Dataset<Row> scored, boolean csv) {
    List<Column> columns = new ArrayList<>();
    for (StructField field : scored.schema().fields()) {
      Column col = functions.col("`" + field.name().replace("`", "``") + "`");
      if (field.dataType() instanceof VectorUDT) {
        col = org.apache.spark.ml.functions.vector_to_array(col, "float64");
        if (csv) {
          col = functions.concat_ws(";", col.cast("array<string>"));
        }
      } else if (csv && field.dataType() instanceof ArrayType array) {
        col = array.elementType() instanceof StructType || array.elementType() instanceof ArrayType
            ? functions.to_json(col) : functions.concat_ws(";", col.cast("array<string>"));
      } else if (csv && (field.dataType() instanceof StructType || field.dataType() instanceof MapType)) {
        col = functions.to_json(col);
      }
      columns.add(col.as(field.name()));
    }
    return scored.select(columns.toArray(Column[]::new));
  }
}
