package org.sparkae.train;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.dataset.DataSet;
import org.sparkae.nn.Matrices;

/** Packs rows into DL4J minibatches. */
public final class Minibatches {
  private Minibatches() {}

  /**
   * The next up to {@code batchSize} rows of a partition as one DataSet, corrupted with noise drawn
   * from (seed, epoch, partition, batchIndex): the same minibatch whether Direct builds it in a
   * round or Export writes it to a file, and fresh noise every epoch.
   */
  static DataSet next(Iterator<TrainingRow> rows, TrainingSettings settings, int epoch, int partition,
      long batchIndex) {
    List<TrainingRow> batch = new ArrayList<>(settings.batchSize());
    while (batch.size() < settings.batchSize() && rows.hasNext()) {
      batch.add(rows.next());
    }
    SplittableRandom rng = new SplittableRandom(Seeds.mix(settings.seed(), epoch, partition, batchIndex));
    return dataSet(batch, settings.noise(), rng);
  }

  /**
   * One DataSet: features are the inputs, corrupted by {@code noise} with {@code rng} when noise is
   * on; labels are the targets (or the clean inputs).
   */
  public static DataSet dataSet(List<TrainingRow> rows, NoiseKernel noise, SplittableRandom rng) {
    List<float[]> features = rows.stream()
        .map(r -> noise.isNone() ? r.input() : noise.corrupt(r.input(), rng))
        .toList();
    List<float[]> labels = rows.stream().map(TrainingRow::label).toList();
    return new DataSet(Matrices.of(features), Matrices.of(labels));
  }
}
