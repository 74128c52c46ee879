package org.sparkae.score;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** Why a row's error is high: the columns with the largest squared errors, named, with their share. */
final class Explanation {
  private Explanation() {}

  /** The {@code k} largest entries of {@code columnErrors}, largest first, as (feature, error, share) rows. */
  static scala.collection.Seq<Row> topColumns(float[] columnErrors, String[] names, int k) {
    double total = 0;
    for (float e : columnErrors) {
      total += e;
    }
    int n = Math.min(k, columnErrors.length);
    int[] top = new int[n];
    int found = 0;
    // k is small (a handful of columns): repeated selection beats sorting every row's errors.
    boolean[] taken = new boolean[columnErrors.length];
    while (found < n) {
      int best = -1;
      for (int j = 0; j < columnErrors.length; j++) {
        if (!taken[j] && (best < 0 || columnErrors[j] > columnErrors[best] || Float.isNaN(columnErrors[j]))) {
          best = j;
        }
      }
      taken[best] = true;
      top[found++] = best;
    }
    List<Row> rows = new ArrayList<>(n);
    for (int j : top) {
      rows.add(RowFactory.create(names[j], (double) columnErrors[j], total > 0 ? columnErrors[j] / total : 0.0));
    }
    return scala.collection.JavaConverters.asScalaBuffer(rows).toSeq();
  }
}
