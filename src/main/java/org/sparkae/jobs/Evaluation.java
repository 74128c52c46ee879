package org.sparkae.jobs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.mllib.evaluation.BinaryClassificationMetrics;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.sparkae.ml.AutoencoderModel;
import scala.Tuple2;

/** Metrics of a scored DataFrame: errors and outliers, classifier accuracy/F1, AUROC of the outlier score. */
final class Evaluation {
  private Evaluation() {}

  /** Fills {@code metrics} and returns the ROC curve points when an outlier label is configured (else null). */
  static double[][] evaluate(Dataset<Row> scored, AutoencoderModel ae, JobConfig c, Map<String, Object> metrics) {
    String error = ae.getErrorCol();
    String outlier = ae.getOutlierCol();
    long rows = scored.count();
    metrics.put("rows", rows);
    Map<String, Object> errors = new LinkedHashMap<>();
    Row stats = scored.agg(functions.avg(error), functions.max(error)).first();
    errors.put("mean", stats.isNullAt(0) ? null : stats.getDouble(0));
    double[] q = rows == 0 ? new double[3]
        : scored.stat().approxQuantile(error, new double[] {0.5, 0.9, 0.99}, 1e-3);
    errors.put("p50", q[0]);
    errors.put("p90", q[1]);
    errors.put("p99", q[2]);
    errors.put("max", stats.isNullAt(1) ? null : stats.getDouble(1));
    metrics.put("reconstructionError", errors);
    metrics.put("threshold", ae.getThreshold());
    if (!outlier.isEmpty()) {
      long outliers = scored.where(functions.col(outlier)).count();
      metrics.put("outliers", outliers);
      metrics.put("outlierRate", rows == 0 ? 0 : outliers / (double) rows);
    }

    String label = Labels.numericLabel(c, scored.schema());
    if (!label.isEmpty() && List.of(scored.columns()).contains("prediction") && rows > 0) {
      MulticlassClassificationEvaluator mc = new MulticlassClassificationEvaluator().setLabelCol(label);
      Map<String, Object> classifier = new LinkedHashMap<>();
      classifier.put("type", c.string("classifier.type"));
      classifier.put("accuracy", mc.setMetricName("accuracy").evaluate(scored));
      classifier.put("f1", mc.setMetricName("f1").evaluate(scored));
      metrics.put("classifier", classifier);
    }

    String outlierLabel = c.string("input.outlierLabelCol");
    if (outlierLabel.isEmpty()) {
      return null;
    }
    if (!List.of(scored.columns()).contains(outlierLabel)) {
      throw new ConfigError("key 'input.outlierLabelCol': column '" + outlierLabel + "' is not in the scored data "
          + "(its columns: " + String.join(", ", scored.columns()) + ")");
    }
    String score = ae.outlierScoreColumn();
    if (score.isEmpty()) {
      throw new ConfigError("key 'input.outlierLabelCol': measuring outlier detection needs the model's outlier "
          + "score; set the autoencoder's outlierScoreCol (it is \"\")");
    }
    Dataset<Row> scores = scored.select(functions.col(score), Labels.isOutlier(c).as("isOutlier"));
    BinaryClassificationEvaluator binary = new BinaryClassificationEvaluator().setRawPredictionCol(score)
        .setLabelCol("isOutlier");
    metrics.put("outlierAuroc", binary.setMetricName("areaUnderROC").evaluate(scores));
    metrics.put("outlierAveragePrecision", binary.setMetricName("areaUnderPR").evaluate(scores));
    var pairs = scores.javaRDD().map(r -> new Tuple2<Object, Object>(r.getDouble(0), r.getDouble(1)));
    BinaryClassificationMetrics curve = new BinaryClassificationMetrics(pairs.rdd(), 200);
    List<Tuple2<Object, Object>> roc;
    try {
      roc = curve.roc().toJavaRDD().collect();
    } finally {
      curve.unpersist();
    }
    return roc.stream().map(t -> new double[] {(Double) t._1(), (Double) t._2()}).toArray(double[][]::new);
  }
}
