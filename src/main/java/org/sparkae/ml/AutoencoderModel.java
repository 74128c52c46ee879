package org.sparkae.ml;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.sparkae.io.FloatArrayFile;
import org.sparkae.nn.AutoencoderSpec;
import org.sparkae.nn.FeatureScaling;
import org.sparkae.nn.LatentDistance;
import org.sparkae.nn.ModelWeights;
import org.sparkae.score.PartitionScorer;
import org.sparkae.score.ScoringColumns;
import org.sparkae.serialization.KryoSetup;

/**
 * A trained autoencoder. {@link #transform} appends, per row: {@code latentCol} (Vector of
 * latentSize), {@code reconstructionCol} (Vector), {@code errorCol} (Double, the row's mean squared
 * error against targetCol when set, else against its input; each output scaled first with
 * errorScaling 'residualStd'), {@code outlierScoreCol} (Double: z(error) + latentDistanceWeight x z(how far
 * the code lies from the training codes), or the error when that weight is 0) and {@code outlierCol}
 * (Boolean: score &gt; threshold, or a NaN score). An output column named "" is left out. Parameters are
 * broadcast once and each partition is scored in minibatches; streaming DataFrames work too.
 */
public class AutoencoderModel extends Model<AutoencoderModel> implements AutoencoderParams, MLWritable {
  private static final long serialVersionUID = 1L;
  /** The version of the saved layout: metadata, data/model.json, data/params.bin, data/summary.json. */
  static final int FORMAT = 1;
  static final String PARAMS_FILE = "params.bin";

  private final String uid;
  private final ParamRegistry paramRegistry;
  private final DoubleParam threshold;
  private final ModelWeights weights;
  private final AutoencoderSummary summary;
  private final SharedBroadcast broadcast;

  AutoencoderModel(String uid, ModelWeights weights, AutoencoderSummary summary) {
    this(uid, weights, summary, new SharedBroadcast());
  }

