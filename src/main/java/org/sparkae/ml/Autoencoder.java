package org.sparkae.ml;

import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaDoubleRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparkae.data.InvalidRowException;
import org.sparkae.data.VectorRows;
import org.sparkae.nn.AutoencoderSpec;
import org.sparkae.nn.LatentDistance;
import org.sparkae.nn.ModelWeights;
import org.sparkae.nn.NetworkFactory;
import org.sparkae.serialization.KryoSetup;
import org.sparkae.train.ColumnStats;
import org.sparkae.train.EpochStats;
import org.sparkae.train.ExecutorCores;
import org.sparkae.train.LearningRateDrops;
import org.sparkae.train.NoiseKernel;
import org.sparkae.train.ParameterAveragingTrainer;
import org.sparkae.train.ProgressLog;
import org.sparkae.train.TrainingCheckpoint;
import org.sparkae.train.TrainingErrors;
import org.sparkae.train.TrainingPlan;
import org.sparkae.train.TrainingRow;
import org.sparkae.train.TrainingSettings;
import org.sparkae.train.WorkerPartitions;

/**
 * A dense (optionally denoising) autoencoder as a Spark ML Estimator, trained across the executors
 * by DL4J parameter averaging. {@link #fit} returns an {@link AutoencoderModel} that appends the
 * latent code, the reconstruction, the reconstruction error and an outlier flag.
 *
 * <p>Noise: {@code noiseType}/{@code noiseLevel} corrupt the inputs afresh every epoch during
 * training only, and scoring sees clean inputs (the recommended denoising path). With
 * {@code targetCol} set the network learns input -&gt; target (e.g. noisy -&gt; clean); at scoring
 * the model encodes its {@code inputCol} (change it on the model to encode another column) and
 * measures the error against {@code targetCol} (set it to "" to measure against the input).
 */
public class Autoencoder extends Estimator<AutoencoderModel> implements AutoencoderParams, DefaultParamsWritable {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(Autoencoder.class);

  private final String uid;
  private final ParamRegistry paramRegistry;

  public Autoencoder(String uid) {
    this.uid = uid;
    this.paramRegistry = new ParamRegistry(this);
    params(); // every param exists, with its default, before anything reads or saves the defaults
  }

  public Autoencoder() {
    this(Identifiable.randomUID("autoencoder"));
  }

  @Override
  public String uid() {
    return uid;
  }

  // ---- params ----------------------------------------------------------------------------------
  @Override
  public ParamRegistry paramRegistry() {
    return paramRegistry;
  }


