package org.sparkae.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SuiteDataTest {
  private static final Path PIMA = Path.of("src/test/resources/suite/pima.csv.gz");

  @Test
  void rareOutliersKeepEveryNormalRowAndDrawTheOutliersBySeed() {
    SuiteData pima = SuiteData.tabular("pima", PIMA); // 500 normal rows, 268 diabetic
    SuiteData rare = pima.withRareOutliers(0.05, 7);
    assertEquals("pima-rare", rare.name());
    assertEquals(500, Arrays.stream(rare.outlier()).filter(o -> o == 0).count(), "every normal row");
    assertEquals(26, Arrays.stream(rare.outlier()).filter(o -> o == 1).count(), "26 of 526 rows: 5%");
    assertEquals(526, rare.rows().size());
    for (int i = 0; i < rare.rows().size(); i++) { // each kept row carries its own flag
      int original = pima.rows().indexOf(rare.rows().get(i));
      assertEquals(pima.outlier()[original], rare.outlier()[i], "row " + i);
    }
    assertArrayEquals(rare.rows().get(525), pima.withRareOutliers(0.05, 7).rows().get(525), "seeded");
    assertFalse(rare.rows().equals(pima.withRareOutliers(0.05, 8).rows()), "another seed draws other outliers");
  }
}