  private AutoencoderModel(String uid, ModelWeights weights, AutoencoderSummary summary, SharedBroadcast broadcast) {
    this.uid = uid;
    this.broadcast = broadcast;
    this.paramRegistry = new ParamRegistry(this);
    this.threshold = new DoubleParam(this, "threshold",
        "outlier score above which a row is flagged as an outlier (learned at fit from contamination; "
            + "not NaN); a row whose score is NaN is flagged too", ParamChecks.notNaN());
    setDefault(threshold, Double.POSITIVE_INFINITY);
    this.weights = weights;
    this.summary = summary;
    params(); // every param exists, with its default, before anything reads or saves the defaults
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


  public DoubleParam threshold() { return threshold; }

  public double getThreshold() { return (Double) getOrDefault(threshold); }

  // Only what scoring reads can change on a fitted model; the architecture is fixed.
  public AutoencoderModel setThreshold(double value) { set(threshold, value); return this; }
  public AutoencoderModel setInputCol(String value) { set(inputCol(), value); return this; }
  public AutoencoderModel setTargetCol(String value) { set(targetCol(), value); return this; }
  public AutoencoderModel setLatentCol(String value) { set(latentCol(), value); return this; }
  public AutoencoderModel setLatentLogVarCol(String value) { set(latentLogVarCol(), value); return this; }
  public AutoencoderModel setReconstructionCol(String value) { set(reconstructionCol(), value); return this; }
  public AutoencoderModel setErrorCol(String value) { set(errorCol(), value); return this; }
  public AutoencoderModel setOutlierCol(String value) { set(outlierCol(), value); return this; }
  public AutoencoderModel setOutlierScoreCol(String value) { set(outlierScoreCol(), value); return this; }
  public AutoencoderModel setLatentDistanceCol(String value) { set(latentDistanceCol(), value); return this; }
  public AutoencoderModel setFeatureErrorsCol(String value) { set(featureErrorsCol(), value); return this; }
  public AutoencoderModel setExplanationCol(String value) { set(explanationCol(), value); return this; }
  public AutoencoderModel setExplanationTopK(int value) { set(explanationTopK(), value); return this; }
  public AutoencoderModel setBatchSize(int value) { set(batchSize(), value); return this; }
  public AutoencoderModel setHandleInvalid(String value) { set(handleInvalid(), value); return this; }

  /**
   * What fit chose for the 'auto' settings, so the model reports (and reloads) the real ones; the latent
   * distance weight is 0 when the code was too wide for the latent term.
   */
  void setResolved(AutoencoderSpec spec, String inputScaling, double latentDistanceWeight) {
    set(outputActivation(), spec.outputActivation());
    if (!spec.isConvolutional()) {
      set(encoderLayers(), spec.encoderLayers());
      set(latentSize(), spec.latentSize());
    }
    set(inputScaling(), inputScaling);
    if (latentDistanceWeight != getLatentDistanceWeight()) {
      set(latentDistanceWeight(), latentDistanceWeight);
    }
  }

  /** The scaling applied to input rows before the network (null: none). */
  public FeatureScaling learnedInputScaling() {
    return weights.inputScaling();
  }

  /** The network's architecture (input and output sizes included). */
  public AutoencoderSpec networkSpec() {
    return weights.spec();
  }

  /** A copy of the trained parameters as one flat vector (DL4J's layout). */
  public float[] parameters() {
    return weights.params().clone();
  }

  /**
   * With errorScaling 'residualStd': the standard deviation of each output's residual on the training
   * rows, which scales that output's share of the error (a copy); empty otherwise.
   */
  public float[] residualStd() {
    return weights.residualStd() == null ? new float[0] : weights.residualStd().clone();
  }

  /** The latent term of the outlier score learned at fit (null when latentDistanceWeight is 0). */
  public LatentDistance latentDistance() {
    return weights.latentDistance();
  }

  /**
   * The output column the threshold applies to: outlierScoreCol, else errorCol when the score is the error
   * (latentDistanceWeight 0); "" when transform produces neither.
   */
  public String outlierScoreColumn() {
    if (!getOutlierScoreCol().isEmpty()) {
      return getOutlierScoreCol();
    }
    return weights.latentDistance() == null ? getErrorCol() : "";
  }

  public int numFeatures() {
    return weights.spec().inputSize();
  }

  public boolean hasSummary() {
    return summary != null;
  }

  /** What training measured. */
  public AutoencoderSummary summary() {
    if (summary == null) {
      throw new IllegalStateException("no training summary is available for AutoencoderModel " + uid);
    }
    return summary;
  }

  // ---- transform -------------------------------------------------------------------------------
  @Override
  public StructType transformSchema(StructType schema) {
    boolean scaled = weights.residualStd() != null;
    if (scaled != "residualStd".equals(getErrorScaling())) {
      // The threshold was learned on the fit's errors; scoring another kind would flag the wrong rows.
      throw new IllegalArgumentException("errorScaling is fixed at fit: this model was fitted with '"
          + (scaled ? "residualStd" : "none") + "', not '" + getErrorScaling() + "'");
    }
    double fittedWeight = weights.latentDistance() == null ? 0 : weights.latentDistance().weight();
    if (fittedWeight != getLatentDistanceWeight()) {
      throw new IllegalArgumentException("latentDistanceWeight is fixed at fit (the threshold was learned on the "
          + "score it weighs): this model was fitted with " + fittedWeight + ", not " + getLatentDistanceWeight());
    }
    if (!java.util.Objects.equals(weights.errorMeasure(), errorMeasure())) {
      throw new IllegalArgumentException("variationalScore and variationalSamples are fixed at fit: this model was "
          + "fitted with " + (weights.errorMeasure() == null ? "reconstructionError" : weights.errorMeasure()));
    }
    return AutoencoderSchema.validateAndTransform(this, schema, weights.spec().inputSize(),
        weights.spec().outputSize());
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    StructType outSchema = transformSchema(dataset.schema(), true);
    KryoSetup.check(dataset.sparkSession().sparkContext().conf(), "AutoencoderModel.transform");
    StructType in = dataset.schema();
    boolean explain = !getExplanationCol().isEmpty();
    ScoringColumns columns = new ScoringColumns(
        in.fieldIndex(getInputCol()), getInputCol(),
        hasTarget() ? in.fieldIndex(getTargetCol()) : -1, getTargetCol(),
        !getLatentCol().isEmpty(), !getReconstructionCol().isEmpty(), !getErrorCol().isEmpty(),
        !getOutlierCol().isEmpty(), !getFeatureErrorsCol().isEmpty(), explain ? getExplanationTopK() : 0,
        explain ? AutoencoderSchema.featureNames(in.apply(hasTarget() ? getTargetCol() : getInputCol()),
            weights.spec().outputSize()) : null,
        AutoencoderSchema.attributeNames(in.apply(getInputCol()), weights.spec().inputSize()),
        !getLatentLogVarCol().isEmpty(), !getOutlierScoreCol().isEmpty(), !getLatentDistanceCol().isEmpty());
    PartitionScorer scorer = new PartitionScorer(broadcastWeights(dataset.sparkSession()), columns, getThreshold(),
        getBatchSize(), "skip".equals(getHandleInvalid()));
    return SchemaMetadata.restore(dataset.toDF().mapPartitions(scorer, Encoders.row(outSchema)), outSchema);
  }

  /**
   * The decoder of this model as a Transformer: codes in {@code inputCol} (by default this model's
   * latentCol) to rows in the data's units in {@code outputCol} ("decoded").
   */
  public AutoencoderDecoder decoder() {
    AutoencoderDecoder decoder = new AutoencoderDecoder(
        org.apache.spark.ml.util.Identifiable$.MODULE$.randomUID("autoencoderDecoder"), this);
    return getLatentCol().isEmpty() ? decoder : decoder.setInputCol(getLatentCol());
  }

  /**
   * {@code n} rows generated by a variational model: codes drawn from its prior N(0, I) (column
   * "code", reproducible from {@code seed} and the row's "id"), decoded into "sample".
   *
   * @throws IllegalStateException for a plain autoencoder, whose codes have no prior to draw from
   */
  public Dataset<Row> sample(SparkSession spark, long n, long seed) {
    if (!weights.spec().variational()) {
      throw new IllegalStateException("sample draws codes from the N(0, I) prior of a variational model; this model "
          + "is a plain autoencoder (fit one with variational = true, or decode codes of your own with decoder())");
    }
    if (n < 0) {
      throw new IllegalArgumentException("sample: n must be >= 0, got " + n);
    }
    org.apache.spark.sql.Column code = org.apache.spark.sql.functions.udf(
        new org.sparkae.score.PriorDraw(seed, weights.spec().latentWidth()), new org.apache.spark.ml.linalg.VectorUDT())
        .apply(org.apache.spark.sql.functions.col("id"));
    return decoder().setInputCol("code").setOutputCol("sample").transform(spark.range(n).withColumn("code", code));
  }

  /** The weights as broadcast to {@code spark}'s executors: one broadcast per model and session, copies included. */
  Broadcast<ModelWeights> broadcastWeights(SparkSession spark) {
    return broadcast.get(spark.sparkContext(), weights);
  }

  /**
   * The broadcast of a model's weights, shared by the model and its copies (a pipeline, a
   * CrossValidator and setters all copy models) so the weights are shipped once. It is broadcast again
   * when the session is a new one (ids restart in a new SparkContext) and is never Java-serialized;
   * Spark's ContextCleaner frees it once the model and its copies are gone.
   */
  private static final class SharedBroadcast implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private transient Broadcast<ModelWeights> value;
    private transient org.apache.spark.SparkContext owner;

    synchronized Broadcast<ModelWeights> get(org.apache.spark.SparkContext sc, ModelWeights weights) {
      if (value == null || owner != sc || !value.isValid()) {
        value = sc.broadcast(weights, scala.reflect.ClassTag$.MODULE$.apply(ModelWeights.class));
        owner = sc;
      }
      return value;
    }
  }

