package org.sparkae.jobs;

import java.util.List;
import java.util.Map;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/** Applies config values to a stage's params by name, converting types; bad values become ConfigErrors. */
final class StageParams {
  private StageParams() {}

  static void apply(Params stage, Map<String, Object> values, String keyPrefix) {
    for (Map.Entry<String, Object> e : values.entrySet()) {
      String key = keyPrefix + e.getKey();
      if (!stage.hasParam(e.getKey())) {
        throw new ConfigError("unknown key '" + key + "'");
      }
      Param<Object> param = stage.getParam(e.getKey());
      try {
        stage.set(param, convert(param, e.getValue()));
      } catch (IllegalArgumentException | ClassCastException ex) {
        throw new ConfigError("key '" + key + "': " + describe(ex, param, e.getValue()));
      }
    }
  }

  private static Object convert(Param<?> param, Object value) {
    if (param instanceof IntArrayParam) {
      List<?> list = value instanceof List<?> l ? l : List.of(value);
      return list.stream().mapToInt(v -> toNumber(v).intValue()).toArray();
    }
    if (param instanceof IntParam) {
      Number n = toNumber(value);
      if (n.doubleValue() != Math.rint(n.doubleValue())) {
        throw new IllegalArgumentException("must be a whole number");
      }
      return n.intValue();
    }
    if (param instanceof LongParam) {
      return toNumber(value).longValue();
    }
    if (param instanceof DoubleParam) {
      return toNumber(value).doubleValue();
    }
    if (param instanceof BooleanParam) {
      return toBoolean(value);
    }
    return String.valueOf(value);
  }

  /** HOCON's booleans: true/false, yes/no, on/off (a --set value arrives as text). */
  private static boolean toBoolean(Object value) {
    if (value instanceof Boolean b) {
      return b;
    }
    return switch (String.valueOf(value).toLowerCase(java.util.Locale.ROOT)) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw new IllegalArgumentException("must be true or false, got '" + value + "'");
    };
  }

  private static Number toNumber(Object value) {
    if (value instanceof Number n) {
      return n;
    }
    try {
      return Double.parseDouble(String.valueOf(value));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("must be a number, got '" + value + "'");
    }
  }

  private static String describe(Exception ex, Param<?> param, Object value) {
    String msg = ex.getMessage() == null ? ex.toString() : ex.getMessage();
    if (msg.contains("given invalid value")) {
      return "invalid value " + value + " (" + param.doc() + ")";
    }
    return msg;
  }
}
