package org.sparkae.train;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.util.SerializableConfiguration;
import org.nd4j.linalg.dataset.DataSet;

/**
 * DL4J's Export approach, run by each executor on its own partition: one epoch's minibatches
 * (packed and corrupted exactly as {@link RoundBatches} does for Direct) are saved as DataSet files
 * under {@code dir}, and their paths are returned for {@code SparkDl4jMultiLayer.fitPaths}.
 * Training then streams minibatches from files instead of holding a round's DataSets in memory,
 * and a re-run task reads the same files. {@code dir} must be readable by every executor (HDFS,
 * s3a, a shared mount).
 */
final class EpochExport implements Function2<Integer, Iterator<TrainingRow>, Iterator<String>> {
  private static final long serialVersionUID = 1L;

  private final TrainingSettings settings;
  private final int epoch;
  private final String dir;
  private final SerializableConfiguration hadoop;

  EpochExport(TrainingSettings settings, int epoch, String dir, SerializableConfiguration hadoop) {
    this.settings = settings;
    this.epoch = epoch;
    this.dir = dir;
    this.hadoop = hadoop;
  }

  @Override
  public Iterator<String> call(Integer partition, Iterator<TrainingRow> rows) throws IOException {
    List<String> paths = new ArrayList<>();
    Path base = new Path(dir);
    FileSystem fs = base.getFileSystem(hadoop.value());
    long batchIndex = 0;
    while (rows.hasNext()) {
      DataSet dataSet = Minibatches.next(rows, settings, epoch, partition, batchIndex);
      Path file = new Path(base, String.format("part-%05d-batch-%07d.bin", partition, batchIndex++));
      try (OutputStream out = fs.create(file, true)) {
        dataSet.save(out);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot export a minibatch to " + file + " (exportDir must be writable by "
            + "every executor): " + e.getMessage(), e);
      }
      paths.add(file.toString());
    }
    return paths.iterator();
  }
}
