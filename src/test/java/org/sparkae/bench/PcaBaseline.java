package org.sparkae.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.PCA;
import org.apache.spark.ml.feature.PCAModel;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.linalg.DenseMatrix;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.stat.Summarizer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.sparkae.nn.ModelWeights;

/**
 * The linear baseline: MLlib PCA with k components on mean-centred features (MLlib's PCAModel does
 * not centre by itself). Gives the k-dim codes and each row's mean squared reconstruction error,
 * ||c||^2 - ||P^T c||^2 over the dimension, for centred row c and orthonormal components P; and,
 * after {@link #withResidualScaling}, the error the stage's errorScaling 'residualStd' computes.
 */
final class PcaBaseline {
  static final String CODES = "pcaCodes";
  static final String ERROR = "pcaError";
  static final String SCALED_ERROR = "pcaScaledError";
  private static final String CENTRED = "pcaCentred";
  private static final String RESIDUAL = "pcaResidual";

  private final PipelineModel model;
  /** Per-output factors 1 / (s_j + mean s), as the stage's ({@link ModelWeights#errorScale}); null until measured. */
  private final float[] errorScale;

  private PcaBaseline(PipelineModel model, float[] errorScale) {
    this.model = model;
    this.errorScale = errorScale;
  }

  static PcaBaseline fit(Dataset<Row> train, String featuresCol, int k) {
    Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
        new StandardScaler().setInputCol(featuresCol).setOutputCol(CENTRED).setWithMean(true).setWithStd(false),
        new PCA().setInputCol(CENTRED).setOutputCol(CODES).setK(k)});
    return new PcaBaseline(pipeline.fit(train), null);
  }

  /**
   * The same model, also scoring {@link #SCALED_ERROR}: each output's residual divided by (s_j + mean s), s_j the
   * population standard deviation of that output's residual over {@code train}, as the autoencoder stage does with
   * errorScaling 'residualStd', so the one-class baseline can be compared with the same scoring.
   */
  PcaBaseline withResidualScaling(Dataset<Row> train) {
    Row stats = residuals(train).select(Summarizer.metrics("count", "variance").summary(col(RESIDUAL)).as("s"))
        .select("s.count", "s.variance").first();
    long n = stats.getLong(0);
    double[] variance = ((Vector) stats.get(1)).toArray();
    float[] std = new float[variance.length];
    for (int j = 0; j < std.length; j++) { // Summarizer's variance is the sample one; the stage uses the population's
      std[j] = (float) Math.sqrt(Math.max(0, variance[j] * (n - 1) / n));
    }
    return new PcaBaseline(model, ModelWeights.errorScale(std));
  }

  /** Each row's residual P P^T c - c. */
  private Dataset<Row> residuals(Dataset<Row> df) {
    DenseMatrix pc = components();
    UserDefinedFunction residual = udf((UDF2<Vector, Vector, Vector>) (centred, codes) ->
        Vectors.dense(residual(pc, centred, codes)), new VectorUDT());
    return model.transform(df).withColumn(RESIDUAL, residual.apply(col(CENTRED), col(CODES)));
  }

  private DenseMatrix components() {
    return ((PCAModel) model.stages()[1]).pc();
  }

  private static double[] residual(DenseMatrix pc, Vector centred, Vector codes) {
    double[] r = pc.multiply(codes).toArray();
    for (int j = 0; j < r.length; j++) {
      r[j] -= centred.apply(j);
    }
    return r;
  }

  /** Adds {@link #CODES} and {@link #ERROR} (and {@link #SCALED_ERROR} once scaling is measured). */
  Dataset<Row> transform(Dataset<Row> df) {
    UserDefinedFunction error = udf((UDF2<Vector, Vector, Double>) (centred, codes) -> {
      double all = 0;
      for (double v : centred.toArray()) {
        all += v * v;
      }
      double kept = 0;
      for (double v : codes.toArray()) {
        kept += v * v;
      }
      return Math.max(0, all - kept) / centred.size();
    }, DataTypes.DoubleType);
    Dataset<Row> scored = model.transform(df).withColumn(ERROR, error.apply(col(CENTRED), col(CODES)));
    if (errorScale != null) {
      DenseMatrix pc = components();
      float[] scale = errorScale;
      UserDefinedFunction scaledError = udf((UDF2<Vector, Vector, Double>) (centred, codes) -> {
        double[] r = residual(pc, centred, codes);
        double sum = 0;
        for (int j = 0; j < r.length; j++) {
          double v = r[j] * scale[j];
          sum += v * v;
        }
        return sum / r.length;
      }, DataTypes.DoubleType);
      scored = scored.withColumn(SCALED_ERROR, scaledError.apply(col(CENTRED), col(CODES)));
    }
    return scored.drop(CENTRED);
  }
}
