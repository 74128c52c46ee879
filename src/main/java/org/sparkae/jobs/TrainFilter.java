package org.sparkae.jobs;

import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * input.trainFilter: a Spark SQL predicate on the training rows only (e.g. {@code Class = 'benign'}
 * to learn what normal looks like); test and scoring rows are never filtered.
 */
final class TrainFilter {
  private TrainFilter() {}

  static Dataset<Row> apply(JobConfig c, Dataset<Row> train) {
    String predicate = c.string("input.trainFilter");
    if (predicate.isBlank()) {
      return train;
    }
    try {
      Dataset<Row> filtered = train.where(functions.expr(predicate));
      filtered.queryExecution().assertAnalyzed(); // a bad predicate fails here, naming the key
      return filtered;
    } catch (Exception e) { // Scala's AnalysisException (parse errors included) arrives undeclared
      if (!(e instanceof AnalysisException)) {
        throw e;
      }
      throw new ConfigError("key 'input.trainFilter': cannot apply \"" + predicate + "\": "
          + e.getMessage().lines().findFirst().orElse("") + " (columns: " + String.join(", ", train.columns()) + ")");
    }
  }
}
