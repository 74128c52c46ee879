package org.sparkae.ml;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.sparkae.data.VectorRows;
import org.sparkae.score.PartitionDecoder;
import org.sparkae.serialization.KryoSetup;

/**
 * The decoder half of a fitted {@link AutoencoderModel}: maps a column of codes (Vectors of the
 * model's latent width) to rows in the data's own units, appended as {@code outputCol}. Codes may come
 * from the model's {@code latentCol}, from interpolating or editing them, or from a variational model's
 * prior ({@link AutoencoderModel#sample}). Saved with its model, loaded like any stage.
 */
public class AutoencoderDecoder extends Transformer implements MLWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final AutoencoderModel model;
  private final Param<String> inputCol;
  private final Param<String> outputCol;
  private final IntParam batchSize;

  AutoencoderDecoder(String uid, AutoencoderModel model) {
    this.uid = uid;
    this.model = model;
    inputCol = new Param<>(this, "inputCol", "column of codes: Vectors of the model's latent width");
    outputCol = new Param<>(this, "outputCol", "output column for the decoded rows (Vector of the model's output "
        + "size, in the data's units)");
    batchSize = new IntParam(this, "batchSize", "codes decoded per minibatch (> 0)", ParamValidators.gt(0));
    setDefault(inputCol, "latent");
    setDefault(outputCol, "decoded");
    setDefault(batchSize, 128);
  }

  @Override
  public String uid() {
    return uid;
  }

  public Param<String> inputCol() { return inputCol; }
  public Param<String> outputCol() { return outputCol; }
  public IntParam batchSize() { return batchSize; }

  public String getInputCol() { return getOrDefault(inputCol); }
  public String getOutputCol() { return getOrDefault(outputCol); }
  public int getBatchSize() { return (Integer) getOrDefault(batchSize); }

  public AutoencoderDecoder setInputCol(String value) { set(inputCol, value); return this; }
  public AutoencoderDecoder setOutputCol(String value) { set(outputCol, value); return this; }
  public AutoencoderDecoder setBatchSize(int value) { set(batchSize, value); return this; }

  /** The model whose decoder this is. */
  public AutoencoderModel model() {
    return model;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    StructField codes = VectorRows.requireVectorColumn(schema, getInputCol(), "inputCol");
    int width = model.networkSpec().latentWidth();
    int declared = AutoencoderSchema.declaredSize(codes);
    if (declared > 0 && declared != width) {
      throw new IllegalArgumentException("inputCol column '" + getInputCol() + "' holds codes of size " + declared
          + " but the model's code has " + width + " values");
    }
    if (java.util.List.of(schema.fieldNames()).contains(getOutputCol())) {
      throw new IllegalArgumentException("outputCol column '" + getOutputCol() + "' already exists in the input; "
          + "choose another name");
    }
    return schema.add(new AttributeGroup(getOutputCol(), model.networkSpec().outputSize()).toStructField());
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    StructType outSchema = transformSchema(dataset.schema(), true);
    KryoSetup.check(dataset.sparkSession().sparkContext().conf(), "AutoencoderDecoder.transform");
    PartitionDecoder decoder = new PartitionDecoder(model.broadcastWeights(dataset.sparkSession()),
        dataset.schema().fieldIndex(getInputCol()), getInputCol(), getBatchSize());
    return SchemaMetadata.restore(dataset.toDF().mapPartitions(decoder, Encoders.row(outSchema)), outSchema);
  }

  /**
   * {@code steps} codes evenly spaced on the straight line from {@code from} to {@code to} (both included), in
   * {@code inputCol}, decoded into {@code outputCol}: how the model's rows change between two codes (for a
   * variational model, a walk between two rows' {@code latentCol} means).
   */
  public Dataset<Row> interpolate(SparkSession spark, Vector from, Vector to, int steps) {
    if (steps < 2) {
      throw new IllegalArgumentException("AutoencoderDecoder.interpolate: steps must be >= 2 (both ends), got " + steps);
    }
    if (from.size() != to.size()) {
      throw new IllegalArgumentException("AutoencoderDecoder.interpolate: the codes differ in size (" + from.size()
          + " and " + to.size() + ")");
    }
    double[] a = from.toArray();
    double[] b = to.toArray();
    List<Row> path = new ArrayList<>(steps);
    for (int i = 0; i < steps; i++) {
      double t = i / (steps - 1.0);
      double[] code = new double[a.length];
      for (int k = 0; k < a.length; k++) {
        code[k] = (1 - t) * a[k] + t * b[k];
      }
      path.add(RowFactory.create(Vectors.dense(code)));
    }
    return transform(spark.createDataFrame(path, new StructType().add(getInputCol(), new VectorUDT(), false)));
  }

  @Override
  public AutoencoderDecoder copy(ParamMap extra) {
    return copyValues(new AutoencoderDecoder(uid, model), extra);
  }

  // ---- persistence: the params, and the model under model/ ------------------------------------
  @Override
  public MLWriter write() {
    return new MLWriter() {
      @Override
      public void save(String path) throws IOException {
        StageIO.saveAtomically(path, shouldOverwrite(), sc(), this::saveImpl);
      }

      @Override
      public void saveImpl(String path) {
        StageIO.saveMetadata(AutoencoderDecoder.this, path, sc());
        new AutoencoderModel.Writer(model).saveImpl(new Path(path, "model").toString());
      }
    };
  }

  public static MLReader<AutoencoderDecoder> read() {
    return new MLReader<>() {
      @Override
      public AutoencoderDecoder load(String path) {
        DefaultParamsReader.Metadata metadata = StageIO.loadMetadata(path, sc(), AutoencoderDecoder.class);
        AutoencoderModel model = AutoencoderModel.load(new Path(path, "model").toString());
        AutoencoderDecoder decoder = new AutoencoderDecoder(metadata.uid(), model);
        StageIO.restoreParams(metadata, decoder);
        return decoder;
      }
    };
  }

  public static AutoencoderDecoder load(String path) {
    return read().load(path);
  }
}
