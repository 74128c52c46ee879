package org.sparkae.jobs;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.sparkae.data.IdxReader;
import org.sparkae.data.SampleData;

/** Reads the configured input (parquet, csv, libsvm, idx or the bundled sample) as a DataFrame. */
final class InputData {
  static final String[] FORMATS = {"parquet", "csv", "libsvm", "idx"};

  private InputData() {}

  /** Reads input.path (with input.labelsPath for idx) in the configured format. */
  static Dataset<Row> read(SparkSession spark, JobConfig c) {
    return read(spark, c, c.string("input.path"), c.string("input.labelsPath"));
  }

  /** Reads {@code path} (with {@code labelsPath} for idx) in the configured format. */
  static Dataset<Row> read(SparkSession spark, JobConfig c, String path, String labelsPath) {
    String format = c.choice("input.format", FORMATS);
    if (path.equals("sample:train")) {
      return SampleData.train(spark);
    }
    if (path.equals("sample:test")) {
      return SampleData.test(spark);
    }
    if (path.equals("sample:breastcancer")) {
      return SampleData.table(spark, "breastcancer");
    }
    if (path.startsWith("sample:")) {
      throw new ConfigError("unknown sample '" + path + "' (use sample:train, sample:test or sample:breastcancer)");
    }
    return switch (format) {
      case "parquet" -> spark.read().parquet(path);
      case "csv" -> spark.read().option("header", c.bool("input.csvHeader")).option("inferSchema", true).csv(path);
      case "libsvm" -> spark.read().format("libsvm").load(path);
      default -> IdxReader.read(spark, path, labelsPath.isEmpty() ? null : labelsPath,
          spark.sparkContext().defaultParallelism());
    };
  }
}