  public Autoencoder setInputCol(String value) { set(inputCol(), value); return this; }
  public Autoencoder setTargetCol(String value) { set(targetCol(), value); return this; }
  public Autoencoder setLatentCol(String value) { set(latentCol(), value); return this; }
  public Autoencoder setLatentLogVarCol(String value) { set(latentLogVarCol(), value); return this; }
  public Autoencoder setReconstructionCol(String value) { set(reconstructionCol(), value); return this; }
  public Autoencoder setErrorCol(String value) { set(errorCol(), value); return this; }
  public Autoencoder setOutlierCol(String value) { set(outlierCol(), value); return this; }
  public Autoencoder setOutlierScoreCol(String value) { set(outlierScoreCol(), value); return this; }
  public Autoencoder setLatentDistanceCol(String value) { set(latentDistanceCol(), value); return this; }
  public Autoencoder setFeatureErrorsCol(String value) { set(featureErrorsCol(), value); return this; }
  public Autoencoder setExplanationCol(String value) { set(explanationCol(), value); return this; }
  public Autoencoder setExplanationTopK(int value) { set(explanationTopK(), value); return this; }
  public Autoencoder setInputShape(int... value) { set(inputShape(), value.clone()); return this; }
  public Autoencoder setConvFilters(int... value) { set(convFilters(), value.clone()); return this; }
  public Autoencoder setConvKernelSize(int value) { set(convKernelSize(), value); return this; }
  public Autoencoder setConvRefineLayers(int value) { set(convRefineLayers(), value); return this; }
  public Autoencoder setEncoderLayers(int... value) { set(encoderLayers(), value.clone()); return this; }
  public Autoencoder setLatentSize(int value) { set(latentSize(), value); return this; }
  public Autoencoder setActivation(String value) { set(activation(), value); return this; }
  public Autoencoder setLatentActivation(String value) { set(latentActivation(), value); return this; }
  public Autoencoder setOutputActivation(String value) { set(outputActivation(), value); return this; }
  public Autoencoder setLoss(String value) { set(loss(), value); return this; }
  public Autoencoder setInputScaling(String value) { set(inputScaling(), value); return this; }
  public Autoencoder setLearningRate(double value) { set(learningRate(), value); return this; }
  public Autoencoder setLearningRateDecay(double value) { set(learningRateDecay(), value); return this; }
  public Autoencoder setL2(double value) { set(l2(), value); return this; }
  public Autoencoder setBatchSize(int value) { set(batchSize(), value); return this; }
  public Autoencoder setMaxEpochs(int value) { set(maxEpochs(), value); return this; }
  public Autoencoder setSeed(long value) { set(seed(), value); return this; }
  public Autoencoder setNoiseType(String value) { set(noiseType(), value); return this; }
  public Autoencoder setNoiseLevel(double value) { set(noiseLevel(), value); return this; }
  public Autoencoder setContamination(double value) { set(contamination(), value); return this; }
  public Autoencoder setErrorScaling(String value) { set(errorScaling(), value); return this; }
  public Autoencoder setLatentDistanceWeight(double value) { set(latentDistanceWeight(), value); return this; }
  public Autoencoder setLatentSupportFraction(double value) { set(latentSupportFraction(), value); return this; }
  public Autoencoder setValidationFraction(double value) { set(validationFraction(), value); return this; }
  public Autoencoder setNumWorkers(int value) { set(numWorkers(), value); return this; }
  public Autoencoder setAveragingFrequency(int value) { set(averagingFrequency(), value); return this; }
  public Autoencoder setPrefetchBatches(int value) { set(prefetchBatches(), value); return this; }
  public Autoencoder setHandleInvalid(String value) { set(handleInvalid(), value); return this; }
  public Autoencoder setTrainingApproach(String value) { set(trainingApproach(), value); return this; }
  public Autoencoder setExportDir(String value) { set(exportDir(), value); return this; }
  public Autoencoder setCheckpointDir(String value) { set(checkpointDir(), value); return this; }
  public Autoencoder setEarlyStoppingPatience(int value) { set(earlyStoppingPatience(), value); return this; }
  public Autoencoder setLearningRateDrops(int value) { set(learningRateDrops(), value); return this; }
  public Autoencoder setLearningRateDropFactor(double value) { set(learningRateDropFactor(), value); return this; }
  public Autoencoder setVariational(boolean value) { set(variational(), value); return this; }
  public Autoencoder setKlWeight(double value) { set(klWeight(), value); return this; }
  public Autoencoder setVariationalScore(String value) { set(variationalScore(), value); return this; }
  public Autoencoder setVariationalSamples(int value) { set(variationalSamples(), value); return this; }

  // ---- schema ----------------------------------------------------------------------------------
  @Override
  public StructType transformSchema(StructType schema) {
    // Cross-param checks fail here, before any data is touched.
    noiseKernel();
    int rowSize = Math.max(shapedRowSize(), 1);
    spec(rowSize, rowSize);
    if (isSet(earlyStoppingPatience()) && getEarlyStoppingPatience() > 0 && getValidationFraction() == 0) {
      throw new IllegalArgumentException("Autoencoder: earlyStoppingPatience " + getEarlyStoppingPatience()
          + " needs a validation split to watch: set validationFraction > 0 (e.g. 0.1)");
    }
    if (isSet(learningRateDrops()) && getLearningRateDrops() > 0 && getEarlyStoppingPatience() == 0) {
      throw new IllegalArgumentException("Autoencoder: learningRateDrops " + getLearningRateDrops() + " drops the rate "
          + "where early stopping would stop, so it needs earlyStoppingPatience > 0 (and validationFraction > 0)");
    }
    if ("export".equals(getTrainingApproach()) && getExportDir().isBlank()) {
      throw new IllegalArgumentException("Autoencoder: trainingApproach 'export' needs exportDir, a directory every "
          + "executor can read and write (HDFS, s3a, a shared mount)");
    }
    return AutoencoderSchema.validateAndTransform(this, schema, shapedRowSize(), shapedRowSize());
  }

