package org.sparkae.train;

import java.util.Iterator;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaRDD;
import scala.Tuple2;

/**
 * Spreads training rows over one partition per worker, balanced, in an order that depends only on
 * the seed and the input, not on where Spark ran the tasks. A plain {@code repartition} is not
 * enough: after its shuffle a partition's rows arrive in whatever order the executors' blocks were
 * fetched, so on a cluster the same job with the same seed trained on differently ordered
 * minibatches every run.
 *
 * <p>Every row gets a pseudo-random key from (seed, input partition, position) whose residue mod
 * {@code workers} is the row's worker, dealt round-robin from a seeded start within each input
 * partition (so workers differ by at most one row per input partition). Sorting by key within each
 * worker's partition also shuffles inputs that were stored in order (e.g. by class).
 */
public final class WorkerPartitions {
  private WorkerPartitions() {}

  public static JavaRDD<TrainingRow> spread(JavaRDD<TrainingRow> rows, int workers, long seed) {
    JavaRDD<Tuple2<Long, TrainingRow>> keyed = rows.mapPartitionsWithIndex(
        (Integer partition, Iterator<TrainingRow> it) -> new Iterator<Tuple2<Long, TrainingRow>>() {
          final long start = Math.floorMod(Seeds.mix(seed, partition), workers);
          long position = 0;

          @Override
          public boolean hasNext() {
            return it.hasNext();
          }

          @Override
          public Tuple2<Long, TrainingRow> next() {
            long worker = (start + position) % workers;
            long random = Seeds.mix(seed, partition, position++);
            return new Tuple2<>(Math.floorDiv(random, workers) * workers + worker, it.next());
          }
        }, true);
    return keyed.mapToPair(t -> t).repartitionAndSortWithinPartitions(new ByResidue(workers)).values();
  }

  /** Partition = key mod n. */
  private static final class ByResidue extends Partitioner {
    private static final long serialVersionUID = 1L;
    private final int partitions;

    ByResidue(int partitions) {
      this.partitions = partitions;
    }

    @Override
    public int numPartitions() {
      return partitions;
    }

    @Override
    public int getPartition(Object key) {
      return (int) Math.floorMod((Long) key, (long) partitions);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof ByResidue r && r.partitions == partitions;
    }

    @Override
    public int hashCode() {
      return partitions;
    }
  }
}