  @Override
  public AutoencoderModel copy(ParamMap extra) {
    AutoencoderModel copy = new AutoencoderModel(uid, weights, summary, broadcast);
    return copyValues(copy, extra).setParent(parent());
  }

  // ---- persistence -----------------------------------------------------------------------------
  @Override
  public MLWriter write() {
    return new Writer(this);
  }

  public static MLReader<AutoencoderModel> read() {
    return new Reader();
  }

  public static AutoencoderModel load(String path) {
    return read().load(path);
  }

  /**
   * data/model.json: what the parameter file must match, the training residuals' spread per output
   * when errorScaling is 'residualStd' (absent otherwise, and in models saved before it existed), the
   * scalings, and the latent term of the outlier score (absent with latentDistanceWeight 0).
   */
  record ModelData(int format, int inputSize, int outputSize, long numParams, String paramsSha256,
      float[] residualStd, FeatureScaling inputScaling, FeatureScaling outputScaling,
      LatentDistance latentDistance) {}

  static final class Writer extends MLWriter {
    private final AutoencoderModel model;

    Writer(AutoencoderModel model) {
      this.model = model;
    }

    @Override
    public void save(String path) throws IOException {
      StageIO.saveAtomically(path, shouldOverwrite(), sc(), this::saveImpl);
    }

