package org.sparkae.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.SerializableConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparkae.nn.AutoencoderSpec;
import org.sparkae.nn.ModelWeights;

/**
 * Trains a network across Spark executors with DL4J's {@link SparkDl4jMultiLayer} and
 * {@link ParameterAveragingTrainingMaster}.
 *
 * <p>The caller hands over a cached RDD of validated rows with one partition per worker, balanced.
 * Each epoch is cut into averaging rounds; round {@code r} gives every worker the next
 * {@code averagingFrequency} minibatches of its own partition, one Spark job per round (no random
 * re-splitting, no shuffle, minibatch order fixed): each worker fits its minibatches, then the
 * parameters are averaged; the Adam state is averaged with them, or, when rounds are short, every
 * {@link #roundsPerStateAverage} rounds and at the epoch's end, each worker keeping its own in between
 * ({@link RoundTrainingMaster#fitRound}). Every DataSet holds {@code batchSize}
 * examples (see DEPENDENCIES.md pitfall 4). Partitions that run out of rows early return no result
 * and are left out of the average.
 */
public final class ParameterAveragingTrainer {
  /** Called after each epoch, on the driver. */
  public interface EpochListener {
    void onEpoch(EpochStats stats, int maxEpochs);

    /** Called after each averaging round within an epoch, on the driver (direct training only). */
    default void onRound(RoundStats stats) {}
  }

  private static final Logger LOG = LoggerFactory.getLogger(ParameterAveragingTrainer.class);
  private static final AtomicBoolean ADVISED = new AtomicBoolean();

  private final TrainingSettings settings;
  private final String exportDir;
  private final TrainingCheckpoint checkpoint;
  private int earlyStoppingPatience;
  private LearningRateDrops drops = LearningRateDrops.NONE;

  /**
   * @param exportDir null for DL4J's Direct approach (minibatches built in memory per round), else
   *     the Export approach's directory on a file system every executor reaches
   * @param checkpoint where to save each epoch and resume from, or null
   */
  public ParameterAveragingTrainer(TrainingSettings settings, String exportDir, TrainingCheckpoint checkpoint) {
    this.settings = settings;
    this.exportDir = exportDir;
    this.checkpoint = checkpoint;
  }

  public ParameterAveragingTrainer(TrainingSettings settings) {
    this(settings, null, null);
  }

  /**
   * Stops when the validation loss has not improved for {@code patience} epochs and keeps the
   * parameters of the best epoch (0 = off; needs validation rows). A resumed run counts on from its
   * checkpoint: one that had stopped returns the best epoch without training, unless the optimiser
   * changed on resuming, which starts the count afresh.
   */
  public ParameterAveragingTrainer withEarlyStopping(int patience) {
    this.earlyStoppingPatience = patience;
    return this;
  }

  /**
   * When early stopping would stop, trains on from the current weights at a lower rate instead, up to
   * {@code drops.count()} times (see {@link LearningRateDrops}). A resumed run knows the drops it had
   * made from the rate its last epoch trained at.
   */
  public ParameterAveragingTrainer withLearningRateDrops(LearningRateDrops drops) {
    this.drops = drops;
    return this;
  }

