package org.sparkae.ml;

import java.io.Serializable;
import java.util.Arrays;
import scala.runtime.AbstractFunction1;

/** Param validators that Spark's {@code ParamValidators} does not offer. Serializable, as params travel with stages. */
final class ParamChecks {
  private ParamChecks() {}

  /** Non-empty int array whose every element is positive (layer widths). */
  static AbstractFunction1<int[], Object> positiveIntArray() {
    return new PositiveIntArray();
  }

  private static final class PositiveIntArray extends AbstractFunction1<int[], Object> implements Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public Object apply(int[] widths) {
      return widths != null && widths.length > 0 && Arrays.stream(widths).allMatch(w -> w > 0);
    }
  }
}
