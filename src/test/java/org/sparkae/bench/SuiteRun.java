package org.sparkae.bench;

import static org.apache.spark.sql.functions.col;
import static org.sparkae.bench.SuiteDetectors.FEATURES;
import static org.sparkae.bench.SuiteDetectors.ID;
import static org.sparkae.bench.SuiteDetectors.Y;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparkae.ml.AutoencoderModel;

/**
 * One data set through the suite's protocols on one split: tabular sets are fitted unsupervised on the
 * contaminated train split and scored on test (AUROC, average precision), and logistic regression
 * predicts the outlier flag from raw columns, PCA-k and our codes; image sets get the same features
 * protocol on their classes and a one-class protocol (each class normal in turn).
 */
final class SuiteRun {
  private static final Logger LOG = LoggerFactory.getLogger(SuiteRun.class);

  private final SparkSession spark;
  private final List<String> overrides;
  private final int[] oneClassClasses;

  SuiteRun(SparkSession spark, List<String> overrides, int[] oneClassClasses) {
    this.spark = spark;
    this.overrides = overrides;
    this.oneClassClasses = oneClassClasses;
  }

  /** Results of every protocol for this data set on the given train and test rows. */
  Map<String, Object> run(SuiteData data, int[] trainRows, int[] testRows, long seed) {
    int[] y = data.kind() == SuiteData.Kind.TABULAR ? data.outlier() : data.classes();
    Dataset<Row> train = frame(data, trainRows, y);
    Dataset<Row> test = frame(data, testRows, y);
    try {
      Map<String, Object> result = new LinkedHashMap<>();
      Fitted fitted = fit(data, train, test);
      if (data.kind() == SuiteData.Kind.TABULAR) {
        result.put("outliers", outliers(data, fitted, train, test, outlierFlags(data.outlier(), testRows), seed));
      }
      result.put("features", features(data, fitted, train, test));
      if (data.kind() == SuiteData.Kind.IMAGE) {
        result.put("oneClass", oneClass(data, trainRows, testRows, test, seed));
      }
      return result;
    } finally {
      train.unpersist();
      test.unpersist();
    }
  }

  /** Our model and PCA with k = its code width, both fitted once on train and shared by the protocols. */
  private record Fitted(AutoencoderModel model, double seconds, int k, Map<String, Dataset<Row>> pca) {}

  private Fitted fit(SuiteData data, Dataset<Row> train, Dataset<Row> test) {
    long start = System.nanoTime();
    AutoencoderModel model = SuiteDetectors.autoencoder(overrides).fit(train);
    double seconds = (System.nanoTime() - start) / 1e9;
    int k = SuiteDetectors.codeWidth(model, model.transform(test));
    return new Fitted(model, seconds, k, SuiteDetectors.pca(train, test, k, data.unitRange()));
  }

  /** Fit on the contaminated train rows, rank the test rows; the flags are the test rows' outlier labels. */
  private Map<String, Object> outliers(SuiteData data, Fitted fitted, Dataset<Row> train, Dataset<Row> test,
      int[] flags, long seed) {
    AutoencoderModel model = fitted.model();
    int k = fitted.k();
    Dataset<Row> scored = model.transform(test).cache();
    double[] ours = SuiteDetectors.scores(scored, model.outlierScoreColumn());
    double[] errorOnly = SuiteDetectors.scores(scored, model.getErrorCol());
    scored.unpersist();
    double[] pca = SuiteDetectors.scores(fitted.pca().get("test"), PcaBaseline.ERROR);
    double[] forest = SuiteDetectors.isolationForest(train, test, seed);
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("autoencoder", metrics(ours, flags));
    r.put("autoencoderErrorOnly", metrics(errorOnly, flags));
    r.put("pca", metrics(pca, flags));
    r.put("isolationForest", metrics(forest, flags));
    r.put("pcaK", k);
    r.put("autoencoderSeconds", fitted.seconds());
    r.put("autoencoderEpochs", model.summary().numEpochs());
    LOG.info("suite {} outliers: AUROC autoencoder {} (its error alone {}) pca-{} {} isolation forest {}",
        data.name(), ((Map<?, ?>) r.get("autoencoder")).get("auroc"),
        ((Map<?, ?>) r.get("autoencoderErrorOnly")).get("auroc"), k, ((Map<?, ?>) r.get("pca")).get("auroc"),
        ((Map<?, ?>) r.get("isolationForest")).get("auroc"));
    return r;
  }

