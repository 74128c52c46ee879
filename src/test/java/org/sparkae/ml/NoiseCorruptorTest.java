package org.sparkae.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.sparkae.TestSpark;

class NoiseCorruptorTest {
  private static final int SIZE = 50;

  private static Map<Long, Vector> noisyById(Dataset<Row> out) {
    return out.select("id", "noisy").collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getLong(0), r -> (Vector) r.get(1)));
  }

  @Test
  void outputDependsOnlyOnSeedAndRowNotOnPartitioning() {
    Dataset<Row> df = TestSpark.uniformRows(300, SIZE, 1);
    NoiseCorruptor nc = new NoiseCorruptor().setNoiseType("gaussian").setNoiseLevel(0.2).setSeed(9);
    Map<Long, Vector> one = noisyById(nc.transform(df.repartition(1)));
    Map<Long, Vector> many = noisyById(nc.transform(df.repartition(7).orderBy("features")));
    assertEquals(one, many);
    Map<Long, Vector> otherSeed = noisyById(nc.copy(new org.apache.spark.ml.param.ParamMap()).setSeed(10).transform(df));
    assertNotEquals(one.get(0L), otherSeed.get(0L), "the seed matters");
  }

  @Test
  void gaussianNoiseHasTheRequestedSpreadAndIsClipped() {
    Dataset<Row> df = TestSpark.uniformRows(200, SIZE, 2);
    List<Row> rows = new NoiseCorruptor().setNoiseType("gaussian").setNoiseLevel(0.1).setClipMin(-10).setClipMax(10)
        .transform(df).collectAsList();
    double sum = 0;
    double sumSq = 0;
    int n = 0;
    for (Row r : rows) {
      double[] x = ((Vector) r.getAs("features")).toArray();
      double[] y = ((Vector) r.getAs("noisy")).toArray();
      for (int i = 0; i < x.length; i++) {
        double d = y[i] - x[i];
        sum += d;
        sumSq += d * d;
        n++;
      }
    }
    assertEquals(0, sum / n, 0.005, "zero mean");
    assertEquals(0.1, Math.sqrt(sumSq / n), 0.005, "standard deviation = noiseLevel");

    for (Row r : new NoiseCorruptor().setNoiseLevel(2.0).transform(df).collectAsList()) {
      for (double v : ((Vector) r.getAs("noisy")).toArray()) {
        assertTrue(v >= 0 && v <= 1, "clipped to [clipMin, clipMax] = [0, 1]: " + v);
      }
    }
  }

  @Test
  void maskingAndSaltPepperCorruptTheRequestedFraction() {
    Dataset<Row> df = TestSpark.uniformRows(200, SIZE, 3);
    for (String type : List.of("masking", "saltpepper")) {
      List<Row> rows = new NoiseCorruptor().setNoiseType(type).setNoiseLevel(0.25).transform(df).collectAsList();
      long changed = 0;
      long total = 0;
      for (Row r : rows) {
        double[] x = ((Vector) r.getAs("features")).toArray();
        double[] y = ((Vector) r.getAs("noisy")).toArray();
        for (int i = 0; i < x.length; i++) {
          if (x[i] != y[i]) {
            changed++;
            assertTrue(y[i] == 0 || (type.equals("saltpepper") && y[i] == 1), type + " value " + y[i]);
          }
          total++;
        }
      }
      assertEquals(0.25, changed / (double) total, 0.02, type + " fraction");
    }
  }

  @Test
  void nullRowsStayNullAndBadConfigsFailEarly() {
    List<Row> rows = new ArrayList<>(TestSpark.uniformRows(2, SIZE, 4).collectAsList());
    rows.add(RowFactory.create(9L, null));
    Dataset<Row> df = TestSpark.session().createDataFrame(rows, TestSpark.idFeaturesSchema(SIZE));
    Row nullRow = new NoiseCorruptor().transform(df.where("id = 9")).select("noisy").first();
    assertNull(nullRow.get(0));
    assertEquals(SIZE, org.apache.spark.ml.attribute.AttributeGroup.fromStructField(
        new NoiseCorruptor().transform(df).schema().apply("noisy")).size(), "size metadata is kept");
    assertEquals(new NoiseCorruptor().transformSchema(df.schema()), new NoiseCorruptor().transform(df).schema(),
        "the declared schema is the produced one, nullability included (null rows give null)");

    Exception level = assertThrows(IllegalArgumentException.class,
        () -> new NoiseCorruptor().setNoiseType("masking").setNoiseLevel(1.2).transform(df));
    assertTrue(level.getMessage().contains("must be <= 1"), level.getMessage());
    Exception clip = assertThrows(IllegalArgumentException.class,
        () -> new NoiseCorruptor().setClipMin(1).setClipMax(0).transform(df));
    assertTrue(clip.getMessage().contains("clipMin must be < clipMax"), clip.getMessage());
    Exception exists = assertThrows(IllegalArgumentException.class,
        () -> new NoiseCorruptor().setOutputCol("id").transform(df));
    assertTrue(exists.getMessage().contains("outputCol column 'id' already exists"), exists.getMessage());
    Exception type = assertThrows(IllegalArgumentException.class, () -> new NoiseCorruptor().setNoiseType("none"));
    assertTrue(type.getMessage().contains("noiseType"), type.getMessage());
  }
}
