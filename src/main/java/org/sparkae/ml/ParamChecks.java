package org.sparkae.ml;

import java.io.Serializable;
import java.util.Arrays;
import scala.runtime.AbstractFunction1;

/** Param validators that Spark's {@code ParamValidators} does not offer. Serializable, as params travel with stages. */
final class ParamChecks {
  private ParamChecks() {}

  /** Int array whose every element is positive (layer widths); empty only when {@code allowEmpty}. */
  static AbstractFunction1<int[], Object> positiveIntArray(boolean allowEmpty) {
    return new PositiveIntArray(allowEmpty);
  }

  /** An odd number >= 1 (a kernel size whose 'Same' padding is symmetric). */
  static AbstractFunction1<Object, Object> oddPositive() {
    return new OddPositive();
  }

  private static final class OddPositive extends AbstractFunction1<Object, Object> implements Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public Object apply(Object value) {
      int n = (Integer) value;
      return n >= 1 && n % 2 == 1;
    }
  }

  /** Any double but NaN (a bound or threshold that every comparison with it would silently fail). */
  static AbstractFunction1<Object, Object> notNaN() {
    return new NotNaN();
  }

  private static final class NotNaN extends AbstractFunction1<Object, Object> implements Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public Object apply(Object value) {
      return !Double.isNaN((Double) value);
    }
  }

  /** Empty, or three positive numbers (an image shape: channels, height, width). */
  static AbstractFunction1<int[], Object> shapeOrEmpty() {
    return new ShapeOrEmpty();
  }

  private static final class ShapeOrEmpty extends AbstractFunction1<int[], Object> implements Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public Object apply(int[] shape) {
      return shape != null && (shape.length == 0 || shape.length == 3 && Arrays.stream(shape).allMatch(d -> d > 0));
    }
  }

  private static final class PositiveIntArray extends AbstractFunction1<int[], Object> implements Serializable {
    private static final long serialVersionUID = 1L;
    private final boolean allowEmpty;

    PositiveIntArray(boolean allowEmpty) {
      this.allowEmpty = allowEmpty;
    }

    @Override
    public Object apply(int[] widths) {
      return widths != null && (allowEmpty || widths.length > 0) && Arrays.stream(widths).allMatch(w -> w > 0);
    }
  }
}
