package org.sparkae.bench;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.sparkae.data.SampleData;

/**
 * What every benchmark starts from: a session on the submitted master, and Fashion-MNIST train and
 * test (the full set when installed, else the bundled sample), cached, with a line that says which.
 */
record BenchData(SparkSession spark, Dataset<Row> train, Dataset<Row> test, String description) {

  static BenchData load(String appName, boolean sampleOnly) {
    SparkSession spark = SparkSession.builder().appName(appName)
        .master(System.getProperty("spark.master", "local[*]")).getOrCreate();
    boolean full = !sampleOnly && SampleData.fullDatasetInstalled();
    Dataset<Row> train = (full ? SampleData.full(spark, "train") : SampleData.train(spark)).cache();
    Dataset<Row> test = (full ? SampleData.full(spark, "t10k") : SampleData.test(spark)).cache();
    String description = full ? "Fashion-MNIST, full (" + train.count() + " train / " + test.count() + " test)"
        : "bundled sample (" + train.count() + " / " + test.count() + "): the full set is not installed "
            + "(apt-get install dataset-fashion-mnist)";
    return new BenchData(spark, train, test, description);
  }

  /** A vector column collected to the driver as float rows. */
  static List<float[]> floats(Dataset<Row> df, String column) {
    List<float[]> out = new ArrayList<>();
    for (Row r : df.select(column).collectAsList()) {
      out.add(floats(((Vector) r.get(0)).toArray()));
    }
    return out;
  }

  static float[] floats(double[] values) {
    float[] f = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      f[i] = (float) values[i];
    }
    return f;
  }

  static double[] doubles(float[] values) {
    double[] d = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      d[i] = values[i];
    }
    return d;
  }
}
