package org.sparkae.ml;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.sparkae.TestSpark;

/**
 * Scoring leaks no off-heap memory: over 200 scoring passes the memory ND4J holds stays flat (as
 * much after the second hundred passes as after the first), so a model can score a stream for days.
 */
class ScoringMemoryTest {
  @Test
  void offHeapMemoryStaysFlatOver200ScoringPasses() throws InterruptedException {
    Dataset<Row> rows = TestSpark.uniformRows(512, 256, 8).coalesce(1).cache();
    AutoencoderModel model = new Autoencoder().setEncoderLayers(128).setLatentSize(16).setMaxEpochs(1)
        .setBatchSize(128).fit(rows);
    for (int pass = 0; pass < 10; pass++) { // warm-up: networks built, pools and caches filled
      score(model, rows);
    }
    long[] held = new long[2];
    for (int hundred = 0; hundred < 2; hundred++) {
      for (int pass = 0; pass < 100; pass++) {
        score(model, rows);
      }
      held[hundred] = offHeapBytesAfterCollection();
    }
    // A pass allocates about 2 MB of ND4J buffers (512 rows through 256-128-16-128-256): leaking them would add
    // about 200 MB per hundred passes. What the process holds (ND4J's buffers are not JavaCPP-tracked) is noisy.
    assertTrue(held[1] < held[0] + (64L << 20), "resident bytes after 100 passes: " + held[0] + ", after 200: "
        + held[1]);
  }

  /** The process's resident memory once unreachable arrays have been collected and their buffers released. */
  private static long offHeapBytesAfterCollection() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200); // JavaCPP releases collected buffers on its own thread
    }
    return Pointer.physicalBytes();
  }

  private static void score(AutoencoderModel model, Dataset<Row> rows) {
    model.transform(rows).agg(functions.sum("reconstructionError")).collectAsList();
  }
}
