package org.sparkae.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The few lines a run prints on stdout when it is done: what it trained and scored, and how well. */
final class RunSummary {
  private RunSummary() {}

  static List<String> lines(Map<String, Object> metrics) {
    List<String> lines = new ArrayList<>();
    Map<String, Object> training = map(metrics.get("training"));
    if (training != null) {
      Object levelled = training.get("levelledOff");
      lines.add(String.format(Locale.ROOT, "trained on %s rows (%s held out for validation), %d epochs%s",
          training.get("trainingRows"), training.get("validationRows"), ((List<?>) training.get("epochs")).size(),
          training.get("finalImprovement") == null ? ""
              : Boolean.FALSE.equals(levelled) ? "; the loss was still falling: raise autoencoder.maxEpochs" : ""));
    }
    Map<String, Object> scored = map(metrics.containsKey("evaluation") ? metrics.get("evaluation")
        : metrics.get("scoring"));
    if (scored != null) {
      lines.add(String.format(Locale.ROOT, "scored %s rows: %s flagged as outliers (%.2f%%, threshold %.5g)",
          scored.get("rows"), scored.get("outliers"), 100 * number(scored.get("outlierRate")),
          number(scored.get("threshold"))));
      Map<String, Object> classifier = map(scored.get("classifier"));
      if (classifier != null) {
        lines.add(String.format(Locale.ROOT, "classifier on the codes: accuracy %.4f, F1 %.4f",
            number(classifier.get("accuracy")), number(classifier.get("f1"))));
      }
      if (scored.get("outlierAuroc") != null) {
        lines.add(String.format(Locale.ROOT, "outlier labels: AUROC %.4f, average precision %.4f",
            number(scored.get("outlierAuroc")), number(scored.get("outlierAveragePrecision"))));
      }
    }
    return lines;
  }

  private static double number(Object value) {
    return value instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
  }
}
