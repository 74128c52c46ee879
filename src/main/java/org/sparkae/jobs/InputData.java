package org.sparkae.jobs;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.sparkae.data.IdxReader;
import org.sparkae.data.SampleData;

/** Reads the configured input (parquet, csv, libsvm, idx or the bundled sample) as a DataFrame. */
final class InputData {
  static final String[] FORMATS = {"parquet", "csv", "libsvm", "idx"};

  private InputData() {}

  /** Reads {@code path} (with {@code labelsPath} for idx) in the configured format. */
  static Dataset<Row> read(SparkSession spark, JobConfig c, String path, String labelsPath) {
    String format = c.choice("input.format", FORMATS);
    if (path.equals("sample:train")) {
      return SampleData.train(spark);
    }
    if (path.equals("sample:test")) {
      return SampleData.test(spark);
    }
    if (path.startsWith("sample:")) {
      throw new ConfigError("unknown sample '" + path + "' (use sample:train or sample:test)");
    }
    return switch (format) {
      case "parquet" -> spark.read().parquet(path);
      case "csv" -> spark.read().option("header", c.bool("input.csvHeader")).option("inferSchema", true).csv(path);
      case "libsvm" -> spark.read().format("libsvm").load(path);
      default -> IdxReader.read(spark, path, labelsPath.isEmpty() ? null : labelsPath,
          spark.sparkContext().defaultParallelism());
    };
  }

  /** The feature columns to assemble for csv input, else empty (the input already has a vector column). */
  static List<String> csvFeatureColumns(JobConfig c) {
    return c.string("input.format").equals("csv") ? c.stringOrList("input.featuresCol") : List.of();
  }

  /** Name of the vector column the pipeline starts from. */
  static String featuresColumn(JobConfig c) {
    if (c.string("input.format").equals("csv")) {
      return "features";
    }
    List<String> cols = c.stringOrList("input.featuresCol");
    if (cols.size() != 1) {
      throw new ConfigError("key 'input.featuresCol' must name one vector column unless input.format is csv");
    }
    return cols.get(0);
  }
}
