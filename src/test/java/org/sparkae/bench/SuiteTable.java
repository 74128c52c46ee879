package org.sparkae.bench;

import static org.sparkae.bench.SuiteSummary.get;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** suite.md (template suite.md.mustache): the tabular outlier sets, then the features and one-class protocols. */
final class SuiteTable {
  private SuiteTable() {}

  @SuppressWarnings("unchecked")
  static String markdown(Map<String, Object> results) {
    Map<String, Object> sets = (Map<String, Object>) results.get("sets");
    List<Map<String, Object>> outliers = new ArrayList<>();
    List<Map<String, Object>> features = new ArrayList<>();
    for (var e : sets.entrySet()) {
      Map<String, Object> s = (Map<String, Object>) e.getValue();
      if (s.containsKey("outliers.autoencoder.auroc")) {
        double[] published = SuiteSummary.PUBLISHED.get(e.getKey());
        outliers.add(Map.of("name", e.getKey(), "rows", s.get("rows"), "columns", s.get("columns"),
            "ours", pair(s, "autoencoder"), "errorOnly", pair(s, "autoencoderErrorOnly"), "pca", pair(s, "pca"), "forest", pair(s, "isolationForest"),
            "published", published == null ? "-" : String.format("%.3f / %.3f", published[0], published[1]),
            "k", String.format("%.0f", get(s, "outliers.pcaK")), "seconds", String.format("%.0f", get(s, "seconds"))));
      }
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("name", e.getKey());
      row.put("k", String.format("%.0f", get(s, "features.k")));
      row.put("codes", String.format("%.4f", get(s, "features.autoencoder")));
      row.put("pca", String.format("%.4f", get(s, "features.pca")));
      row.put("raw", String.format("%.4f", get(s, "features.raw")));
      boolean oneClass = s.containsKey("oneClass.meanAurocAutoencoder");
      row.put("oneClassOurs", oneClass ? String.format("%.4f", get(s, "oneClass.meanAurocAutoencoder")) : "-");
      row.put("oneClassErrorOnly",
          oneClass ? String.format("%.4f", get(s, "oneClass.meanAurocAutoencoderErrorOnly")) : "-");
      row.put("oneClassPca", oneClass ? String.format("%.4f", get(s, "oneClass.meanAurocPca")) : "-");
      row.put("oneClassForest", oneClass ? String.format("%.4f", get(s, "oneClass.meanAurocIsolationForest")) : "-");
      row.put("seconds", String.format("%.0f", get(s, "seconds")));
      features.add(row);
    }
    Map<String, Object> summary = (Map<String, Object>) results.get("summary");
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("protocol", results.get("protocol"));
    context.put("outliers", outliers);
    context.put("mean", !summary.containsKey("tabularMeanAurocAutoencoder") ? List.of()
        : List.of(Map.of("ours", String.format("%.4f", get(summary, "tabularMeanAurocAutoencoder")),
            "errorOnly", String.format("%.4f", get(summary, "tabularMeanAurocAutoencoderErrorOnly")),
            "pca", String.format("%.4f", get(summary, "tabularMeanAurocPca")),
            "forest", String.format("%.4f", get(summary, "tabularMeanAurocIsolationForest")))));
    context.put("features", features);
    return MarkdownTemplate.render("suite", context);
  }

  private static String pair(Map<String, Object> s, String method) {
    return String.format("%.4f / %.4f", get(s, "outliers." + method + ".auroc"),
        get(s, "outliers." + method + ".averagePrecision"));
  }
}