  // ---- fit -------------------------------------------------------------------------------------
  @Override
  public AutoencoderModel fit(Dataset<?> dataset) {
    transformSchema(dataset.schema(), true);
    Dataset<Row> df = dataset.toDF();
    SparkSession spark = df.sparkSession();
    KryoSetup.check(spark.sparkContext().conf(), "Autoencoder.fit");
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    boolean skip = "skip".equals(getHandleInvalid());

    int inputSize = sizeOf(df, getInputCol());
    int outputSize = hasTarget() ? sizeOf(df, getTargetCol()) : inputSize;
    if (shapedRowSize() > 0 && inputSize != shapedRowSize()) {
      throw new IllegalArgumentException("Autoencoder.fit: column '" + getInputCol() + "' holds vectors of "
          + inputSize + " values but inputShape " + java.util.Arrays.toString(getInputShape()) + " needs "
          + shapedRowSize());
    }

    // Read and validate once: the scaling statistics, the skipped-row count, the split and training all see
    // the same rows, even when the input is not deterministic (a sample, an unsorted shuffle, a random UDF).
    JavaRDD<TrainingRow> raw = df.select(columnsToRead()).javaRDD()
        .mapPartitions(new ToTrainingRows(getInputCol(), getTargetCol(), inputSize, outputSize, skip,
            AutoencoderSchema.attributeNames(df.schema().apply(getInputCol()), inputSize)))
        // Spilled, never recomputed, when memory is short: a non-deterministic input read twice could differ.
        .persist(StorageLevel.MEMORY_AND_DISK());
    JavaRDD<TrainingRow> trainRows = null;
    JavaRDD<TrainingRow> validationRows = null;
    try { // every cached RDD is freed however fit ends
      sc.setJobDescription("sparkae fit: reading, validating and measuring '" + getInputCol() + "'");
      ColumnStats stats = SparkErrors.rethrowingBadRows("Autoencoder.fit", () -> ColumnStats.of(raw));
      if (stats.input().count() == 0) {
        throw new IllegalArgumentException("Autoencoder.fit: no rows to train on in column '" + getInputCol() + "' ("
            + (skip ? "every row was invalid and skipped" : "the DataFrame is empty") + ")");
      }
      int workers = getNumWorkers() > 0 ? getNumWorkers() : TrainingPlan.workers(sc.defaultParallelism(),
          stats.input().count(), getBatchSize(), getAveragingFrequency(),
          !isSet(batchSize()) && !isSet(averagingFrequency()));
      ScalingChoice scaling = ScalingChoice.of(this, stats);
      AutoencoderSpec spec = spec(inputSize, outputSize, scaling.outputActivation());
      JavaRDD<TrainingRow> valid = raw.filter(row -> !row.isSkipped()).map(scaling::apply);
      JavaRDD<TrainingRow> train = valid;
      JavaRDD<TrainingRow> validation = null;
      if (getValidationFraction() > 0) {
        JavaRDD<TrainingRow>[] parts = valid.randomSplit(
            new double[] {1 - getValidationFraction(), getValidationFraction()}, getSeed());
        train = parts[0];
        validation = parts[1].persist(StorageLevel.MEMORY_ONLY());
        validationRows = validation;
      }
      // One partition per worker, in an order that does not depend on task placement; cached for all epochs.
      train = WorkerPartitions.spread(train, workers, getSeed()).persist(StorageLevel.MEMORY_ONLY());
      trainRows = train;
      sc.setJobDescription("sparkae fit: reading and validating '" + getInputCol() + "'");
      long numTrain = SparkErrors.rethrowingBadRows("Autoencoder.fit", trainRows::count);
      long numValidation = validationRows == null ? 0 : validationRows.count();
      long numSkipped = stats.skipped();
      if (numTrain == 0) {
        String why = numValidation > 0 ? "all " + numValidation + " rows went to the validation split; lower "
            + "validationFraction (" + getValidationFraction() + ") or give more rows"
            : numSkipped > 0 ? numSkipped + " invalid rows were skipped" : "the DataFrame is empty";
        throw new IllegalArgumentException("Autoencoder.fit: no rows to train on in column '" + getInputCol() + "' ("
            + why + ")");
      }
      if (numSkipped > 0) {
        LOG.warn("Autoencoder.fit skipped {} invalid rows (handleInvalid = 'skip')", numSkipped);
      }
      if ("sigmoid".equals(getOutputActivation())) {
        checkSigmoidRange(stats, scaling);
      }
      if (spec.latentWidth() >= inputSize && "none".equals(getNoiseType())) {
        LOG.warn("Autoencoder.fit: the code ({} values) is not smaller than the input ({}), so the network can "
            + "learn to copy it; use noise (denoising) or a smaller code", spec.latentWidth(), inputSize);
      }
      LOG.info("Autoencoder.fit: {} training rows, {} validation rows, {} workers, input scaling {}, network {}",
          numTrain, numValidation, workers, scaling.method(), spec);

      MultiLayerNetwork net = NetworkFactory.newNetwork(spec);
      TrainingPlan plan = TrainingPlan.of(numTrain, workers, getBatchSize(), isSet(batchSize()),
          getAveragingFrequency(), isSet(averagingFrequency()), getMaxEpochs());
      int workerThreads = ExecutorCores.forWorkers(sc.sc(), workers, plan.batchSize(), spec.numParams(),
          spec.isConvolutional());
      LOG.info("Autoencoder.fit: {} workers ({} ND4J threads each), minibatches of {}, averaging every {}, up to {} "
          + "epochs", plan.workers(), workerThreads, plan.batchSize(), plan.averagingFrequency(), plan.epochs());
      TrainingSettings settings = new TrainingSettings(workers, plan.batchSize(), plan.averagingFrequency(),
          plan.epochs(), getSeed(), noiseKernel(spec.outputActivation()), getPrefetchBatches(), workerThreads);
      long start = System.nanoTime();
      String export = "export".equals(getTrainingApproach()) ? getExportDir() : null;
      TrainingCheckpoint checkpoint = getCheckpointDir().isBlank() ? null
          : new TrainingCheckpoint(getCheckpointDir(), sc.hadoopConfiguration());
      List<EpochStats> epochs = new ParameterAveragingTrainer(settings, export, checkpoint)
          .withEarlyStopping(getEarlyStoppingPatience())
          .withLearningRateDrops(new LearningRateDrops(getLearningRateDrops(), getLearningRateDropFactor()))
          .fit(sc, spec, net, trainRows, numValidation > 0 ? validationRows : null, new ProgressLog());
      double seconds = (System.nanoTime() - start) / 1e9;
      failIfDiverged(epochs, scaling);

      ModelWeights weights = new ModelWeights(spec, net.params().toFloatVector(), null, scaling.input(),
          scaling.label(), errorMeasure(), null);
      if ("residualStd".equals(getErrorScaling())) {
        weights = weights.withResidualStd(residualStd(sc, trainRows, weights));
      }
      boolean latentTerm = getLatentDistanceWeight() > 0 && spec.latentWidth() <= LatentDistance.MAX_WIDTH;
      if (!latentTerm && getLatentDistanceWeight() > 0) {
        LOG.warn("Autoencoder.fit: the code has {} values, more than the {} the outlier score's latent term is "
            + "fitted for; the score is the reconstruction error (latentDistanceWeight 0 on the model)",
            spec.latentWidth(), LatentDistance.MAX_WIDTH);
      }
      ScoredWeights scored = latentTerm ? withLatentTerm(sc, trainRows, weights, numTrain)
          : new ScoredWeights(weights, thresholdAndRate(sc, trainRows, numTrain, weights));
      weights = scored.weights();
      double[] threshold = scored.thresholdAndRate();
      if (!Double.isFinite(threshold[0])) {
        throw diverged("the training rows' outlier scores are not finite (threshold " + threshold[0] + ")",
            scaling);
      }
      AutoencoderSummary summary = new AutoencoderSummary(epochs.stream().map(TrainingEpoch::of).toList(), seconds,
          numTrain, numValidation, numSkipped, workers, plan.batchSize(), plan.averagingFrequency(), threshold[0],
          threshold[1]);
      if (Double.isNaN(summary.finalImprovement())) {
        LOG.warn("Autoencoder.fit: {} epochs are too few to tell whether the loss had levelled off", epochs.size());
      } else if (!summary.levelledOff()) {
        LOG.warn("Autoencoder.fit: the loss was still falling after {} epochs ({} over the last {}): the model "
            + "may be undertrained; raise maxEpochs", summary.numEpochs(),
            String.format("%.1f%%", 100 * summary.finalImprovement()), AutoencoderSummary.lookBack(epochs.size()));
      }
      AutoencoderModel model = new AutoencoderModel(uid, weights, summary);
      copyValues(model, ParamMap.empty());
      model.setThreshold(threshold[0]);
      model.setResolved(spec, scaling.method(), latentTerm ? getLatentDistanceWeight() : 0);
      return model.setParent(this);
    } finally {
      sc.setJobDescription(null);
      if (trainRows != null) {
        trainRows.unpersist(false);
      }
      raw.unpersist(false);
      if (validationRows != null) {
        validationRows.unpersist(false);
      }
    }
  }