  /**
   * Fits {@code net} (built from {@code spec}) in place, resuming from the checkpoint when there is
   * one for this training.
   *
   * @param rows cached training rows, {@code settings.numWorkers()} partitions
   * @param validation cached held-out rows, or null
   * @return per-epoch statistics, including the epochs a resumed run had done before
   */
  public List<EpochStats> fit(JavaSparkContext sc, AutoencoderSpec spec, MultiLayerNetwork net, JavaRDD<TrainingRow> rows,
      JavaRDD<TrainingRow> validation, EpochListener listener) {
    long[] partitionSizes = partitionSizes(rows);
    long total = 0;
    for (long size : partitionSizes) {
      total += size;
    }
    LOG.info("training rows per worker: {}", Arrays.toString(partitionSizes));
    String identity = TrainingCheckpoint.identity(spec.toString(), settings, partitionSizes);
    List<EpochStats> history = new ArrayList<>();
    int patience = validation != null ? earlyStoppingPatience : 0;
    BestEpoch best = new BestEpoch(patience);
    TrainingCheckpoint.Resumed resumed = checkpoint == null ? null
        : checkpoint.latest(identity, net).orElse(null);
    RateOnPlateau rate = new RateOnPlateau(spec, drops);
    if (resumed != null) {
      rate.resume(resumed.history(), net);
      history.addAll(resumed.history());
      if (history.size() > settings.maxEpochs()) {
        throw new IllegalStateException("the checkpoint has " + history.size() + " epochs done, more than maxEpochs ("
            + settings.maxEpochs() + "): raise maxEpochs or use a new checkpointDir");
      }
      best = BestEpoch.resumed(patience, history, rate.current().optimizer(), net, checkpoint::params);
      if (best.stopped() && rate.exhausted()) {
        LOG.info("the checkpointed run had stopped early after epoch {} (no improvement for {} epochs): nothing "
            + "to train, keeping epoch {}; resume at a lower learningRate to train on", resumed.epoch(), patience,
            best.epoch());
      }
    }

    adviseOnRoundTransfers(sc, net);
    RoundTrainingMaster master = new RoundTrainingMaster(new ParameterAveragingTrainingMaster.Builder(
            settings.numWorkers(), settings.batchSize())
        .batchSizePerWorker(settings.batchSize())
        .averagingFrequency(settings.averagingFrequency())
        .workerPrefetchNumBatches(settings.prefetchBatches())
        .rddTrainingApproach(exportDir == null ? RDDTrainingApproach.Direct : RDDTrainingApproach.Export)
        .repartionData(Repartition.Never)
        // We cache the rows ourselves; DL4J's default would persist (and never free) every round's RDD.
        .storageLevel(null)
        .saveUpdater(true)
        .rngSeed(settings.seed()));
    SparkDl4jMultiLayer sparkNet = new SparkDl4jMultiLayer(sc, net, master);
    String runExportDir = exportDir == null ? null
        : new Path(exportDir, "sparkae-" + sc.sc().applicationId() + "-" + UUID.randomUUID().toString().substring(0, 8))
            .toString();
    Broadcast<HeldOutRows> heldOut = heldOutInRounds(sc, spec, validation, partitionSizes.length, runExportDir);
    try {
      for (int epoch = history.size() + 1; epoch <= settings.maxEpochs(); epoch++) {
        if (best.stopped()) {
          if (rate.exhausted()) {
            break;
          }
          rate.drop(net, epoch, patience, best.epoch());
          best.startAfresh();
        }
        long start = System.nanoTime();
        RoundLoss losses = runExportDir == null
            ? fitDirect(sc, sparkNet, master, rows, partitionSizes, total, epoch, listener, heldOut)
            : new RoundLoss(fitExported(sc, sparkNet, master, rows, runExportDir, epoch), Double.NaN);
        double trainLoss = losses.training();
        net.getLayerWiseConfigurations().setEpochCount(epoch);
        double validationLoss = losses.validation();
        if (validation != null && heldOut == null) {
          sc.setJobDescription("sparkae fit: epoch " + epoch + " validation loss");
          Broadcast<ModelWeights> weights = sc.broadcast(new ModelWeights(spec, net.params().toFloatVector()));
          try {
            validationLoss = ValidationLoss.of(validation, weights, settings.batchSize(), settings.noise(),
                settings.seed());
          } finally {
            weights.destroy();
          }
        }
        EpochStats stats = new EpochStats(epoch, trainLoss, validationLoss, (System.nanoTime() - start) / 1e9, total,
            rate.current().optimizer());
        history.add(stats);
        boolean stop = best.stopAfter(stats, net);
        if (checkpoint != null) {
          checkpoint.save(identity, epoch, net, history, best.epoch());
        }
        if (listener != null) {
          listener.onEpoch(stats, settings.maxEpochs());
        }
        if (stop && rate.exhausted()) {
          LOG.info("early stopping after epoch {}: validation loss {} has not improved for {} epochs; keeping epoch {}",
              epoch, String.format("%.5f", validationLoss), patience, best.epoch());
        }
      }
      best.restoreInto(net);
    } finally {
      sc.setJobDescription(null);
      if (heldOut != null) {
        heldOut.destroy();
      }
      if (runExportDir != null) {
        delete(sc, runExportDir);
      }
    }
    return history;
  }

  /**
   * A lone worker trains its whole epoch in one task and can score the validation rows right after, with
   * the network it has: then they are shipped to it once, saving a Spark job per epoch. Null (a job per
   * epoch) with several workers, when training from exported files, or when the rows are too many to ship.
   */
  private static Broadcast<HeldOutRows> heldOutInRounds(JavaSparkContext sc, AutoencoderSpec spec,
      JavaRDD<TrainingRow> validation, int workers, String exportDir) {
    if (validation == null || workers != 1 || exportDir != null) {
      return null;
    }
    sc.setJobDescription("sparkae fit: collecting the validation rows");
    HeldOutRows rows = HeldOutRows.collectIfSmall(validation, spec.inputSize() + spec.outputSize());
    return rows == null ? null : sc.broadcast(rows);
  }

  /** Once per JVM: the session settings that would slow every averaging round down (see RoundTransferAdvice). */
  private static void adviseOnRoundTransfers(JavaSparkContext sc, MultiLayerNetwork net) {
    if (ADVISED.get()) {
      return;
    }
    INDArray updaterState = net.getUpdater().getStateViewArray();
    long values = net.numParams() + (updaterState == null ? 0 : updaterState.length());
    long resultBytes = values * net.params().dataType().width();
    RoundTransferAdvice.advice(sc.getConf(), resultBytes).ifPresent(advice -> {
      if (!ADVISED.getAndSet(true)) {
        LOG.warn("parameter averaging will run slower than it could: {}", advice);
      }
    });
  }

