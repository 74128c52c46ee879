package org.sparkae;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/** Assertions that NaN cannot pass: a range check, and a Spark SQL predicate for finite values. */
public final class Expect {
  private Expect() {}

  /** Fails unless {@code lo < value <= hi} (NaN fails, unlike {@code value > 0} in Spark SQL). */
  public static void between(double lo, double hi, double value, String what) {
    assertTrue(value > lo && value <= hi, what + " = " + value + ", expected in (" + lo + ", " + hi + "]");
  }

  /** True where {@code column} is a finite number: not null, not NaN, not +-Infinity. */
  public static Column finite(String column) {
    Column c = functions.col(column);
    return c.isNotNull().and(functions.not(functions.isnan(c))).and(functions.abs(c).lt(Double.MAX_VALUE));
  }
}