  /**
   * A sigmoid output can only reproduce values in [0, 1]: targets outside that range would train a
   * network that is wrong by construction, so this fails early with what to do instead.
   */
  private void checkSigmoidRange(ColumnStats stats, ScalingChoice scaling) {
    double[] range = stats.labelRange(scaling.label());
    if (range[0] < -1e-6 || range[1] > 1 + 1e-6) {
      String column = hasTarget() ? getTargetCol() : getInputCol();
      throw new IllegalArgumentException("Autoencoder.fit: column '" + column + "' has values in [" + range[0] + ", "
          + range[1] + "] after inputScaling '" + scaling.method() + "' but outputActivation 'sigmoid' can only "
          + "reconstruct [0, 1]: set inputScaling to 'minmax', or outputActivation to 'auto' or 'identity'");
    }
  }

  /** A network whose loss became NaN or infinite is useless: fail naming the likely fixes instead of returning it. */
  private void failIfDiverged(List<EpochStats> epochs, ScalingChoice scaling) {
    for (EpochStats e : epochs) {
      if (!Double.isFinite(e.trainLoss())) {
        throw diverged("the training loss became " + e.trainLoss() + " in epoch " + e.epoch(), scaling);
      }
    }
  }

  private IllegalStateException diverged(String what, ScalingChoice scaling) {
    return new IllegalStateException("Autoencoder.fit: training diverged: " + what + ". Lower learningRate (now "
        + getLearningRate() + ")" + ("none".equals(scaling.method()) ? ", or scale the inputs (inputScaling "
        + "'standard' or 'auto'; it is 'none')" : "") + "; no model was returned");
  }

