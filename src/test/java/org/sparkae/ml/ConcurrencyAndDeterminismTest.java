package org.sparkae.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sparkae.TestSpark;
import org.sparkae.nn.ModelWeights;
import org.sparkae.score.PartitionScorer;
import org.sparkae.score.ScoringColumns;

/** Scoring from many threads at once equals scoring from one; training with a fixed seed repeats exactly. */
class ConcurrencyAndDeterminismTest {
  private static final int SIZE = 24;
  private static Dataset<Row> data;
  private static AutoencoderModel model;

  @BeforeAll
  static void fit() {
    data = TestSpark.uniformRows(600, SIZE, 4).cache();
    model = trainer().fit(data);
  }

  static Autoencoder trainer() {
    return new Autoencoder().setEncoderLayers(16).setLatentSize(4).setBatchSize(16).setMaxEpochs(2)
        .setNoiseType("gaussian").setNoiseLevel(0.1).setValidationFraction(0.2).setSeed(11)
        .setOutputActivation("identity");
  }

  @Test
  void eightThreadsScoringAtOnceGiveExactlyTheSingleThreadedOutputs() throws Exception {
    Broadcast<ModelWeights> weights = TestSpark.jsc().broadcast(new ModelWeights(model.networkSpec(),
        model.parameters()));
    PartitionScorer scorer = new PartitionScorer(weights,
        new ScoringColumns(1, "features", -1, "", true, true, true, true, false, 0, null, null, false, false, false),
        model.getThreshold(), 7, false);
    List<Row> rows = data.collectAsList();
    List<Row> expected = drain(scorer.call(rows.iterator()));

    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<List<Row>>> tasks = new ArrayList<>();
      for (int t = 0; t < 32; t++) {
        tasks.add(() -> drain(scorer.call(rows.iterator())));
      }
      for (Future<List<Row>> result : pool.invokeAll(tasks, 120, TimeUnit.SECONDS)) {
        assertFalse(result.isCancelled(), "every thread finished in time");
        assertEquals(expected, result.get(), "a thread's outputs differ from the single-threaded run");
      }
    } finally {
      pool.shutdownNow();
      weights.destroy();
    }
  }

  @Test
  void manyConcurrentTasksMatchOnePartitionScoredAlone() {
    Map<Long, Row> alone = byId(model.transform(data.coalesce(1)));
    Map<Long, Row> concurrent = byId(model.transform(data.repartition(16)));
    assertEquals(alone.keySet(), concurrent.keySet());
    for (Long id : alone.keySet()) {
      // Rows are batched with different neighbours, so allow for float summation order only.
      assertArrayEquals(((Vector) alone.get(id).get(1)).toArray(), ((Vector) concurrent.get(id).get(1)).toArray(),
          1e-5, "latent of row " + id);
      assertEquals(alone.get(id).getDouble(2), concurrent.get(id).getDouble(2), 1e-6, "error of row " + id);
    }
  }

  @Test
  void twoTrainingRunsWithTheSameSeedAndPartitioningAreIdentical() {
    AutoencoderModel again = trainer().fit(data);
    assertArrayEquals(model.parameters(), again.parameters(), "parameters");
    assertArrayEquals(model.summary().trainingLoss(), again.summary().trainingLoss());
    assertEquals(model.getThreshold(), again.getThreshold());
    float[] otherSeed = trainer().setSeed(12).fit(data).parameters();
    assertFalse(java.util.Arrays.equals(model.parameters(), otherSeed), "the seed matters");
  }

  private static Map<Long, Row> byId(Dataset<Row> scored) {
    return scored.select("id", "latent", "reconstructionError").collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getLong(0), r -> r));
  }

  private static List<Row> drain(Iterator<Row> it) {
    List<Row> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }
}
