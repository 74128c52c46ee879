package org.sparkae.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SuiteSplitsTest {

  @Test
  void stratifiedSplitKeepsEveryClassShareAndCoversEachRowOnce() {
    int[] classOf = new int[1000];
    for (int i = 0; i < classOf.length; i++) {
      classOf[i] = i < 300 ? 1 : 0; // 30% outliers, stored in order
    }
    int[][] split = SuiteSplits.stratified(SuiteSplits.range(0, 1000), classOf, 0.6, 3);
    assertEquals(600, split[0].length);
    assertEquals(180, Arrays.stream(split[0]).filter(i -> classOf[i] == 1).count(), "60% of the 300 outliers");
    Set<Integer> seen = new HashSet<>();
    Arrays.stream(split[0]).forEach(seen::add);
    Arrays.stream(split[1]).forEach(i -> assertFalse(seen.contains(i), "row " + i + " in both"));
    assertEquals(1000, seen.size() + split[1].length);
    assertArrayEquals(split[0], SuiteSplits.stratified(SuiteSplits.range(0, 1000), classOf, 0.6, 3)[0], "seeded");
    assertFalse(Arrays.equals(split[0], SuiteSplits.stratified(SuiteSplits.range(0, 1000), classOf, 0.6, 4)[0]));
  }
}
