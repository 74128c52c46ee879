package org.sparkae.train;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.sparkae.nn.AutoencoderSpec;
import org.sparkae.score.ModelWeights;

/**
 * Trains a network across Spark executors with DL4J's {@link SparkDl4jMultiLayer} and
 * {@link ParameterAveragingTrainingMaster}.
 *
 * <p>The caller hands over a cached RDD of validated rows with one partition per worker, balanced.
 * Each epoch is cut into averaging rounds; round {@code r} gives every worker the next
 * {@code averagingFrequency} minibatches of its own partition, so DL4J sees exactly one split per
 * fit call (no random re-splitting, no shuffle, minibatch order fixed): each worker fits its
 * minibatches, then parameters and Adam state are averaged. The training master is told the truth
 * about the RDD: every DataSet holds {@code batchSize} examples (see DEPENDENCIES.md pitfall 4).
 * Partitions that run out of rows early simply return no result and are left out of the average.
 */
public final class ParameterAveragingTrainer {
  /** Called after each epoch, on the driver. */
  public interface EpochListener {
    void onEpoch(EpochStats stats, int maxEpochs);
  }

  private final TrainingSettings settings;

  public ParameterAveragingTrainer(TrainingSettings settings) {
    this.settings = settings;
  }

  /**
   * Fits {@code net} (built from {@code spec}) in place.
   *
   * @param rows cached training rows, {@code settings.numWorkers()} partitions
   * @param validation cached held-out rows, or null
   * @return per-epoch statistics
   */
  public List<EpochStats> fit(JavaSparkContext sc, AutoencoderSpec spec, MultiLayerNetwork net, JavaRDD<TrainingRow> rows,
      JavaRDD<TrainingRow> validation, EpochListener listener) {
    long[] partitionSizes = partitionSizes(rows);
    long total = 0;
    long largest = 0;
    for (long size : partitionSizes) {
      total += size;
      largest = Math.max(largest, size);
    }
    int rounds = (int) Math.max(1, (largest + settings.rowsPerRound() - 1) / settings.rowsPerRound());

    RoundTrainingMaster master = new RoundTrainingMaster(new ParameterAveragingTrainingMaster.Builder(
            settings.numWorkers(), settings.batchSize())
        .batchSizePerWorker(settings.batchSize())
        .averagingFrequency(settings.averagingFrequency())
        .workerPrefetchNumBatches(settings.prefetchBatches())
        .rddTrainingApproach(RDDTrainingApproach.Direct)
        .repartionData(Repartition.Never)
        // We cache the rows ourselves; DL4J's default would persist (and never free) every round's RDD.
        .storageLevel(null)
        .saveUpdater(true)
        .rngSeed(settings.seed()));
    SparkDl4jMultiLayer sparkNet = new SparkDl4jMultiLayer(sc, net, master);

    List<EpochStats> history = new ArrayList<>();
    try {
      for (int epoch = 1; epoch <= settings.maxEpochs(); epoch++) {
        long start = System.nanoTime();
        double weightedLoss = 0;
        long lossWeight = 0;
        for (int round = 0; round < rounds; round++) {
          sc.setJobDescription("sparkae fit: epoch " + epoch + "/" + settings.maxEpochs() + ", averaging round "
              + (round + 1) + "/" + rounds);
          master.expectDataSets(dataSetsInRound(partitionSizes, round));
          sparkNet.fit(rows.mapPartitionsWithIndex(new RoundBatches(settings, epoch, round), true));
          long roundRows = rowsInRound(partitionSizes, round);
          weightedLoss += sparkNet.getScore() * roundRows;
          lossWeight += roundRows;
        }
        net.getLayerWiseConfigurations().setEpochCount(epoch);
        double validationLoss = Double.NaN;
        if (validation != null) {
          sc.setJobDescription("sparkae fit: epoch " + epoch + " validation loss");
          Broadcast<ModelWeights> weights = sc.broadcast(new ModelWeights(spec, net.params().toFloatVector()));
          validationLoss = ValidationLoss.of(validation, weights, settings.batchSize());
          weights.destroy();
        }
        EpochStats stats = new EpochStats(epoch, weightedLoss / lossWeight, validationLoss,
            (System.nanoTime() - start) / 1e9, total);
        history.add(stats);
        if (listener != null) {
          listener.onEpoch(stats, settings.maxEpochs());
        }
      }
    } finally {
      sc.setJobDescription(null);
    }
    return history;
  }

  /** Rows all workers fit in one round: each partition's slice of the round, possibly short or empty. */
  private long rowsInRound(long[] partitionSizes, int round) {
    long rows = 0;
    for (long size : partitionSizes) {
      rows += sliceOfRound(size, round);
    }
    return rows;
  }

  /** Minibatch DataSets all workers get in one round (a short last batch counts as one). */
  private long dataSetsInRound(long[] partitionSizes, int round) {
    long dataSets = 0;
    for (long size : partitionSizes) {
      dataSets += (sliceOfRound(size, round) + settings.batchSize() - 1) / settings.batchSize();
    }
    return dataSets;
  }

  /** Rows of a partition of {@code size} that round {@code round} covers. */
  private long sliceOfRound(long size, int round) {
    long perRound = settings.rowsPerRound();
    return Math.max(0, Math.min(perRound, size - round * perRound));
  }

  static long[] partitionSizes(JavaRDD<TrainingRow> rows) {
    List<Long> sizes = rows.mapPartitions((Iterator<TrainingRow> it) -> {
      long n = 0;
      while (it.hasNext()) {
        it.next();
        n++;
      }
      return List.of(n).iterator();
    }).collect();
    return sizes.stream().mapToLong(Long::longValue).toArray();
  }
}
