package org.sparkae.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The samples bundled in the jar: Fashion-MNIST (2,000 train and 500 test images, MIT licence, the
 * first images of Debian's dataset-fashion-mnist) and a table, the Wisconsin breast-cancer data (683
 * rows of 9 cell measurements, class benign/malignant and anomaly 1/0; UCI via R's mlbench, rows with
 * NA dropped; see src/test/resources/suite/README.md), and the full Fashion-MNIST set when it is
 * installed. Bundled images are read from the classpath on the executors, so they work on a cluster too.
 */
public final class SampleData {
  /** Where Debian's dataset-fashion-mnist installs the full data set. */
  public static final String FULL_DATASET_DIR = "/usr/share/datasets/fashion-mnist";
  private static final String RESOURCE_DIR = "/org/sparkae/data/sample/";

  private SampleData() {}

  /** Bundled training sample: 2,000 rows of (features, label). */
  public static Dataset<Row> train(SparkSession spark) {
    return IdxReader.read(spark, resource("train-images-idx3-ubyte.gz"), resource("train-labels-idx1-ubyte.gz"),
        spark.sparkContext().defaultParallelism());
  }

  /** Bundled test sample: 500 rows of (features, label). */
  public static Dataset<Row> test(SparkSession spark) {
    return IdxReader.read(spark, resource("t10k-images-idx3-ubyte.gz"), resource("t10k-labels-idx1-ubyte.gz"),
        spark.sparkContext().defaultParallelism());
  }

  /** A bundled table by name ("breastcancer"): its CSV read on the driver with a header and inferred types. */
  public static Dataset<Row> table(SparkSession spark, String name) {
    String resource = RESOURCE_DIR + name + ".csv.gz";
    java.util.List<String> lines;
    try (InputStream in = SampleData.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no bundled table '" + name + "' (bundled: breastcancer)");
      }
      lines = new String(new java.util.zip.GZIPInputStream(in).readAllBytes(),
          java.nio.charset.StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot read the bundled table " + resource, e);
    }
    return spark.read().option("header", true).option("inferSchema", true)
        .csv(spark.createDataset(lines, org.apache.spark.sql.Encoders.STRING()));
  }

  /** True when the full Fashion-MNIST set is installed locally. */
  public static boolean fullDatasetInstalled() {
    return Files.isReadable(Path.of(FULL_DATASET_DIR, "train-images-idx3-ubyte.gz"));
  }

  /** The full set's split ("train" or "t10k") from {@link #FULL_DATASET_DIR}. */
  public static Dataset<Row> full(SparkSession spark, String split) {
    String dir = "file://" + FULL_DATASET_DIR + "/" + split;
    return IdxReader.read(spark, dir + "-images-idx3-ubyte.gz", dir + "-labels-idx1-ubyte.gz",
        spark.sparkContext().defaultParallelism());
  }

  static IdxReader.Source resource(String name) {
    return new ClasspathSource(RESOURCE_DIR + name);
  }

  private record ClasspathSource(String name) implements IdxReader.Source {
    @Override
    public InputStream open() throws IOException {
      InputStream in = SampleData.class.getResourceAsStream(name);
      if (in == null) {
        throw new IOException("bundled resource " + name + " is missing from the classpath");
      }
      return in;
    }

    @Override
    public String describe() {
      return "classpath:" + name;
    }
  }
}
