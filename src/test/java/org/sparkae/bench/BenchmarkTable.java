package org.sparkae.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The benchmark's results as a markdown table (template bench.md.mustache). */
final class BenchmarkTable {
  private BenchmarkTable() {}

  @SuppressWarnings("unchecked")
  static String markdown(Map<String, Object> r) {
    Map<String, Object> t = (Map<String, Object>) r.get("training");
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("data", r.get("data"));
    c.put("machine", r.get("machine"));
    c.put("serializer", r.get("serializer"));
    c.put("defaults", ((List<Map<String, Object>>) r.get("defaultsTraining")).stream().map(d -> {
      Map<String, Object> row = speeds(d, "oursMedianAfterFirst", "plainMedianAfterFirst");
      row.put("rows", String.format("%,d", d.get("rows")));
      row.put("workers", d.get("workersChosen"));
      row.put("batch", d.get("workerBatchSize"));
      row.put("frequency", d.get("averagingFrequency"));
      row.put("ratios", ratios((double[]) d.get("ratioPerRepeat")));
      row.putAll(mse(d));
      return row;
    }).toList());
    Map<String, Object> cached = speeds((Map<String, Object>) r.get("defaultsScoring"), "oursRowsPerSecond",
        "plainRowsPerSecond");
    cached.put("rows", String.format("%,d", ((Map<String, Object>) r.get("defaultsScoring")).get("rows")));
    c.put("cached", List.of(cached));
    Map<String, Object> round = (Map<String, Object>) r.get("roundCost");
    if (round != null) {
      List<Integer> frequencies = (List<Integer>) round.get("frequencies");
      double[] perRepeat = (double[]) round.get("roundMsPerRepeat");
      c.put("round", List.of(Map.of("master", ((Map<String, Object>) r.get("machine")).get("master"),
          "rows", String.format("%,d", round.get("rows")), "workers", round.get("workers"),
          "batch", round.get("workerBatchSize"), "low", frequencies.get(0), "high", frequencies.get(1),
          "repeats", perRepeat.length, "perRepeat", millis(perRepeat),
          "ms", String.format("%.1f", round.get("roundMs")))));
    }
    Map<String, Object> tuned = speeds(t, "oursMedianAfterFirst", "plainMedianAfterFirst");
    int repeats = (Integer) t.get("repeats");
    tuned.put("which", repeats == 1 ? "one run per side"
        : "the median of " + repeats + " alternating repeats " + ratios((double[]) t.get("ratioPerRepeat")));
    tuned.putAll(mse(t));
    tuned.put("ceiling", String.format("%.1f", ((Map<String, Object>) r.get("ceiling")).get("sgemmGflops")));
    tuned.put("oursShare", String.format("%.1f", 100 * (Double) t.get("oursFractionOfCeiling")));
    tuned.put("plainShare", String.format("%.1f", 100 * (Double) t.get("plainFractionOfCeiling")));
    c.put("tuned", List.of(tuned));
    c.put("scoring", ((List<Map<String, Object>>) r.get("scoring")).stream().map(p -> {
      Map<String, Object> row = speeds(p, "oursRowsPerSecond", "plainRowsPerSecond");
      row.put("rows", String.format("%,d", p.get("rows")));
      row.put("micros", String.format("%.1f", p.get("oursMicrosPerRow")));
      row.put("heap", String.format("%.2f", p.get("peakHeapGiB")));
      row.put("oursGeneration", String.format("%.1f", p.get("oursGenerationMicrosPerRow")));
      row.put("plainGeneration", String.format("%.1f", p.get("plainGenerationMicrosPerRow")));
      row.put("ratioExcludingGeneration", String.format("%.2f", p.get("ratioExcludingGeneration")));
      return row;
    }).toList());
    c.put("network", t.get("network"));
    c.put("workerBatchSize", t.get("workerBatchSize"));
    c.put("averagingFrequency", t.get("averagingFrequency"));
    c.put("learningRate", t.get("learningRate"));
    c.put("plainLearningRate", t.get("plainLearningRate"));
    c.put("scoringBatchSize", r.get("scoringBatchSize"));
    return MarkdownTemplate.render("bench", c);
  }

  /** ours, plain (rates) and their ratio, formatted. */
  private static Map<String, Object> speeds(Map<String, Object> m, String ours, String plain) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("ours", String.format("%,.0f", m.get(ours)));
    row.put("plain", String.format("%,.0f", m.get(plain)));
    row.put("ratio", String.format("%.2f", m.get("ratioOursToPlain")));
    return row;
  }

  private static Map<String, Object> mse(Map<String, Object> m) {
    return Map.of("epochs", m.get("epochs"), "oursMse", String.format("%.5f", m.get("oursTestMse")),
        "plainMse", String.format("%.5f", m.get("plainTestMse")),
        "mseRatio", String.format("%.3f", m.get("mseRatioOursToPlain")));
  }

  private static String ratios(double[] perRepeat) {
    return list(perRepeat, "%.2f");
  }

  private static String millis(double[] perRepeat) {
    return list(perRepeat, "%.1f");
  }

  private static String list(double[] values, String format) {
    StringBuilder s = new StringBuilder("(");
    for (int i = 0; i < values.length; i++) {
      s.append(i == 0 ? "" : ", ").append(String.format(format, values[i]));
    }
    return s.append(")").toString();
  }
}
