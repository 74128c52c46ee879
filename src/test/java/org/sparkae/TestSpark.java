package org.sparkae;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.sparkae.data.SampleData;

/** One local[2] Spark session shared by every test in the JVM, plus small data helpers. */
public final class TestSpark {
  private static SparkSession spark;
  private static Dataset<Row> sampleTrain;
  private static Dataset<Row> sampleTest;

  private TestSpark() {}

  public static synchronized SparkSession session() {
    if (spark == null) {
      spark = SparkSession.builder()
          .master("local[2]")
          .appName("sparkae-tests")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", "4")
          // Classes compiled by the notebook tests' Scala REPL are served to executors from here;
          // it must be set before the SparkContext exists.
          .config("spark.repl.class.outputDir", replClassDir().toString())
          .getOrCreate();
    }
    return spark;
  }

  private static Path replClassDir;

  /** Where the notebook REPL writes the classes it compiles (one per JVM). */
  public static synchronized Path replClassDir() {
    if (replClassDir == null) {
      try {
        replClassDir = java.nio.file.Files.createTempDirectory("sparkae-repl-classes");
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return replClassDir;
  }

  public static JavaSparkContext jsc() {
    return JavaSparkContext.fromSparkContext(session().sparkContext());
  }

  /** The bundled 2,000-image training sample, cached. */
  public static synchronized Dataset<Row> sampleTrain() {
    if (sampleTrain == null) {
      sampleTrain = SampleData.train(session()).cache();
    }
    return sampleTrain;
  }

  /** The bundled 500-image test sample, cached. */
  public static synchronized Dataset<Row> sampleTest() {
    if (sampleTest == null) {
      sampleTest = SampleData.test(session()).cache();
    }
    return sampleTest;
  }

  /**
   * Stops the shared session (for tests of what outlives a SparkContext); the next {@link #session()} starts a
   * new one. Datasets cached from the old session must not be used after this.
   */
  public static synchronized void restart() {
    if (spark != null) {
      spark.stop();
    }
    spark = null;
    sampleTrain = null;
    sampleTest = null;
  }

  /**
   * A raw table of the suite's data (src/test/resources/suite/NAME.csv.gz): its columns as read, every feature column
   * assembled into {@code features}, and the ODDS outlier flag as the double {@code label}.
   */
  public static Dataset<Row> suiteTable(String name) {
    Dataset<Row> csv = session().read().option("header", true).option("inferSchema", true)
        .csv(TestSpark.class.getResource("/suite/" + name + ".csv.gz").getPath());
    String[] features = java.util.Arrays.stream(csv.columns()).filter(c -> !c.equals("class") && !c.equals("anomaly"))
        .toArray(String[]::new);
    return new org.apache.spark.ml.feature.VectorAssembler().setInputCols(features).setOutputCol("features")
        .transform(csv).withColumn("label", csv.col("anomaly").cast("double"));
  }

  /** Schema (id long, features: nullable vector declared to be of {@code size}). */
  public static StructType idFeaturesSchema(int size) {
    org.apache.spark.sql.types.StructField declared = new AttributeGroup("features", size).toStructField();
    return new StructType().add("id", DataTypes.LongType, false)
        .add(new org.apache.spark.sql.types.StructField("features", declared.dataType(), true, declared.metadata()));
  }

  /** {@code n} rows of uniform [0, 1) vectors of {@code size}, with ids 0..n-1. */
  public static Dataset<Row> uniformRows(int n, int size, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double[] v = new double[size];
      for (int j = 0; j < size; j++) {
        v[j] = rng.nextDouble();
      }
      rows.add(RowFactory.create((long) i, Vectors.dense(v)));
    }
    return session().createDataFrame(rows, idFeaturesSchema(size));
  }

  public static String path(Path dir, String name) {
    return dir.resolve(name).toUri().toString();
  }
}
