package org.sparkae.jobs;

import java.util.List;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;

/**
 * Class labels and outlier labels of any type: a string or boolean class label is indexed inside the
 * pipeline (MLlib classifiers need numbers) while the original column stays in the output; an outlier
 * label is 0/1, boolean, or compared with input.outlierLabelValue.
 */
final class Labels {
  static final String INDEX_SUFFIX = "_index";

  private Labels() {}

  /** The indexer a non-numeric class label needs, or null when the label is numeric (or unknown yet). */
  static StringIndexer indexer(JobConfig c, StructType schema) {
    String label = c.string("input.labelCol");
    if (schema == null || label.isEmpty() || !List.of(schema.fieldNames()).contains(label)
        || schema.apply(label).dataType() instanceof NumericType) {
      return null;
    }
    // Labels unseen at training get an index of their own instead of failing the scoring.
    return new StringIndexer().setInputCol(label).setOutputCol(label + INDEX_SUFFIX).setHandleInvalid("keep")
        .setStringOrderType("alphabetAsc");
  }

  /** The numeric label column of scored rows: the indexed one when the pipeline indexed the label. */
  static String numericLabel(JobConfig c, StructType scored) {
    String label = c.string("input.labelCol");
    return List.of(scored.fieldNames()).contains(label + INDEX_SUFFIX) ? label + INDEX_SUFFIX : label;
  }

  /** The class names of an indexed label (from the pipeline's indexer writing {@code column}), or null. */
  static String[] classNames(org.apache.spark.ml.PipelineModel model, String column) {
    for (org.apache.spark.ml.Transformer stage : model.stages()) {
      if (stage instanceof org.apache.spark.ml.feature.StringIndexerModel indexer
          && column.equals(indexer.getOutputCol())) {
        return indexer.labelsArray()[0];
      }
    }
    return null;
  }

  /**
   * {@code model} with the predicted class names appended as {@code <labelCol>_predicted} when the
   * pipeline indexed a string label (MLlib's IndexToString, saved with the model), else {@code model}.
   */
  static org.apache.spark.ml.PipelineModel withPredictedNames(org.apache.spark.ml.PipelineModel model, JobConfig c) {
    String label = c.string("input.labelCol");
    String[] names = label.isEmpty() ? null : classNames(model, label + INDEX_SUFFIX);
    boolean predicts = java.util.Arrays.stream(model.stages())
        .anyMatch(s -> s instanceof org.apache.spark.ml.classification.ClassificationModel<?, ?>);
    if (names == null || !predicts) {
      return model;
    }
    org.apache.spark.ml.Transformer[] stages = java.util.Arrays.copyOf(model.stages(), model.stages().length + 1);
    stages[stages.length - 1] = new org.apache.spark.ml.feature.IndexToString().setInputCol("prediction")
        .setOutputCol(label + "_predicted").setLabels(names);
    return new org.apache.spark.ml.PipelineModel(model.uid(), stages);
  }

  /** 1.0 for a true outlier, 0.0 otherwise: outlierLabelValue when set, else the column as a number. */
  static Column isOutlier(JobConfig c) {
    Column label = functions.col(c.string("input.outlierLabelCol"));
    String value = c.string("input.outlierLabelValue");
    return (value.isEmpty() ? label.cast("double") : label.cast("string").equalTo(value).cast("double"));
  }
}
