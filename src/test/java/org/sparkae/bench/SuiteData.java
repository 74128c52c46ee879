package org.sparkae.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.sparkae.data.SampleData;

/**
 * One data set of the suite, held on the driver (the largest is Fashion-MNIST's 70,000 rows): feature
 * rows, a class per row, and for the tabular outlier sets the ODDS outlier flag. Image sets have no
 * outlier flag; their one-class protocol makes one class normal at a time.
 */
record SuiteData(String name, Kind kind, List<double[]> rows, int[] classes, int[] outlier, int numClasses,
    int fixedTrainRows, boolean unitRange) {

  enum Kind { TABULAR, IMAGE }

  /** True when the set has its own split (rows before fixedTrainRows train, the rest test), else 60/40 per seed. */
  boolean hasFixedSplit() {
    return fixedTrainRows > 0;
  }

  int width() {
    return rows.get(0).length;
  }

  /** True when every value lies in [0, 1] (pixels): the stage's inputScaling 'auto' then leaves the rows as they are. */
  private static boolean inUnitRange(List<double[]> rows) {
    return rows.stream().flatMapToDouble(java.util.Arrays::stream).allMatch(v -> v >= 0 && v <= 1);
  }

  /**
   * A tabular set exported from mlbench: feature columns, then {@code class} (a name) and {@code anomaly}
   * (0/1), with a header line.
   */
  static SuiteData tabular(String name, Path csvGz) {
    List<double[]> rows = new ArrayList<>();
    List<Integer> outliers = new ArrayList<>();
    for (String[] fields : csv(csvGz, true)) {
      rows.add(leading(fields, fields.length - 2));
      outliers.add(Integer.parseInt(fields[fields.length - 1].trim()));
    }
    int[] outlier = outliers.stream().mapToInt(Integer::intValue).toArray();
    return new SuiteData(name, Kind.TABULAR, rows, outlier.clone(), outlier, 2, 0, inUnitRange(rows));
  }

  /**
   * This table with its outliers thinned to {@code share} of the rows, named NAME-rare: every normal row kept, the
   * outliers drawn by {@code seed}. The regime of most ODDS sets (a few percent outliers), derived from tables whose
   * outliers are a third of the rows.
   */
  SuiteData withRareOutliers(double share, long seed) {
    List<Integer> normal = new ArrayList<>();
    List<Integer> outliers = new ArrayList<>();
    for (int i = 0; i < outlier.length; i++) {
      (outlier[i] == 1 ? outliers : normal).add(i);
    }
    Collections.shuffle(outliers, new Random(seed));
    List<Integer> kept = new ArrayList<>(normal);
    kept.addAll(outliers.subList(0, (int) Math.round(share / (1 - share) * normal.size())));
    Collections.sort(kept);
    List<double[]> keptRows = kept.stream().map(rows::get).toList();
    int[] keptFlags = kept.stream().mapToInt(i -> outlier[i]).toArray();
    return new SuiteData(name + "-rare", kind, keptRows, keptFlags.clone(), keptFlags, 2, 0, unitRange);
  }

  /**
   * An image set as a CSV without a header: the pixels, then the class (0-9). scikit-learn's 8x8 digits (64 pixels,
   * 0..16) and the MNIST digits of jobs/fetch-mnist.sh (784 pixels in [0, 1]) come this way.
   */
  static SuiteData images(String name, Path csvGz) {
    List<double[]> rows = new ArrayList<>();
    List<Integer> classes = new ArrayList<>();
    for (String[] fields : csv(csvGz, false)) {
      rows.add(leading(fields, fields.length - 1));
      classes.add((int) Double.parseDouble(fields[fields.length - 1]));
    }
    return new SuiteData(name, Kind.IMAGE, rows, classes.stream().mapToInt(Integer::intValue).toArray(), null,
        10, 0, inUnitRange(rows));
  }

  /**
   * Fashion-MNIST's own 60,000 / 10,000 split (the first {@code maxTrain} train rows and {@code maxTest} test
   * rows when those are > 0, for shorter runs).
   */
  static SuiteData fashion(SparkSession spark, int maxTrain, int maxTest) {
    List<double[]> rows = new ArrayList<>();
    List<Integer> classes = new ArrayList<>();
    int train = collect(SampleData.full(spark, "train"), maxTrain, rows, classes);
    collect(SampleData.full(spark, "t10k"), maxTest, rows, classes);
    return new SuiteData("fashion-mnist", Kind.IMAGE, rows, classes.stream().mapToInt(Integer::intValue).toArray(),
        null, 10, train, inUnitRange(rows));
  }

  private static int collect(Dataset<Row> df, int max, List<double[]> rows, List<Integer> classes) {
    Dataset<Row> limited = max > 0 ? df.limit(max) : df;
    List<Row> collected = limited.select("features", "label").collectAsList();
    for (Row r : collected) {
      rows.add(((Vector) r.get(0)).toArray());
      classes.add(((Number) r.get(1)).intValue());
    }
    return collected.size();
  }

  /** The first {@code n} fields as numbers. */
  private static double[] leading(String[] fields, int n) {
    double[] x = new double[n];
    for (int j = 0; j < n; j++) {
      x[j] = Double.parseDouble(fields[j]);
    }
    return x;
  }

  private static List<String[]> csv(Path csvGz, boolean header) {
    List<String[]> lines = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(csvGz)), StandardCharsets.UTF_8))) {
      String line = header ? in.readLine() : null;
      while ((line = in.readLine()) != null) {
        if (!line.isBlank()) {
          lines.add(line.split(","));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + csvGz, e);
    }
    return lines;
  }
}
