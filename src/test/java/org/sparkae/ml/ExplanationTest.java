package org.sparkae.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.sparkae.TestSpark;

/** The explanation names the column that makes a row's error large, from the assembler's column names. */
class ExplanationTest {
  private static final String[] COLUMNS = {"speed", "power", "heat", "noise", "wear"};

  private static Dataset<Row> machines(String heat, long seed) {
    // Five readings driven by one hidden load t, so each column is predictable from the others.
    Dataset<Row> raw = TestSpark.session().sql("SELECT id, t AS speed, 2 * t + 0.1 AS power, " + heat + " AS heat, "
        + "1 - t AS noise, 0.5 * t * t AS wear FROM (SELECT id, rand(" + seed + ") AS t FROM range(400))");
    return new VectorAssembler().setInputCols(COLUMNS).setOutputCol("features").transform(raw);
  }

  @Test
  void aCorruptedColumnIsNamedFirstAndColumnErrorsAverageToTheRowError() {
    AutoencoderModel model = new Autoencoder().setEncoderLayers(8).setLatentSize(1).setMaxEpochs(60).setSeed(2)
        .setExplanationCol("why").setFeatureErrorsCol("columnErrors").fit(machines("t * 1.5", 1));

    List<Row> scored = model.transform(machines("t * 1.5 + 3", 2)).select("why", "columnErrors",
        "reconstructionError").collectAsList();

    int named = 0;
    for (Row row : scored) {
      List<Row> why = row.getList(0);
      assertEquals(3, why.size(), "explanationTopK defaults to 3");
      named += "heat".equals(why.get(0).getString(0)) ? 1 : 0;
      assertTrue(why.get(0).getDouble(1) >= why.get(1).getDouble(1), "largest first");
      double[] columnErrors = ((Vector) row.get(1)).toArray();
      assertEquals(row.getDouble(2), java.util.Arrays.stream(columnErrors).average().orElseThrow(),
          1e-6 * row.getDouble(2), "the row's error is the mean of its column errors");
      double share = why.get(0).getDouble(2);
      assertEquals(why.get(0).getDouble(1) / java.util.Arrays.stream(columnErrors).sum(), share, 1e-6);
    }
    assertEquals(scored.size(), named, "every row whose heat reading is off names heat first");
  }
}