  /** Per-output spread of the training residuals, for errorScaling 'residualStd'. */
  private float[] residualStd(JavaSparkContext sc, JavaRDD<TrainingRow> rows, ModelWeights weights) {
    sc.setJobDescription("sparkae fit: residual spread per output (errorScaling residualStd)");
    Broadcast<ModelWeights> bc = sc.broadcast(weights);
    try {
      return TrainingErrors.residualStd(rows, bc, getBatchSize());
    } finally {
      bc.destroy();
    }
  }

  /** The final weights and, under them, the outlier threshold with the training rows' share above it. */
  private record ScoredWeights(ModelWeights weights, double[] thresholdAndRate) {}

  /**
   * The latent term of the outlier score, fitted on the training rows' codes and errors, then the threshold
   * on the scores it gives: one forward pass over the rows serves both.
   */
  private ScoredWeights withLatentTerm(JavaSparkContext sc, JavaRDD<TrainingRow> rows, ModelWeights weights,
      long numRows) {
    sc.setJobDescription("sparkae fit: the training codes' mean and covariance (latentDistanceWeight)");
    Broadcast<ModelWeights> bc = sc.broadcast(weights);
    JavaRDD<TrainingErrors.ErrorAndCode> errorsAndCodes = TrainingErrors.errorsAndCodes(rows, bc, getBatchSize());
    try {
      ModelWeights withTerm = weights.withLatentDistance(TrainingErrors.latentDistance(errorsAndCodes,
          weights.spec().latentWidth(), getLatentDistanceWeight(), getLatentSupportFraction()));
      sc.setJobDescription("sparkae fit: outlier threshold from the training rows' scores");
      return new ScoredWeights(withTerm, thresholdAndRate(TrainingErrors.scores(errorsAndCodes, withTerm), numRows));
    } finally {
      errorsAndCodes.unpersist(false);
      bc.destroy();
    }
  }