  /**
   * Direct: round {@code r} of the epoch gives every worker the next {@code averagingFrequency}
   * minibatches of its own partition, built in memory. Returns the epoch's mean minibatch loss, and the
   * validation loss on {@code heldOut} when given (scored by the lone worker after the epoch's last round).
   */
  private RoundLoss fitDirect(JavaSparkContext sc, SparkDl4jMultiLayer sparkNet, RoundTrainingMaster master,
      JavaRDD<TrainingRow> rows, long[] partitionSizes, long totalRows, int epoch, EpochListener listener,
      Broadcast<HeldOutRows> heldOut) {
    long start = System.nanoTime();
    String run = UUID.randomUUID().toString();
    int stateEvery = roundsPerStateAverage(settings.averagingFrequency());
    long largest = Arrays.stream(partitionSizes).max().orElse(0);
    int rounds = (int) Math.max(1, (largest + settings.rowsPerRound() - 1) / settings.rowsPerRound());
    double weightedLoss = 0;
    long lossWeight = 0;
    double validationLoss = Double.NaN;
    for (int round = 0; round < rounds; round++) {
      sc.setJobDescription("sparkae fit: epoch " + epoch + "/" + settings.maxEpochs() + ", averaging round "
          + (round + 1) + "/" + rounds);
      holdEpochCount(sparkNet, epoch);
      boolean last = round == rounds - 1;
      RoundLoss loss = master.fitRound(sparkNet, rows, new RoundBatches(settings, epoch, round), run, epoch,
          round % stateEvery == 0, (round + 1) % stateEvery == 0 || last, last ? heldOut : null);
      double roundLoss = loss.training();
      validationLoss = loss.validation();
      long roundRows = rowsInRound(partitionSizes, round);
      weightedLoss += roundLoss * roundRows;
      lossWeight += roundRows;
      if (listener != null) {
        listener.onRound(new RoundStats(epoch, settings.maxEpochs(), round + 1, rounds, lossWeight, totalRows,
            weightedLoss / lossWeight, (System.nanoTime() - start) / 1e9));
      }
    }
    return new RoundLoss(weightedLoss / lossWeight, validationLoss);
  }

  /**
   * Export: each executor writes the epoch's minibatches as files, then DL4J trains from the paths
   * in rounds of {@code numWorkers x averagingFrequency} files. Returns the mean of the rounds' losses.
   */
  private double fitExported(JavaSparkContext sc, SparkDl4jMultiLayer sparkNet, RoundTrainingMaster master,
      JavaRDD<TrainingRow> rows, String runExportDir, int epoch) {
    String epochDir = new Path(runExportDir, "epoch-" + epoch).toString();
    sc.setJobDescription("sparkae fit: epoch " + epoch + "/" + settings.maxEpochs() + ", exporting minibatches to "
        + epochDir);
    SerializableConfiguration hadoop = new SerializableConfiguration(sc.hadoopConfiguration());
    // Cached: DL4J splits the paths several times, and each pass must not write the files again.
    JavaRDD<String> paths = rows.mapPartitionsWithIndex(new EpochExport(settings, epoch, epochDir, hadoop), true)
        .persist(StorageLevel.MEMORY_ONLY());
    try {
      paths.count();
      sc.setJobDescription("sparkae fit: epoch " + epoch + "/" + settings.maxEpochs() + ", training from "
          + epochDir);
      holdEpochCount(sparkNet, epoch);
      master.startPathEpoch();
      sparkNet.fitPaths(paths);
      return master.meanPathRoundLoss();
    } finally {
      paths.unpersist(false);
      delete(sc, epochDir);
    }
  }

  /**
   * Every worker builds its network from the master's configuration, epoch count included, and an
   * epoch learning-rate schedule reads that count. SparkDl4jMultiLayer adds one to it after every
   * fit call and the trainer sets it after every epoch, so it is set to the epoch (counted from 0)
   * before the epoch's rounds.
   */
  private static void holdEpochCount(SparkDl4jMultiLayer sparkNet, int epoch) {
    sparkNet.getNetwork().getLayerWiseConfigurations().setEpochCount(epoch - 1);
  }

  private static void delete(JavaSparkContext sc, String dir) {
    try {
      Path path = new Path(dir);
      path.getFileSystem(sc.hadoopConfiguration()).delete(path, true);
    } catch (java.io.IOException e) {
      LOG.warn("could not delete the exported minibatches in {}: {}", dir, e.getMessage());
    }
  }

  /**
   * Minibatches a worker fits between averagings of the updater state, at most: as many as the
   * default averaging frequency puts between parameter averagings, where the state travels every round.
   */
  public static final int STATE_AVERAGING_MINIBATCHES = 40;

  /**
   * How many rounds the workers keep their own updater state between its averagings: every round when
   * a round is {@value #STATE_AVERAGING_MINIBATCHES} minibatches or more (DL4J's averaging of
   * everything), else enough rounds to make that many minibatches. The epoch's end averages it too.
   */
  public static int roundsPerStateAverage(int averagingFrequency) {
    return Math.max(1, STATE_AVERAGING_MINIBATCHES / averagingFrequency);
  }

  /** Rows all workers fit in one round: each partition's slice of the round, possibly short or empty. */
  private long rowsInRound(long[] partitionSizes, int round) {
    long rows = 0;
    for (long size : partitionSizes) {
      rows += sliceOfRound(size, round);
    }
    return rows;
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
