package org.sparkae.jobs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.sparkae.io.AtomicDirectory;

/**
 * A job's output directory, written atomically: everything goes to a hidden sibling, which becomes
 * {@code output.dir} only at {@link #commit}. A failed run deletes its sibling and leaves whatever
 * was at {@code output.dir} before untouched.
 */
final class OutputDir implements AutoCloseable, org.sparkae.report.ReportFiles {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OutputDir.class);
  private final FileSystem fs;
  private final Path target;
  private final Path tmp;
  private boolean committed;

  private OutputDir(FileSystem fs, Path target) throws IOException {
    this.fs = fs;
    this.target = target;
    this.tmp = AtomicDirectory.temporarySibling(target);
    fs.mkdirs(tmp);
  }

  /** Checks {@code output.dir} can be written (fails before any work) and opens the temporary sibling. */
  static OutputDir open(SparkSession spark, String dir, boolean overwrite) throws IOException {
    Path target = new Path(dir);
    FileSystem fs = target.getFileSystem(spark.sparkContext().hadoopConfiguration());
    target = fs.makeQualified(target);
    if (fs.exists(target) && !overwrite) {
      throw new ConfigError("output.dir " + dir + " already exists (set output.overwrite = true to replace it)");
    }
    reportLeftovers(fs, target);
    return new OutputDir(fs, target);
  }

  /**
   * A run that was killed (not failed: that cleans up) leaves its hidden temporary sibling behind.
   * It may be another job still writing, so it is reported, not deleted.
   */
  private static void reportLeftovers(FileSystem fs, Path target) throws IOException {
    if (target.getParent() == null || !fs.exists(target.getParent())) {
      return;
    }
    String prefix = "." + target.getName() + ".tmp-";
    for (var status : fs.listStatus(target.getParent(), p -> p.getName().startsWith(prefix))) {
      LOG.warn("{} was left by an earlier run that did not finish (or is another run's work in progress): "
          + "delete it when no job writes to {}", status.getPath(), target);
    }
  }

  /** Where {@code name} goes while the run is in progress. */
  String path(String name) {
    return new Path(tmp, name).toString();
  }

  /** Where {@code name} will be once committed. */
  String finalPath(String name) {
    return new Path(target, name).toString();
  }

  @Override
  public void write(String name, byte[] bytes) throws IOException {
    try (OutputStream out = fs.create(new Path(tmp, name), true)) {
      out.write(bytes);
    }
  }

  void write(String name, String text) throws IOException {
    write(name, text.getBytes(StandardCharsets.UTF_8));
  }

  void commit() throws IOException {
    AtomicDirectory.replace(fs, tmp, target);
    committed = true;
  }

  @Override
  public void close() throws IOException {
    if (!committed) {
      fs.delete(tmp, true);
    }
  }
}