    @Override
    public void saveImpl(String path) {
      try {
        StageIO.saveMetadata(model, path, sc());
        Configuration conf = sc().hadoopConfiguration();
        Path data = new Path(path, "data");
        String sha = FloatArrayFile.write(conf, new Path(data, PARAMS_FILE), model.weights.params());
        AutoencoderSpec spec = model.weights.spec();
        StageIO.writeJson(conf, new Path(data, "model.json"),
            new ModelData(FORMAT, spec.inputSize(), spec.outputSize(), spec.numParams(), sha,
                model.weights.residualStd(), model.weights.inputScaling(), model.weights.outputScaling(),
                model.weights.latentDistance()));
        if (model.summary != null) {
          StageIO.writeJson(conf, new Path(data, "summary.json"), model.summary);
        }
      } catch (IOException e) {
        throw new java.io.UncheckedIOException("could not save AutoencoderModel to " + path + ": " + e.getMessage(), e);
      }
    }
  }

  static final class Reader extends MLReader<AutoencoderModel> {
    @Override
    public AutoencoderModel load(String path) {
      DefaultParamsReader.Metadata metadata = StageIO.loadMetadata(path, sc(), AutoencoderModel.class);
      Configuration conf = sc().hadoopConfiguration();
      Path data = new Path(path, "data");
      try {
        ModelData modelData = StageIO.readJson(conf, new Path(data, "model.json"), ModelData.class);
        if (modelData.format() != FORMAT) {
          throw new IOException("unsupported model format " + modelData.format() + " (this version reads "
              + FORMAT + ")");
        }
        // Rebuild the spec from the saved params, then check the data files agree with it.
        AutoencoderModel shell = new AutoencoderModel(metadata.uid(), null, null);
        StageIO.restoreParams(metadata, shell);
        AutoencoderSpec spec = shell.spec(modelData.inputSize(), modelData.outputSize());
        if (spec.numParams() != modelData.numParams()) {
          throw new IOException("model.json says " + modelData.numParams() + " parameters but the saved params "
              + "describe a network with " + spec.numParams());
        }
        float[] params = FloatArrayFile.read(conf, new Path(data, PARAMS_FILE), spec.numParams(),
            modelData.paramsSha256());
        Path summaryFile = new Path(data, "summary.json");
        AutoencoderSummary summary = summaryFile.getFileSystem(conf).exists(summaryFile)
            ? StageIO.readJson(conf, summaryFile, AutoencoderSummary.class) : null;
        boolean scaled = "residualStd".equals(shell.getErrorScaling());
        if (scaled != (modelData.residualStd() != null)) {
          throw new IOException("errorScaling is '" + shell.getErrorScaling() + "' but model.json "
              + (scaled ? "has no" : "has a") + " residualStd");
        }
        AutoencoderModel model = new AutoencoderModel(metadata.uid(),
            new ModelWeights(spec, params, modelData.residualStd(), modelData.inputScaling(),
                modelData.outputScaling(), shell.errorMeasure(), modelData.latentDistance()), summary);
        StageIO.restoreParams(metadata, model);
        if (modelData.latentDistance() == null && !model.isSet(model.latentDistanceWeight())) {
          // Saved before the outlier score had a latent term: its score is its error.
          model.set(model.latentDistanceWeight(), 0.0);
        }
        if (modelData.latentDistance() != null && !StageIO.recorded(metadata, "latentSupportFraction")) {
          // Saved before the latent term had a robust support: it was fitted on every training code.
          model.set(model.latentSupportFraction(), 1.0);
        }
        return model;
      } catch (IOException e) {
        throw new IllegalArgumentException("could not load AutoencoderModel from " + path + ": " + e.getMessage(), e);
      }
    }
  }

  @Override
  public String toString() {
    return "AutoencoderModel: uid=" + uid + ", network=" + weights.spec() + ", threshold=" + getThreshold()
        + ", numParams=" + weights.spec().numParams();
  }
}
