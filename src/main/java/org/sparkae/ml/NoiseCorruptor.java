package org.sparkae.ml;

import java.util.SplittableRandom;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.sparkae.data.VectorRows;
import org.sparkae.train.NoiseKernel;
import org.sparkae.train.Seeds;

/**
 * Corrupts a vector column with gaussian, masking or salt-and-pepper noise (see {@link NoiseKernel}).
 *
 * <p>The noise of a row depends only on {@code seed} and the row's values, never on partitioning or
 * order, so the output is reproducible. In a Pipeline the corruption is therefore fixed at fit time
 * and applied again at scoring: right for robustness and denoising evaluation. For training a
 * denoising autoencoder with fresh noise every epoch and clean inputs at scoring, prefer the
 * Autoencoder's own {@code noiseType}/{@code noiseLevel}. Null rows stay null.
 */
public class NoiseCorruptor extends Transformer implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final Param<String> inputCol;
  private final Param<String> outputCol;
  private final Param<String> noiseType;
  private final DoubleParam noiseLevel;
  private final DoubleParam clipMin;
  private final DoubleParam clipMax;
  private final LongParam seed;

  public NoiseCorruptor(String uid) {
    this.uid = uid;
    inputCol = new Param<>(this, "inputCol", "input column: Vector, array<double> or array<float>");
    outputCol = new Param<>(this, "outputCol", "output column for the corrupted Vector");
    noiseType = ParamRegistry.choice(this, "noiseType", "kind of corruption",
        new String[] {"gaussian", "masking", "saltpepper"});
    noiseLevel = new DoubleParam(this, "noiseLevel",
        "gaussian: standard deviation; masking and saltpepper: fraction of entries corrupted (>= 0; <= 1 for fractions)",
        ParamValidators.gtEq(0));
    clipMin = new DoubleParam(this, "clipMin", "lower bound of corrupted values, and the 'pepper' value (not NaN)",
        ParamChecks.notNaN());
    clipMax = new DoubleParam(this, "clipMax",
        "upper bound of corrupted values, and the 'salt' value (> clipMin, not NaN)", ParamChecks.notNaN());
    seed = new LongParam(this, "seed", "random seed; with the row's values it fixes the row's noise");
    setDefault(inputCol, "features");
    setDefault(outputCol, "noisy");
    setDefault(noiseType, "gaussian");
    setDefault(noiseLevel, 0.1);
    setDefault(clipMin, 0.0);
    setDefault(clipMax, 1.0);
    setDefault(seed, (long) NoiseCorruptor.class.getName().hashCode());
  }

  public NoiseCorruptor() {
    this(Identifiable.randomUID("noiseCorruptor"));
  }

  @Override
  public String uid() {
    return uid;
  }

  public Param<String> inputCol() { return inputCol; }
  public Param<String> outputCol() { return outputCol; }
  public Param<String> noiseType() { return noiseType; }
  public DoubleParam noiseLevel() { return noiseLevel; }
  public DoubleParam clipMin() { return clipMin; }
  public DoubleParam clipMax() { return clipMax; }
  public LongParam seed() { return seed; }

  public String getInputCol() { return getOrDefault(inputCol); }
  public String getOutputCol() { return getOrDefault(outputCol); }
  public String getNoiseType() { return getOrDefault(noiseType); }
  public double getNoiseLevel() { return (Double) getOrDefault(noiseLevel); }
  public double getClipMin() { return (Double) getOrDefault(clipMin); }
  public double getClipMax() { return (Double) getOrDefault(clipMax); }
  public long getSeed() { return (Long) getOrDefault(seed); }

  public NoiseCorruptor setInputCol(String value) { set(inputCol, value); return this; }
  public NoiseCorruptor setOutputCol(String value) { set(outputCol, value); return this; }
  public NoiseCorruptor setNoiseType(String value) { set(noiseType, value); return this; }
  public NoiseCorruptor setNoiseLevel(double value) { set(noiseLevel, value); return this; }
  public NoiseCorruptor setClipMin(double value) { set(clipMin, value); return this; }
  public NoiseCorruptor setClipMax(double value) { set(clipMax, value); return this; }
  public NoiseCorruptor setSeed(long value) { set(seed, value); return this; }

  NoiseKernel kernel() {
    return new NoiseKernel(NoiseKernel.parseType(getNoiseType()), getNoiseLevel(), getClipMin(), getClipMax());
  }

  @Override
  public StructType transformSchema(StructType schema) {
    kernel(); // cross-param checks: level <= 1 for fractions, clipMin < clipMax
    StructField input = VectorRows.requireVectorColumn(schema, getInputCol(), "inputCol");
    if (java.util.List.of(schema.fieldNames()).contains(getOutputCol())) {
      throw new IllegalArgumentException("outputCol column '" + getOutputCol() + "' already exists in the input");
    }
    int size = AutoencoderSchema.declaredSize(input);
    // Nullable either way: a null input row gives a null output row.
    org.apache.spark.sql.types.Metadata metadata = size > 0
        ? new AttributeGroup(getOutputCol(), size).toStructField().metadata()
        : org.apache.spark.sql.types.Metadata.empty();
    return schema.add(DataTypes.createStructField(getOutputCol(), new VectorUDT(), true, metadata));
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    StructType outSchema = transformSchema(dataset.schema(), true);
    Column in = dataset.col(getInputCol());
    if (dataset.schema().apply(getInputCol()).dataType() instanceof ArrayType) {
      in = org.apache.spark.ml.functions.array_to_vector(in.cast("array<double>"));
    }
    Column corrupted = org.apache.spark.sql.functions.udf(new CorruptVector(kernel(), getSeed()), new VectorUDT())
        .apply(in);
    StructField out = outSchema.apply(getOutputCol());
    return dataset.withColumn(getOutputCol(), corrupted.as(getOutputCol(), out.metadata()));
  }

  @Override
  public NoiseCorruptor copy(ParamMap extra) {
    return (NoiseCorruptor) defaultCopy(extra);
  }

  public static MLReader<NoiseCorruptor> read() {
    return StageIO.paramsReader(NoiseCorruptor.class);
  }

  public static NoiseCorruptor load(String path) {
    return read().load(path);
  }

  /** The per-row corruption, seeded from (seed, the row's values). */
  private record CorruptVector(NoiseKernel kernel, long seed) implements UDF1<Vector, Vector> {
    @Override
    public Vector call(Vector v) {
      if (v == null) {
        return null;
      }
      double[] values = v.toArray();
      long h = values.length;
      for (double x : values) {
        h = 31 * h + Double.doubleToLongBits(x);
      }
      SplittableRandom rng = new SplittableRandom(Seeds.mix(seed, h));
      double[] out = new double[values.length];
      for (int i = 0; i < values.length; i++) {
        out[i] = kernel.corrupt(values[i], rng);
      }
      return Vectors.dense(out);
    }
  }
}
