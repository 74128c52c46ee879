package org.sparkae.ml;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkContext;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.ml.util.MLReader;
import org.sparkae.io.AtomicDirectory;
import scala.Option;

/**
 * The one place that reaches Spark's {@code private[ml]} persistence helpers (public in bytecode),
 * plus Hadoop-FileSystem I/O so file://, hdfs:// and s3a:// paths behave the same.
 */
final class StageIO {
  static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private StageIO() {}

  static void saveMetadata(Params stage, String path, SparkContext sc) {
    DefaultParamsWriter$.MODULE$.saveMetadata(stage, path, sc, Option.empty(), Option.empty());
  }

  /**
   * Reads metadata; fails with a clear IllegalArgumentException when {@code path} holds no saved
   * stage, or one written by a different class (Spark's own message names both classes).
   */
  static DefaultParamsReader.Metadata loadMetadata(String path, SparkContext sc, Class<?> expected) {
    try {
      return DefaultParamsReader$.MODULE$.loadMetadata(path, sc, expected.getName());
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (Exception e) { // Hadoop's IOExceptions and JSON errors arrive undeclared through Scala
      throw new IllegalArgumentException("cannot load " + expected.getSimpleName() + " from " + path
          + ": it is not a saved Spark ML stage (" + firstLine(e) + ")", e);
    }
  }

  private static String firstLine(Throwable e) {
    String message = String.valueOf(e.getMessage());
    return message.lines().findFirst().orElse(message);
  }

  static void restoreParams(DefaultParamsReader.Metadata metadata, Params stage) {
    metadata.getAndSetParams(stage, Option.empty());
  }

  /**
   * Whether the saved stage recorded {@code param} at all (set, or among its defaults): a stage saved
   * before the param existed did not, and loads with today's default unless the loader says otherwise.
   */
  static boolean recorded(DefaultParamsReader.Metadata metadata, String param) throws IOException {
    com.fasterxml.jackson.databind.JsonNode json = JSON.readTree(metadata.metadataJson());
    return json.path("paramMap").has(param) || json.path("defaultParamMap").has(param);
  }

  /** Reader for stages that are nothing but params (Spark's default reader, with our clear load errors). */
  static <T extends Params> MLReader<T> paramsReader(Class<T> type) {
    return new MLReader<>() {
      @Override
      public T load(String path) {
        DefaultParamsReader.Metadata metadata = loadMetadata(path, sc(), type);
        try {
          T stage = type.getConstructor(String.class).newInstance(metadata.uid());
          restoreParams(metadata, stage);
          return stage;
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(type.getName() + " needs a public (String uid) constructor", e);
        }
      }
    };
  }

  static FileSystem fs(Path path, SparkContext sc) throws IOException {
    return path.getFileSystem(sc.hadoopConfiguration());
  }

  static void writeJson(Configuration conf, Path file, Object value) throws IOException {
    try (OutputStream out = file.getFileSystem(conf).create(file, false)) {
      JSON.writeValue(out, value);
    }
  }

  static <T> T readJson(Configuration conf, Path file, Class<T> type) throws IOException {
    try (InputStream in = file.getFileSystem(conf).open(file)) {
      return JSON.readValue(in, type);
    }
  }

  /**
   * Saves a directory atomically: {@code writer} fills a hidden sibling, which then replaces
   * {@code path}. An existing directory is only removed after the new one is complete, and is put
   * back if the swap fails, so a failed save never leaves a half-written model where one was.
   */
  static void saveAtomically(String path, boolean overwrite, SparkContext sc, DirectoryWriter writer)
      throws IOException {
    Path target = new Path(path);
    FileSystem fs = fs(target, sc);
    target = fs.makeQualified(target);
    if (fs.exists(target) && !overwrite) {
      throw new IOException("Path " + path + " already exists. To overwrite it, please use write.overwrite().save(path)"
          + " for Scala and use write().overwrite().save(path) for Java and Python.");
    }
    fs.mkdirs(target.getParent());
    Path tmp = AtomicDirectory.temporarySibling(target);
    try {
      writer.write(tmp.toString());
    } catch (IOException | RuntimeException e) {
      fs.delete(tmp, true);
      throw e;
    }
    AtomicDirectory.replace(fs, tmp, target);
  }

  @FunctionalInterface
  interface DirectoryWriter {
    void write(String directory) throws IOException;
  }
}
