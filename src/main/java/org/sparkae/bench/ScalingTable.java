package org.sparkae.bench;

import java.util.List;
import java.util.Map;

/** The scaling model's results as markdown: measurements with the model's fit, then predictions. */
final class ScalingTable {
  private ScalingTable() {}

  @SuppressWarnings("unchecked")
  static String markdown(Map<String, Object> r) {
    StringBuilder md = new StringBuilder();
    Map<String, Object> overhead = (Map<String, Object>) r.get("roundOverhead");
    md.append(String.format("Network %s; batch %s, averaging every %s minibatches; master %s, %s cores.%n%n",
        r.get("network"), r.get("batchSize"), r.get("averagingFrequency"), r.get("master"), r.get("cores")));
    md.append(String.format("One averaging round without compute costs a + b W = %.1f ms + %.2f ms x W "
        + "(broadcast and treeAggregate of parameters and Adam state, measured with 1-64 tasks). Compute: "
        + "c = %.1f µs per example on one core.%n%n", 1000 * (Double) overhead.get("a"),
        1000 * (Double) overhead.get("bPerTask"), 1e6 * (Double) r.get("computeSecondsPerExample")));
    md.append("| workers | examples | rounds/epoch | epoch, measured | epoch, model | model error |\n");
    md.append("|---:|---:|---:|---:|---:|---:|\n");
    for (Map<String, Object> m : (List<Map<String, Object>>) r.get("measured")) {
      md.append(String.format("| %d | %,d | %d | %.2f s | %.2f s | %+.0f%% |%n", m.get("workers"), m.get("examples"),
          m.get("roundsPerEpoch"), m.get("epochSeconds"), m.get("modelEpochSeconds"),
          100 * (Double) m.get("modelError")));
    }
    md.append(String.format("%nPredicted, one core per worker, %s Gbit/s driver link, same data and settings:%n%n",
        r.get("bandwidthGbit")));
    md.append("| workers | epoch | speedup vs 1 | efficiency | one round | averagingFrequency for 80% efficiency |\n");
    md.append("|---:|---:|---:|---:|---:|---:|\n");
    for (Map<String, Object> p : (List<Map<String, Object>>) r.get("predictions")) {
      md.append(String.format("| %,d | %.2f s | %.1fx | %.0f%% | %.0f ms | %d |%n", p.get("workers"),
          p.get("epochSeconds"), p.get("speedup"), 100 * (Double) p.get("efficiency"),
          1000 * (Double) p.get("roundSeconds"), p.get("averagingFrequencyFor80Percent")));
    }
    return md.toString();
  }
}
