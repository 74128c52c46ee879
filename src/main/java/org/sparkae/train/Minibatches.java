package org.sparkae.train;

import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.dataset.DataSet;
import org.sparkae.score.Matrices;

/** Packs rows into DL4J minibatches. */
public final class Minibatches {
  private Minibatches() {}

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
