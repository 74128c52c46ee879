package org.sparkae.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkae.TestSpark;

class IdxReaderTest {
  @TempDir
  Path dir;

  @Test
  void bundledSampleHasTheExpectedShape() {
    Dataset<Row> train = TestSpark.sampleTrain();
    assertEquals(2000, train.count());
    assertEquals(500, TestSpark.sampleTest().count());
    Row first = train.first();
    Vector x = first.getAs("features");
    assertEquals(784, x.size());
    for (double v : x.toArray()) {
      assertTrue(v >= 0 && v <= 1);
    }
    List<Row> labels = train.groupBy("label").count().orderBy("label").collectAsList();
    assertEquals(10, labels.size(), "all ten classes present");
    assertEquals(9.0, first.getDouble(1), "the first Fashion-MNIST training image is an ankle boot (9)");
  }

  @Test
  void readsUncompressedFilesFromAHadoopPathAndSplitsThemExactly() throws Exception {
    // An uncompressed 3-image 2x2 file plus labels, written by hand.
    byte[] images = {0, 0, 8, 3, 0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, (byte) 255, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2};
    byte[] labels = {0, 0, 8, 1, 0, 0, 0, 3, 7, 8, 9};
    Files.write(dir.resolve("img"), images);
    Files.write(dir.resolve("lbl"), labels);
    Dataset<Row> df = IdxReader.read(TestSpark.session(), dir.resolve("img").toUri().toString(),
        dir.resolve("lbl").toUri().toString(), 2);
    List<Row> rows = df.collectAsList();
    assertEquals(3, rows.size());
    assertEquals(1.0, ((Vector) rows.get(0).get(0)).apply(1));
    assertEquals(2 / 255.0, ((Vector) rows.get(2).get(0)).apply(3), 1e-12);
    assertEquals(List.of(7.0, 8.0, 9.0), rows.stream().map(r -> r.getDouble(1)).toList());
  }

  @Test
  void filesThatAreNotIdxAreRefusedNamingTheFile() throws Exception {
    Files.writeString(dir.resolve("notes.txt"), "hello, these are not images");
    String path = dir.resolve("notes.txt").toUri().toString();
    Exception e = assertThrows(IllegalArgumentException.class,
        () -> IdxReader.read(TestSpark.session(), path, null, 1));
    assertTrue(e.getMessage().contains("notes.txt") && e.getMessage().contains("is not an IDX images file"),
        e.getMessage());
    Exception missing = assertThrows(IllegalArgumentException.class,
        () -> IdxReader.read(TestSpark.session(), dir.resolve("nope").toUri().toString(), null, 1));
    assertTrue(missing.getMessage().contains("nope"), missing.getMessage());
  }
}
