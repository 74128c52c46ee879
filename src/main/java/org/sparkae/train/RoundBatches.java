package org.sparkae.train;

import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.Function2;
import org.nd4j.linalg.dataset.DataSet;
import org.sparkae.nn.Nd4jThreads;

/**
 * One averaging round's share of a partition: rows {@code [round * F * B, (round + 1) * F * B)},
 * packed lazily into at most F minibatch DataSets of B rows. Noise for minibatch {@code b} is drawn
 * from a seed derived from (seed, epoch, partition, b), so a run is reproducible and every epoch
 * sees fresh corruption.
 */
final class RoundBatches implements Function2<Integer, Iterator<TrainingRow>, Iterator<DataSet>> {
  private static final long serialVersionUID = 1L;

  private final TrainingSettings settings;
  private final int epoch;
  private final int round;

  RoundBatches(TrainingSettings settings, int epoch, int round) {
    this.settings = settings;
    this.epoch = epoch;
    this.round = round;
  }

  TrainingSettings settings() {
    return settings;
  }

  @Override
  public Iterator<DataSet> call(Integer partition, Iterator<TrainingRow> rows) {
    Nd4jThreads.forCurrentTask(settings.workerThreads());
    long skip = round * settings.rowsPerRound();
    for (long i = 0; i < skip && rows.hasNext(); i++) {
      rows.next();
    }
    return new Iterator<>() {
      int emitted = 0;

      @Override
      public boolean hasNext() {
        return emitted < settings.averagingFrequency() && rows.hasNext();
      }

      @Override
      public DataSet next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        long batchIndex = (long) round * settings.averagingFrequency() + emitted++;
        return Minibatches.next(rows, settings, epoch, partition, batchIndex);
      }
    };
  }
}