  /** Logistic regression on raw columns, on PCA-k and on our codes (k = our code width), test accuracy. */
  private Map<String, Object> features(SuiteData data, Fitted fitted, Dataset<Row> train, Dataset<Row> test) {
    AutoencoderModel model = fitted.model();
    Dataset<Row> codesTrain = model.transform(train).cache();
    Dataset<Row> codesTest = model.transform(test);
    int k = fitted.k();
    Map<String, Dataset<Row>> pca = fitted.pca();
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("autoencoder", SuiteDetectors.logisticAccuracy(codesTrain, codesTest, model.getLatentCol()));
    r.put("pca", SuiteDetectors.logisticAccuracy(pca.get("train"), pca.get("test"), PcaBaseline.CODES));
    r.put("raw", SuiteDetectors.logisticAccuracy(train, test, FEATURES));
    r.put("k", k);
    codesTrain.unpersist();
    LOG.info("suite {} features: logistic regression on codes {} pca-{} {} raw {}", data.name(), r.get("autoencoder"),
        k, r.get("pca"), r.get("raw"));
    return r;
  }

  /** Each class in turn is normal: fit on its train rows only, rank every test row (other classes are outliers). */
  private Map<String, Object> oneClass(SuiteData data, int[] trainRows, int[] testRows, Dataset<Row> test, long seed) {
    List<Map<String, Object>> perClass = new ArrayList<>();
    double[] sums = new double[4];
    for (int c : oneClassClasses) {
      int[] normal = java.util.Arrays.stream(trainRows).filter(i -> data.classes()[i] == c).toArray();
      int[] flags = new int[testRows.length];
      for (int i = 0; i < testRows.length; i++) {
        flags[i] = data.classes()[testRows[i]] == c ? 0 : 1;
      }
      Dataset<Row> train = frame(data, normal, data.classes());
      Map<String, Object> r = outliers(data, fit(data, train, test), train, test, flags, seed);
      train.unpersist();
      r.put("class", c);
      perClass.add(r);
      String[] keys = {"autoencoder", "pca", "isolationForest", "autoencoderErrorOnly"};
      for (int m = 0; m < keys.length; m++) {
        sums[m] += (Double) ((Map<?, ?>) r.get(keys[m])).get("auroc");
      }
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("meanAurocAutoencoder", sums[0] / oneClassClasses.length);
    r.put("meanAurocPca", sums[1] / oneClassClasses.length);
    r.put("meanAurocIsolationForest", sums[2] / oneClassClasses.length);
    r.put("meanAurocAutoencoderErrorOnly", sums[3] / oneClassClasses.length);
    r.put("perClass", perClass);
    return r;
  }

  private static Map<String, Object> metrics(double[] scores, int[] flags) {
    return new LinkedHashMap<>(Map.of("auroc", Ranking.auroc(scores, flags),
        "averagePrecision", Ranking.averagePrecision(scores, flags)));
  }

  private static int[] outlierFlags(int[] outlier, int[] rows) {
    return java.util.Arrays.stream(rows).map(i -> outlier[i]).toArray();
  }

  /** The rows as (id, features, y), with their lineage cut so tasks do not carry the rows (DEPENDENCIES pitfall 10). */
  private Dataset<Row> frame(SuiteData data, int[] rows, int[] y) {
    List<Row> list = new ArrayList<>(rows.length);
    for (int i : rows) {
      list.add(RowFactory.create(i, Vectors.dense(data.rows().get(i)), (double) y[i]));
    }
    StructType schema = new StructType().add(ID, DataTypes.IntegerType).add(FEATURES, new VectorUDT())
        .add(Y, DataTypes.DoubleType);
    int partitions = Math.max(1, Math.min(spark.sparkContext().defaultParallelism(), rows.length / 500));
    return spark.createDataFrame(list, schema).repartition(partitions, col(ID)).localCheckpoint(true);
  }
}
