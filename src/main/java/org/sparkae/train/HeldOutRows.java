package org.sparkae.train;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;

/**
 * The validation rows, partition by partition, held in memory so that a lone worker can compute the
 * validation loss in the task that has just trained its epoch instead of in a second Spark job per
 * epoch (on a table of a few hundred rows that job cost as much as the epoch's training).
 */
record HeldOutRows(List<List<TrainingRow>> partitions) implements Serializable {
  /** Float values (inputs and targets) up to which the rows are shipped to the worker: 64 MB. */
  static final long MAX_VALUES = 16L << 20;

  /**
   * The rows of {@code rdd} by partition, or null when they hold more than {@link #MAX_VALUES} floats at
   * {@code valuesPerRow} each (counted first, so that too many are never collected).
   */
  static HeldOutRows collectIfSmall(JavaRDD<TrainingRow> rdd, int valuesPerRow) {
    if (rdd.count() * valuesPerRow > MAX_VALUES) {
      return null;
    }
    List<List<TrainingRow>> partitions = new ArrayList<>();
    for (List<TrainingRow> partition : rdd.glom().collect()) {
      partitions.add(new ArrayList<>(partition)); // a list type every serializer can rebuild
    }
    return new HeldOutRows(partitions);
  }
}
