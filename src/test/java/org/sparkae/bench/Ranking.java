package org.sparkae.bench;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Ranking metrics of outlier scores against 0/1 labels, with ties handled as scikit-learn does: AUROC
 * (Mann-Whitney with mid-ranks) and average precision (sum over distinct thresholds of recall gained
 * times precision there). Spark's areaUnderPR interpolates instead, which PyOD's tables do not.
 */
final class Ranking {
  private Ranking() {}

  static double auroc(double[] scores, int[] labels) {
    Integer[] order = ascending(scores);
    double rankSum = 0;
    long positives = 0;
    int i = 0;
    while (i < order.length) {
      int j = i;
      while (j + 1 < order.length && scores[order[j + 1]] == scores[order[i]]) {
        j++;
      }
      double midRank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        if (labels[order[k]] == 1) {
          rankSum += midRank;
          positives++;
        }
      }
      i = j + 1;
    }
    long negatives = scores.length - positives;
    requireBothClasses(positives, negatives);
    return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
  }

  static double averagePrecision(double[] scores, int[] labels) {
    Integer[] order = ascending(scores);
    long positives = Arrays.stream(labels).filter(l -> l == 1).count();
    requireBothClasses(positives, scores.length - positives);
    double ap = 0;
    long truePositives = 0;
    long seen = 0;
    int i = order.length - 1;
    while (i >= 0) { // highest scores first, one threshold per distinct score
      int j = i;
      while (j - 1 >= 0 && scores[order[j - 1]] == scores[order[i]]) {
        j--;
      }
      long gained = 0;
      for (int k = j; k <= i; k++) {
        gained += labels[order[k]];
      }
      truePositives += gained;
      seen += i - j + 1;
      ap += (gained / (double) positives) * (truePositives / (double) seen);
      i = j - 1;
    }
    return ap;
  }

  private static Integer[] ascending(double[] scores) {
    for (double s : scores) {
      if (!Double.isFinite(s)) {
        throw new IllegalArgumentException("outlier score " + s + " is not finite");
      }
    }
    Integer[] order = new Integer[scores.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
    return order;
  }

  private static void requireBothClasses(long positives, long negatives) {
    if (positives == 0 || negatives == 0) {
      throw new IllegalArgumentException("ranking needs both outliers and normal rows, got " + positives + " and "
          + negatives);
    }
  }
}
