package org.sparkae.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Means over a data set's splits, keyed by the path of each figure ("outliers.autoencoder.auroc",
 * "features.pca", "oneClass.meanAurocAutoencoder"), and the suite's headline: tabular mean AUROC per method
 * and which targets hold.
 */
final class SuiteSummary {
  /** PyOD's benchmark (10 random 60/40 splits): IsolationForest, and the best of its ten detectors. */
  static final Map<String, double[]> PUBLISHED = Map.of("satellite", new double[] {0.701, 0.804},
      "ionosphere", new double[] {0.853, 0.959}, "pima", new double[] {0.668, 0.722});

  private SuiteSummary() {}

  static Map<String, Object> mean(List<Map<String, Object>> splits) {
    Map<String, Double> sums = new LinkedHashMap<>();
    for (Map<String, Object> split : splits) {
      flatten("", split, sums);
    }
    Map<String, Object> mean = new LinkedHashMap<>();
    sums.forEach((key, sum) -> mean.put(key, sum / splits.size()));
    return mean;
  }

  @SuppressWarnings("unchecked")
  private static void flatten(String prefix, Map<String, Object> map, Map<String, Double> sums) {
    for (var e : map.entrySet()) {
      String key = prefix + e.getKey();
      if (e.getValue() instanceof Map<?, ?> inner) {
        flatten(key + ".", (Map<String, Object>) inner, sums);
      } else if (e.getValue() instanceof Number n && !key.equals("seed")) {
        sums.merge(key, n.doubleValue(), Double::sum);
      }
    }
  }

  static double get(Map<String, Object> set, String key) {
    Object v = set.get(key);
    return v instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  /** One line per data set for the console, as each finishes. */
  static String line(String name, Map<String, Object> set) {
    StringBuilder b = new StringBuilder("suite " + name + ":");
    if (set.containsKey("outliers.autoencoder.auroc")) {
      b.append(String.format(" AUROC ours %.4f pca %.4f iforest %.4f;", get(set, "outliers.autoencoder.auroc"),
          get(set, "outliers.pca.auroc"), get(set, "outliers.isolationForest.auroc")));
    }
    if (set.containsKey("oneClass.meanAurocAutoencoder")) {
      b.append(String.format(" one-class AUROC ours %.4f pca %.4f iforest %.4f;",
          get(set, "oneClass.meanAurocAutoencoder"), get(set, "oneClass.meanAurocPca"),
          get(set, "oneClass.meanAurocIsolationForest")));
    }
    b.append(String.format(" LR ours %.4f pca %.4f raw %.4f; %.0f s", get(set, "features.autoencoder"),
        get(set, "features.pca"), get(set, "features.raw"), get(set, "seconds")));
    return b.toString();
  }

  /** Tabular mean AUROC per method, and per data set whether ours is level with or ahead of PCA (and IF). */
  @SuppressWarnings("unchecked")
  static Map<String, Object> overall(Map<String, Object> perSet) {
    double[] tabular = new double[4];
    int numTabular = 0;
    Map<String, Object> targets = new LinkedHashMap<>();
    for (var e : perSet.entrySet()) {
      Map<String, Object> set = (Map<String, Object>) e.getValue();
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("featuresVsPca", get(set, "features.autoencoder") - get(set, "features.pca"));
      if (set.containsKey("outliers.autoencoder.auroc")) {
        numTabular++;
        tabular[0] += get(set, "outliers.autoencoder.auroc");
        tabular[1] += get(set, "outliers.pca.auroc");
        tabular[2] += get(set, "outliers.isolationForest.auroc");
        tabular[3] += get(set, "outliers.autoencoderErrorOnly.auroc");
        t.put("outliersVsPca", get(set, "outliers.autoencoder.auroc") - get(set, "outliers.pca.auroc"));
      } else {
        t.put("outliersVsPca", get(set, "oneClass.meanAurocAutoencoder") - get(set, "oneClass.meanAurocPca"));
      }
      targets.put(e.getKey(), t);
    }
    Map<String, Object> r = new LinkedHashMap<>();
    if (numTabular > 0) {
      r.put("tabularMeanAurocAutoencoder", tabular[0] / numTabular);
      r.put("tabularMeanAurocPca", tabular[1] / numTabular);
      r.put("tabularMeanAurocIsolationForest", tabular[2] / numTabular);
      r.put("tabularMeanAurocAutoencoderErrorOnly", tabular[3] / numTabular);
    }
    r.put("marginsOverPca", targets);
    return r;
  }
}
