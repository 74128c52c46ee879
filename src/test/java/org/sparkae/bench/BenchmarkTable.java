package org.sparkae.bench;

import java.util.List;
import java.util.Map;

/** The benchmark's results as a markdown table. */
final class BenchmarkTable {
  private BenchmarkTable() {}

  @SuppressWarnings("unchecked")
  static String markdown(Map<String, Object> r) {
    StringBuilder md = new StringBuilder("# sparkae benchmark\n\n");
    md.append("Data: ").append(r.get("data")).append("  \nMachine: ").append(r.get("machine"))
        .append("  \nSerializer: ").append(r.get("serializer")).append("\n\n");
    Map<String, Object> t = (Map<String, Object>) r.get("training");
    Map<String, Object> c = (Map<String, Object>) r.get("ceiling");
    md.append("| measure | ours (Spark) | plain DL4J | ours / plain |\n|---|---|---|---|\n");
    for (Map<String, Object> d : (List<Map<String, Object>>) r.get("defaultsTraining")) {
      md.append(String.format("| **at the defaults**, %,d rows (%s workers chosen): training ex/s, median epoch after "
          + "the first %s | %,.0f | %,.0f | %.2f |%n", d.get("rows"), d.get("workersChosen"),
          ratios((double[]) d.get("ratioPerRepeat")), d.get("oursMedianAfterFirst"), d.get("plainMedianAfterFirst"),
          d.get("ratioOursToPlain")));
      md.append(String.format("| **at the defaults**, %,d rows: test MSE after %s epochs | %.5f | %.5f | %.3f |%n",
          d.get("rows"), d.get("epochs"), d.get("oursTestMse"), d.get("plainTestMse"), d.get("mseRatioOursToPlain")));
    }
    Map<String, Object> cached = (Map<String, Object>) r.get("defaultsScoring");
    md.append(String.format("| **at the defaults**: scoring %,d stored rows of a cached DataFrame, default columns, "
        + "vs output over the rows in memory (rows/s) | %,.0f | %,.0f | %.2f |%n", cached.get("rows"),
        cached.get("oursRowsPerSecond"), cached.get("plainRowsPerSecond"), cached.get("ratioOursToPlain")));
    int repeats = (Integer) t.get("repeats");
    String which = repeats == 1 ? "one run per side"
        : "the median of " + repeats + " alternating repeats " + ratios((double[]) t.get("ratioPerRepeat"));
    md.append(String.format("| tuned: training ex/s (median epoch after the first; %s) | %,.0f | %,.0f | %.2f |%n",
        which, t.get("oursMedianAfterFirst"), t.get("plainMedianAfterFirst"), t.get("ratioOursToPlain")));
    md.append(String.format("| tuned: test reconstruction MSE after %s epochs | %.5f | %.5f | %.3f |%n",
        t.get("epochs"), t.get("oursTestMse"), t.get("plainTestMse"), t.get("mseRatioOursToPlain")));
    md.append(String.format("| share of the sgemm ceiling (%.1f GFLOP/s) | %.1f%% | %.1f%% | |%n", c.get("sgemmGflops"),
        100 * (Double) t.get("oursFractionOfCeiling"), 100 * (Double) t.get("plainFractionOfCeiling")));
    for (Map<String, Object> p : (List<Map<String, Object>>) r.get("scoring")) {
      md.append(String.format("| scoring %,d rows: rows/s (%.1f µs/row, peak heap %.2f GiB) | %,.0f | %,.0f | %.2f |%n",
          p.get("rows"), p.get("oursMicrosPerRow"), p.get("peakHeapGiB"), p.get("oursRowsPerSecond"),
          p.get("plainRowsPerSecond"), p.get("ratioOursToPlain")));
    }
    for (Map<String, Object> p : (List<Map<String, Object>>) r.get("scoring")) {
      md.append(String.format("| scoring %,d rows without generating them (generation: ours %.1f, plain %.1f µs/row) "
          + "| | | %.2f |%n", p.get("rows"), p.get("oursGenerationMicrosPerRow"), p.get("plainGenerationMicrosPerRow"),
          p.get("ratioExcludingGeneration")));
    }
    md.append("\nNetwork: ").append(t.get("network")).append("; Adam 1e-3; plain DL4J batch 128; ours ")
        .append(t.get("workerBatchSize")).append(" rows per minibatch per worker, averaging every ")
        .append(t.get("averagingFrequency")).append(" minibatches. Scoring minibatches of ")
        .append(r.get("scoringBatchSize")).append(" rows on both sides, after an unreported warm-up pass.\n");
    return md.toString();
  }

  private static String ratios(double[] perRepeat) {
    StringBuilder s = new StringBuilder("(");
    for (int i = 0; i < perRepeat.length; i++) {
      s.append(i == 0 ? "" : ", ").append(String.format("%.2f", perRepeat[i]));
    }
    return s.append(")").toString();
  }
}
