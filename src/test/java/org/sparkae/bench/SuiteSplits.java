package org.sparkae.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Row indices for train and test: stratified by a class per row, so every split keeps the class shares. */
final class SuiteSplits {
  private SuiteSplits() {}

  /** {@code indices} cut into (first, second) with {@code fraction} of every class in the first, shuffled by seed. */
  static int[][] stratified(int[] indices, int[] classOf, double fraction, long seed) {
    Random random = new Random(seed);
    List<Integer> shuffled = new ArrayList<>();
    for (int i : indices) {
      shuffled.add(i);
    }
    Collections.shuffle(shuffled, random);
    int maxClass = 0;
    for (int i : indices) {
      maxClass = Math.max(maxClass, classOf[i]);
    }
    int[] total = new int[maxClass + 1];
    for (int i : indices) {
      total[classOf[i]]++;
    }
    int[] taken = new int[maxClass + 1];
    List<Integer> first = new ArrayList<>();
    List<Integer> second = new ArrayList<>();
    for (int i : shuffled) {
      int c = classOf[i];
      if (taken[c] < Math.round(fraction * total[c])) {
        taken[c]++;
        first.add(i);
      } else {
        second.add(i);
      }
    }
    Collections.sort(first);
    Collections.sort(second);
    return new int[][] {toArray(first), toArray(second)};
  }

  static int[] range(int from, int to) {
    int[] r = new int[to - from];
    for (int i = 0; i < r.length; i++) {
      r[i] = from + i;
    }
    return r;
  }

  private static int[] toArray(List<Integer> list) {
    return list.stream().mapToInt(Integer::intValue).toArray();
  }
}