  /** The outlier threshold from the training rows' scores (no latent term): a forward pass over the rows. */
  private double[] thresholdAndRate(JavaSparkContext sc, JavaRDD<TrainingRow> rows, long numRows,
      ModelWeights weights) {
    sc.setJobDescription("sparkae fit: outlier threshold from the training rows' scores");
    Broadcast<ModelWeights> bc = sc.broadcast(weights);
    try {
      return thresholdAndRate(TrainingErrors.scores(rows, bc, getBatchSize()), numRows);
    } finally {
      bc.destroy();
    }
  }

  /** The (1 - contamination) quantile of the training rows' outlier scores, and the share of rows above it. */
  private double[] thresholdAndRate(JavaDoubleRDD scores, long numRows) {
    JavaDoubleRDD cached = scores.persist(StorageLevel.MEMORY_ONLY());
    try {
      double threshold = TrainingErrors.quantile(cached, 1 - getContamination());
      double rate = cached.filter(e -> e > threshold).count() / (double) numRows;
      return new double[] {threshold, rate};
    } finally {
      cached.unpersist(false);
    }
  }

  private org.apache.spark.sql.Column[] columnsToRead() {
    return hasTarget()
        ? new org.apache.spark.sql.Column[] {org.apache.spark.sql.functions.col(getInputCol()),
            org.apache.spark.sql.functions.col(getTargetCol())}
        : new org.apache.spark.sql.Column[] {org.apache.spark.sql.functions.col(getInputCol())};
  }

  /** Vector width from column metadata, else from the first non-null row. */
  private static int sizeOf(Dataset<Row> df, String column) {
    int declared = AutoencoderSchema.declaredSize(df.schema().apply(column));
    if (declared > 0) {
      return declared;
    }
    List<Row> first = df.select(column).where(org.apache.spark.sql.functions.col(column).isNotNull()).limit(1)
        .collectAsList();
    if (first.isEmpty()) {
      throw new IllegalArgumentException("Autoencoder.fit: column '" + column + "' has no non-null rows "
          + "(the DataFrame is empty or every value is null)");
    }
    int size = VectorRows.size(first.get(0), 0);
    if (size <= 0) {
      throw new IllegalArgumentException("Autoencoder.fit: column '" + column + "' holds empty vectors");
    }
    return size;
  }

  NoiseKernel noiseKernel() {
    return noiseKernel(outputActivationBeforeFit());
  }

  private NoiseKernel noiseKernel(String outputActivation) {
    boolean bounded = "sigmoid".equals(outputActivation);
    // Corrupted inputs stay in the data's range when the output is a sigmoid (data in [0, 1]).
    return new NoiseKernel(NoiseKernel.parseType(getNoiseType()), getNoiseLevel(),
        bounded ? 0 : Double.NEGATIVE_INFINITY, bounded ? 1 : Double.POSITIVE_INFINITY);
  }

  @Override
  public Autoencoder copy(ParamMap extra) {
    return (Autoencoder) defaultCopy(extra);
  }

  public static MLReader<Autoencoder> read() {
    return StageIO.paramsReader(Autoencoder.class);
  }

  public static Autoencoder load(String path) {
    return read().load(path);
  }

  /** Rows (input[, target]) to validated TrainingRows; invalid rows fail or are dropped. */
  private record ToTrainingRows(String inputCol, String targetCol, int inputSize, int outputSize, boolean skip,
      String[] inputNames)
      implements org.apache.spark.api.java.function.FlatMapFunction<Iterator<Row>, TrainingRow> {
    @Override
    public Iterator<TrainingRow> call(Iterator<Row> rows) {
      boolean hasTarget = !targetCol.isEmpty();
      return new org.sparkae.io.FilteringIterator<>(rows, row -> {
        try {
          float[] input = VectorRows.readFloats(row, 0, inputCol, inputSize, inputNames);
          float[] target = hasTarget ? VectorRows.readFloats(row, 1, targetCol, outputSize) : null;
          return new TrainingRow(input, target);
        } catch (InvalidRowException e) {
          if (skip) {
            return TrainingRow.SKIPPED; // counted by ColumnStats, then dropped
          }
          throw new InvalidRowException(e.getMessage()
              + " (handleInvalid = 'error'; set it to 'skip' to drop such rows)");
        }
      });
    }
  }
}
