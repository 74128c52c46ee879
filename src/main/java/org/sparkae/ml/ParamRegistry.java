package org.sparkae.ml;

import java.io.Serializable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;
import scala.Function1;

/**
 * The params of one stage, each created the first time its accessor asks for it and kept from then on,
 * so the accessor (in {@link AutoencoderParams}) is the one place that declares a param's name, doc,
 * validator and default. Java interfaces hold no state, hence this holder; serialized with its stage.
 */
public final class ParamRegistry implements Serializable {
  private static final long serialVersionUID = 1L;
  private final Params owner;
  private final ConcurrentHashMap<String, Param<?>> byName = new ConcurrentHashMap<>();

  /** Create it once the owner's uid is set: every param takes the uid as its parent. */
  ParamRegistry(Params owner) {
    this.owner = owner;
  }

  /** A string param; {@code defaultValue} null leaves it without a default. */
  Param<String> string(String name, String doc, String defaultValue) {
    return define(name, () -> new Param<>(owner, name, doc), defaultValue);
  }

  /** An output column: "" leaves it out. */
  Param<String> column(String name, String doc, String defaultValue) {
    return string(name, doc + "; \"\" leaves it out", defaultValue);
  }

  /** A string param that accepts one of {@code allowed}, listed in its doc. */
  Param<String> choice(String name, String doc, String[] allowed, String defaultValue) {
    return define(name, () -> choice(owner, name, doc, allowed), defaultValue);
  }

  IntParam integer(String name, String doc, Function1<Object, Object> isValid, int defaultValue) {
    return define(name, () -> new IntParam(owner, name, doc, isValid), defaultValue);
  }

  DoubleParam real(String name, String doc, Function1<Object, Object> isValid, double defaultValue) {
    return define(name, () -> new DoubleParam(owner, name, doc, isValid), defaultValue);
  }

  LongParam longValue(String name, String doc, long defaultValue) {
    return define(name, () -> new LongParam(owner, name, doc), defaultValue);
  }

  BooleanParam flag(String name, String doc, boolean defaultValue) {
    return define(name, () -> new BooleanParam(owner, name, doc), defaultValue);
  }

  IntArrayParam ints(String name, String doc, Function1<int[], Object> isValid, int[] defaultValue) {
    return define(name, () -> new IntArrayParam(owner, name, doc, isValid), defaultValue);
  }

  /** A string param of {@code owner} that accepts one of {@code allowed}, listed in its doc. */
  static Param<String> choice(Params owner, String name, String doc, String[] allowed) {
    return new Param<>(owner, name, doc + ": one of " + String.join("|", allowed), ParamValidators.inArray(allowed));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private <P extends Param<?>> P define(String name, Supplier<P> create, Object defaultValue) {
    return (P) byName.computeIfAbsent(name, n -> {
      P param = create.get();
      if (defaultValue != null) {
        owner.setDefault((Param) param, defaultValue);
      }
      return param;
    });
  }
}
