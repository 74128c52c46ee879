package org.sparkae.jobs;

import java.util.LinkedHashMap;
import java.util.Map;
import org.sparkae.ml.AutoencoderSummary;

/** What goes into metrics.json besides the evaluation: training figures and timings. */
final class RunMetrics {
  private RunMetrics() {}

  /** Training figures for metrics.json. */
  static Map<String, Object> training(AutoencoderSummary s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("epochs", s.epochs().stream().map(e -> {
      Map<String, Object> epoch = new LinkedHashMap<>();
      epoch.put("epoch", e.epoch());
      epoch.put("loss", e.trainLoss());
      epoch.put("validationLoss", Double.isNaN(e.validationLoss()) ? null : e.validationLoss());
      epoch.put("seconds", e.seconds());
      epoch.put("examplesPerSecond", e.examplesPerSecond());
      return epoch;
    }).toList());
    m.put("trainingRows", s.numTrainingRows());
    m.put("validationRows", s.numValidationRows());
    m.put("skippedRows", s.numSkippedRows());
    m.put("workers", s.numWorkers());
    m.put("batchSize", s.batchSize());
    m.put("averagingFrequency", s.averagingFrequency());
    m.put("levelledOff", s.levelledOff());
    m.put("finalImprovement", Double.isNaN(s.finalImprovement()) ? null : s.finalImprovement());
    m.put("seconds", s.trainingSeconds());
    m.put("examplesPerSecond", s.examplesPerSecond());
    m.put("threshold", s.threshold());
    m.put("outlierRate", s.trainingOutlierRate());
    return m;
  }

  @SuppressWarnings("unchecked")
  static void timing(Map<String, Object> metrics, String name, long startNanos) {
    ((Map<String, Object>) metrics.computeIfAbsent("timings", k -> new LinkedHashMap<String, Object>()))
        .put(name, (System.nanoTime() - startNanos) / 1e9);
  }
}
