package org.sparkae.ml;

import java.util.function.Supplier;
import org.sparkae.data.InvalidRowException;

/** Turns failures of Spark jobs caused by bad rows back into the clear error the executor raised. */
final class SparkErrors {
  private SparkErrors() {}

  /**
   * Runs {@code action}; a bad-row failure inside a Spark task (which reaches the driver wrapped in
   * a SparkException with a stack of task details) is rethrown as itself, prefixed with {@code stage}.
   */
  static <T> T rethrowingBadRows(String stage, Supplier<T> action) {
    try {
      return action.get();
    } catch (Exception e) { // SparkException is checked but thrown undeclared from Scala
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof InvalidRowException bad) {
          throw new InvalidRowException(stage + ": " + bad.getMessage());
        }
      }
      throw SparkErrors.<RuntimeException>sneaky(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static <E extends Exception> E sneaky(Exception e) throws E {
    throw (E) e;
  }
}
