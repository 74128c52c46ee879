package org.sparkae.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.SerializableConfiguration;

/**
 * Reads IDX files (the MNIST / Fashion-MNIST format; gzipped or not) into a DataFrame with
 * {@code features} (Vector of height x width pixels scaled to [0, 1]) and, when a labels file is
 * given, {@code label} (Double). The files are read on the executors, each partition decoding its
 * own slice, so no row passes through the driver and any Hadoop path (file://, hdfs://, s3a://) works.
 */
public final class IdxReader {
  static final int IMAGES_MAGIC = 0x00000803;
  static final int LABELS_MAGIC = 0x00000801;

  private IdxReader() {}

  /** Opens one IDX file, wherever it lives. */
  public interface Source extends Serializable {
    InputStream open() throws IOException;

    String describe();
  }

  /** A file on any Hadoop file system. */
  public static Source hadoopFile(JavaSparkContext sc, String path) {
    // Broadcast as Spark's own HadoopRDD does: the DataFrame's lineage reads it whenever it is recomputed,
    // so it lives as long as the DataFrame and Spark's ContextCleaner frees it after, not a finally block.
    Broadcast<SerializableConfiguration> conf = sc.broadcast(new SerializableConfiguration(sc.hadoopConfiguration()));
    return new HadoopSource(path, conf);
  }

  /** Reads images (and labels when {@code labelsPath} is non-null) from Hadoop paths. */
  public static Dataset<Row> read(SparkSession spark, String imagesPath, String labelsPath, int numPartitions) {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    return read(spark, hadoopFile(sc, imagesPath), labelsPath == null ? null : hadoopFile(sc, labelsPath),
        numPartitions);
  }

  public static Dataset<Row> read(SparkSession spark, Source images, Source labels, int numPartitions) {
    Header imageHeader = Header.read(images, IMAGES_MAGIC);
    if (labels != null) {
      Header labelHeader = Header.read(labels, LABELS_MAGIC);
      if (labelHeader.count != imageHeader.count) {
        throw new IllegalArgumentException(labels.describe() + " has " + labelHeader.count + " labels but "
            + images.describe() + " has " + imageHeader.count + " images");
      }
    }
    int parts = Math.max(1, Math.min(numPartitions, imageHeader.count));
    int pixels = imageHeader.itemSize;
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    JavaRDD<Row> rows = sc.parallelize(IntStream.range(0, parts).boxed().toList(), parts)
        .mapPartitions(new ReadSlice(images, labels, imageHeader.count, pixels, parts));
    StructType schema = new StructType()
        .add(new AttributeGroup("features", pixels).toStructField());
    if (labels != null) {
      schema = schema.add("label", DataTypes.DoubleType, false);
    }
    return spark.createDataFrame(rows, schema);
  }

  /** IDX header: magic, item count, bytes per item. */
  record Header(int count, int itemSize) {
    static Header read(Source source, int expectedMagic) {
      try (DataInputStream in = new DataInputStream(open(source))) {
        return read(in, source, expectedMagic);
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read IDX file " + source.describe() + ": " + e.getMessage(), e);
      }
    }

    static Header read(DataInputStream in, Source source, int expectedMagic) throws IOException {
      int magic = in.readInt();
      if (magic != expectedMagic) {
        throw new IllegalArgumentException(source.describe() + " is not an IDX " + (expectedMagic == IMAGES_MAGIC
            ? "images" : "labels") + " file (magic number " + String.format("0x%08x", magic) + ", expected "
            + String.format("0x%08x", expectedMagic) + ")");
      }
      int dims = magic & 0xff;
      int count = in.readInt();
      int itemSize = 1;
      for (int d = 1; d < dims; d++) {
        itemSize *= in.readInt();
      }
      return new Header(count, itemSize);
    }
  }

  /** Opens a source, transparently un-gzipping. */
  static InputStream open(Source source) throws IOException {
    BufferedInputStream in = new BufferedInputStream(source.open(), 1 << 16);
    in.mark(2);
    int b1 = in.read();
    int b2 = in.read();
    in.reset();
    return b1 == 0x1f && b2 == 0x8b ? new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16) : in;
  }

  /** Partition p decodes images [p * n / parts, (p + 1) * n / parts). */
  private record ReadSlice(Source images, Source labels, int count, int pixels, int parts)
      implements org.apache.spark.api.java.function.FlatMapFunction<Iterator<Integer>, Row> {
    @Override
    public Iterator<Row> call(Iterator<Integer> partition) throws IOException {
      int p = partition.next();
      int start = (int) ((long) p * count / parts);
      int end = (int) ((long) (p + 1) * count / parts);
      double[] labelValues = labels == null ? null : readLabels(start, end);
      List<Row> rows = new ArrayList<>(end - start);
      try (DataInputStream in = new DataInputStream(open(images))) {
        Header.read(in, images, IMAGES_MAGIC);
        in.skipNBytes((long) start * pixels);
        byte[] buffer = new byte[pixels];
        for (int i = start; i < end; i++) {
          in.readFully(buffer);
          double[] values = new double[pixels];
          for (int j = 0; j < pixels; j++) {
            values[j] = (buffer[j] & 0xff) / 255.0;
          }
          rows.add(labelValues == null ? RowFactory.create(Vectors.dense(values))
              : RowFactory.create(Vectors.dense(values), labelValues[i - start]));
        }
      }
      return rows.iterator();
    }

    private double[] readLabels(int start, int end) throws IOException {
      try (DataInputStream in = new DataInputStream(open(labels))) {
        Header.read(in, labels, LABELS_MAGIC);
        in.skipNBytes(start);
        double[] out = new double[end - start];
        for (int i = 0; i < out.length; i++) {
          out[i] = in.readUnsignedByte();
        }
        return out;
      }
    }
  }

  private record HadoopSource(String path, Broadcast<SerializableConfiguration> conf) implements Source {
    @Override
    public InputStream open() throws IOException {
      Path p = new Path(path);
      return p.getFileSystem(conf.value().value()).open(p);
    }

    @Override
    public String describe() {
      return path;
    }
  }
}
