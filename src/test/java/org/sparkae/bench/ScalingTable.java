package org.sparkae.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The scaling model's results as markdown (template scaling.md.mustache): the fit, the check, the predictions. */
final class ScalingTable {
  private ScalingTable() {}

  @SuppressWarnings("unchecked")
  static String markdown(Map<String, Object> r) {
    Map<String, Object> overhead = (Map<String, Object>) r.get("roundOverhead");
    Map<String, Object> round = (Map<String, Object>) r.get("predictionRound");
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("network", r.get("network"));
    c.put("batchSize", r.get("batchSize"));
    c.put("cores", r.get("cores"));
    c.put("perWorkers", ((List<Map<String, Object>>) r.get("perWorkers")).stream().map(w -> Map.of(
        "workers", w.get("workers"), "round", ms(w.get("roundSeconds")),
        "compute", String.format("%.0f", 1e6 * (Double) w.get("computeSecondsPerExample")))).toList());
    c.put("fitA", ms(overhead.get("a")));
    c.put("fitB", String.format("%.1f", 1000 * (Double) overhead.get("bPerWorker")));
    c.put("fitC", String.format("%.0f", 1e6 * (Double) r.get("computeSecondsPerExample")));
    c.put("measured", ((List<Map<String, Object>>) r.get("measured")).stream().map(m -> Map.of(
        "workers", m.get("workers"), "frequency", m.get("averagingFrequency"), "rounds", m.get("roundsPerEpoch"),
        "measured", String.format("%.2f", m.get("epochSeconds")), "model", String.format("%.2f", m.get("modelEpochSeconds")),
        "error", String.format("%+.0f", 100 * (Double) m.get("modelError")))).toList());
    c.put("predictFrequency", r.get("predictFrequency"));
    c.put("bandwidthGbit", r.get("bandwidthGbit"));
    c.put("roundA", ms(round.get("a")));
    c.put("roundB", String.format("%.1f", 1000 * (Double) round.get("bPerWorker")));
    c.put("roundSource", round.get("source"));
    c.put("predictions", ((List<Map<String, Object>>) r.get("predictions")).stream().map(p -> Map.of(
        "workers", String.format("%,d", p.get("workers")), "epoch", String.format("%.2f", p.get("epochSeconds")),
        "speedup", String.format("%.1f", p.get("speedup")),
        "efficiency", String.format("%.0f", 100 * (Double) p.get("efficiency")), "round", ms(p.get("roundSeconds")),
        "frequency", p.get("averagingFrequencyFor80Percent"))).toList());
    return MarkdownTemplate.render("scaling", c);
  }

  private static String ms(Object seconds) {
    return String.format("%.0f", 1000 * (Double) seconds);
  }
}
