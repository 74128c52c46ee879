package org.sparkae.bench;

import java.util.List;
import java.util.Map;

/** The scaling model's results as markdown: the fit, the check against every run, the predictions. */
final class ScalingTable {
  private ScalingTable() {}

  @SuppressWarnings("unchecked")
  static String markdown(Map<String, Object> r) {
    StringBuilder md = new StringBuilder();
    Map<String, Object> overhead = (Map<String, Object>) r.get("roundOverhead");
    md.append(String.format("Network %s; batch %s; %s cores.%n%n", r.get("network"), r.get("batchSize"), r.get("cores")));
    md.append("| workers | one averaging round | compute per example on one core |\n|---:|---:|---:|\n");
    for (Map<String, Object> w : (List<Map<String, Object>>) r.get("perWorkers")) {
      md.append(String.format("| %s | %.0f ms | %.0f µs |%n", w.get("workers"), 1000 * (Double) w.get("roundSeconds"),
          1e6 * (Double) w.get("computeSecondsPerExample")));
    }
    md.append(String.format("%nFit: round = %.0f ms + %.1f ms x W; c = %.0f µs per example (1 worker).%n%n",
        1000 * (Double) overhead.get("a"), 1000 * (Double) overhead.get("bPerWorker"),
        1e6 * (Double) r.get("computeSecondsPerExample")));
    md.append("| workers | averagingFrequency | rounds/epoch | epoch, measured | epoch, model | model error |\n");
    md.append("|---:|---:|---:|---:|---:|---:|\n");
    for (Map<String, Object> m : (List<Map<String, Object>>) r.get("measured")) {
      md.append(String.format("| %s | %s | %s | %.2f s | %.2f s | %+.0f%% |%n", m.get("workers"),
          m.get("averagingFrequency"), m.get("roundsPerEpoch"), m.get("epochSeconds"), m.get("modelEpochSeconds"),
          100 * (Double) m.get("modelError")));
    }
    Map<String, Object> round = (Map<String, Object>) r.get("predictionRound");
    md.append(String.format("%nPredicted at averagingFrequency %s, one core per worker, %s Gbit/s driver link, same "
        + "data; round = %.0f ms + %.1f ms x W (%s):%n%n", r.get("predictFrequency"), r.get("bandwidthGbit"),
        1000 * (Double) round.get("a"), 1000 * (Double) round.get("bPerWorker"), round.get("source")));
    md.append("| workers | epoch | speedup vs 1 worker | efficiency vs 1 worker | one round | averagingFrequency for >= 80% of the epoch computing |\n");
    md.append("|---:|---:|---:|---:|---:|---:|\n");
    for (Map<String, Object> p : (List<Map<String, Object>>) r.get("predictions")) {
      md.append(String.format("| %,d | %.2f s | %.1fx | %.0f%% | %.0f ms | %d |%n", p.get("workers"),
          p.get("epochSeconds"), p.get("speedup"), 100 * (Double) p.get("efficiency"),
          1000 * (Double) p.get("roundSeconds"), p.get("averagingFrequencyFor80Percent")));
    }
    return md.toString();
  }
}
