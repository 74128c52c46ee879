package org.sparkae.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparkae.ml.Autoencoder;
import org.sparkae.ml.AutoencoderModel;
import org.sparkae.nn.Matrices;
import org.sparkae.nn.Nd4jThreads;
import org.sparkae.nn.NetworkFactory;

/**
 * What a user gets: training with only the network and the epochs set (batch size, workers and
 * averaging frequency as the stage chooses them) on the first 20,000 and 60,000 training rows, and
 * scoring a cached DataFrame of stored vectors with the default output columns, each against plain
 * DL4J on the same rows held in memory.
 */
final class DefaultsComparison {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultsComparison.class);
  private static final int PLAIN_BATCH = 128;

  private final int epochs;
  private final int repeats;

  DefaultsComparison(int epochs, int repeats) {
    this.epochs = epochs;
    this.repeats = repeats;
  }

  /** The stage as shipped, with the benchmark's network (784-256-32 mirrored) and equal epochs. */
  Autoencoder atDefaults() {
    return new Autoencoder().setEncoderLayers(256).setLatentSize(32).setMaxEpochs(epochs).setSeed(1);
  }

  /** Training at the defaults on each row count (those the data has). */
  List<Map<String, Object>> training(Dataset<Row> train, Dataset<Row> test, double ceiling, long[] rowCounts) {
    long available = train.count();
    List<Map<String, Object>> points = new ArrayList<>();
    for (long n : rowCounts) {
      if (n > available) {
        LOG.info("training at the defaults: {} rows asked, the data has {}; skipped", n, available);
        continue;
      }
      Dataset<Row> rows = train.limit((int) n).cache();
      rows.count();
      TrainingComparison.Outcome outcome = new TrainingComparison(epochs, repeats).run(atDefaults(), rows, test,
          ceiling);
      Map<String, Object> m = new LinkedHashMap<>(outcome.results());
      m.put("rows", n);
      m.put("workersChosen", outcome.model().summary().numWorkers());
      m.put("workerBatchSize", outcome.model().summary().batchSize()); // what the stage chose, not the param
      m.put("averagingFrequency", outcome.model().summary().averagingFrequency());
      points.add(m);
      rows.unpersist();
    }
    return points;
  }

  /**
   * Scoring {@code n} stored rows (the test images repeated) from a cached DataFrame: transform with
   * the default output columns, forced by an aggregate over error and code, against plain DL4J's
   * batched output over the same rows in memory.
   */
  Map<String, Object> cachedScoring(AutoencoderModel trained, Dataset<Row> test, long n) {
    long base = test.count();
    int copies = (int) Math.max(1, n / base);
    Dataset<Row> stored = test.select("features").crossJoin(test.sparkSession().range(copies))
        .select("features").repartition(test.sparkSession().sparkContext().defaultParallelism())
        .persist(StorageLevel.MEMORY_ONLY());
    long rows = stored.count();
    AutoencoderModel model = trained.copy(new org.apache.spark.ml.param.ParamMap()); // default columns
    List<float[]> memory = new ArrayList<>();
    List<float[]> images = BenchData.floats(test, "features");
    for (int c = 0; c < copies; c++) {
      memory.addAll(images);
    }
    MultiLayerNetwork plain = NetworkFactory.withParams(model.networkSpec(), model.parameters());
    double[] ours = new double[repeats];
    double[] plainSeconds = new double[repeats];
    for (int r = 0; r < repeats + 1; r++) { // the first round warms both sides up and is not reported
      long start = System.nanoTime();
      model.transform(stored).agg(functions.sum(model.getErrorCol()),
          functions.count(functions.col(model.getLatentCol()))).first();
      double oursRound = (System.nanoTime() - start) / 1e9;
      Nd4jThreads.forCurrentTask();
      start = System.nanoTime();
      double checksum = 0;
      for (int i = 0; i < memory.size(); i += PLAIN_BATCH) {
        checksum += plain.output(Matrices.of(memory.subList(i, Math.min(memory.size(), i + PLAIN_BATCH))), false)
            .getDouble(0, 0);
      }
      double plainRound = (System.nanoTime() - start) / 1e9;
      LOG.info("cached scoring round {}: ours {} rows/s, plain {} rows/s (checksum {})", r,
          Math.round(rows / oursRound), Math.round(rows / plainRound), checksum);
      if (r > 0) {
        ours[r - 1] = oursRound;
        plainSeconds[r - 1] = plainRound;
      }
    }
    stored.unpersist();
    double oursMedian = TrainingComparison.median(ours);
    double plainMedian = TrainingComparison.median(plainSeconds);
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("rows", rows);
    p.put("repeats", repeats);
    p.put("oursRowsPerSecond", rows / oursMedian);
    p.put("plainRowsPerSecond", rows / plainMedian);
    p.put("ratioOursToPlain", plainMedian / oursMedian);
    p.put("targets", Map.of("ratio>=0.8", plainMedian / oursMedian >= 0.8));
    return p;
  }
}
