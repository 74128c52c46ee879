package org.sparkae.bench;

import static org.apache.spark.sql.functions.callUDF;
import static org.apache.spark.sql.functions.col;

import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.PCA;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.types.DataTypes;

/**
 * The linear baseline: MLlib PCA with k components on mean-centred features (MLlib's PCAModel does
 * not centre by itself). Gives the k-dim codes and each row's mean squared reconstruction error,
 * ||c||^2 - ||P^T c||^2 over the dimension, for centred row c and orthonormal components P.
 */
final class PcaBaseline {
  static final String CODES = "pcaCodes";
  static final String ERROR = "pcaError";
  private static final String CENTRED = "pcaCentred";

  private final PipelineModel model;

  private PcaBaseline(PipelineModel model) {
    this.model = model;
  }

  static PcaBaseline fit(Dataset<Row> train, String featuresCol, int k) {
    Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
        new StandardScaler().setInputCol(featuresCol).setOutputCol(CENTRED).setWithMean(true).setWithStd(false),
        new PCA().setInputCol(CENTRED).setOutputCol(CODES).setK(k)});
    return new PcaBaseline(pipeline.fit(train));
  }

  /** Adds {@link #CODES} and {@link #ERROR}. */
  Dataset<Row> transform(Dataset<Row> df) {
    df.sparkSession().udf().register("sparkaePcaError", (UDF2<Vector, Vector, Double>) (centred, codes) -> {
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
    return model.transform(df).withColumn(ERROR, callUDF("sparkaePcaError", col(CENTRED), col(CODES)))
        .drop(CENTRED);
  }
}
