package org.sparkae.bench;

import static org.sparkae.bench.SuiteSummary.get;

import java.util.Map;

/** suite.md: one table for the tabular outlier sets, one for the features and one-class protocols. */
final class SuiteTable {
  private SuiteTable() {}

  @SuppressWarnings("unchecked")
  static String markdown(Map<String, Object> results) {
    Map<String, Object> sets = (Map<String, Object>) results.get("sets");
    StringBuilder b = new StringBuilder("# sparkae defaults suite\n\n").append(results.get("protocol")).append("\n\n");
    b.append("| outliers (AUROC / AP, test) | ours, defaults | PCA-k | IsolationForest | published IF / best | k "
        + "| seconds |\n|---|---|---|---|---|---|---|\n");
    for (var e : sets.entrySet()) {
      Map<String, Object> s = (Map<String, Object>) e.getValue();
      if (!s.containsKey("outliers.autoencoder.auroc")) {
        continue;
      }
      double[] published = SuiteSummary.PUBLISHED.get(e.getKey());
      b.append(String.format("| %s (%s x %s) | %s | %s | %s | %s | %.0f | %.0f |%n", e.getKey(), s.get("rows"),
          s.get("columns"), pair(s, "autoencoder"), pair(s, "pca"), pair(s, "isolationForest"),
          published == null ? "-" : String.format("%.3f / %.3f", published[0], published[1]),
          get(s, "outliers.pcaK"), get(s, "seconds")));
    }
    Map<String, Object> summary = (Map<String, Object>) results.get("summary");
    if (summary.containsKey("tabularMeanAurocAutoencoder")) {
      b.append(String.format("| **mean AUROC** | **%.4f** | %.4f | %.4f | | | |%n",
          get(summary, "tabularMeanAurocAutoencoder"), get(summary, "tabularMeanAurocPca"),
          get(summary, "tabularMeanAurocIsolationForest")));
    }
    b.append("\n| features and one class | LR on our codes | LR on PCA-k | LR on raw | one-class AUROC ours | PCA-k "
        + "| IsolationForest | seconds |\n|---|---|---|---|---|---|---|---|\n");
    for (var e : sets.entrySet()) {
      Map<String, Object> s = (Map<String, Object>) e.getValue();
      boolean oneClass = s.containsKey("oneClass.meanAurocAutoencoder");
      b.append(String.format("| %s (k = %.0f) | %.4f | %.4f | %.4f | %s | %s | %s | %.0f |%n", e.getKey(),
          get(s, "features.k"), get(s, "features.autoencoder"), get(s, "features.pca"), get(s, "features.raw"),
          oneClass ? String.format("%.4f", get(s, "oneClass.meanAurocAutoencoder")) : "-",
          oneClass ? String.format("%.4f", get(s, "oneClass.meanAurocPca")) : "-",
          oneClass ? String.format("%.4f", get(s, "oneClass.meanAurocIsolationForest")) : "-", get(s, "seconds")));
    }
    return b.toString();
  }

  private static String pair(Map<String, Object> s, String method) {
    return String.format("%.4f / %.4f", get(s, "outliers." + method + ".auroc"),
        get(s, "outliers." + method + ".averagePrecision"));
  }
}
