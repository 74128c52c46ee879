package org.sparkae.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.sparkae.TestSpark;

/**
 * The MLlib stage contract, checked the same way for every stage (after MLlib's own
 * {@code DefaultReadWriteTest} and {@code MLTest}): every param survives save/load and Java
 * serialization with a value that is not its default, {@code copy} keeps uid and values,
 * validators refuse what the docs rule out, {@code transformSchema} is the schema
 * {@code transform} produces, and a stream is scored like a batch.
 */
final class StageContract {
  private static final Pattern CHOICES = Pattern.compile("one of ([A-Za-z]+(?:\\|[A-Za-z]+)+)");

  private StageContract() {}

  /**
   * A copy of {@code stage} with every param, except {@code fixed}, set to a valid value that is not
   * its default (nor its current value); fails when one cannot be found, so a new param is covered.
   */
  static <T extends Params> T withEveryParamChanged(T stage, Set<String> fixed) {
    ParamMap changed = new ParamMap();
    for (Param<?> param : stage.params()) {
      if (!fixed.contains(param.name())) {
        changed.put(paramPair(param, otherValue(stage, param)));
      }
    }
    @SuppressWarnings("unchecked")
    T copy = (T) stage.copy(changed);
    return copy;
  }

  @SuppressWarnings("unchecked")
  private static org.apache.spark.ml.param.ParamPair<?> paramPair(Param<?> param, Object value) {
    return ((Param<Object>) param).w(value);
  }

  /** A valid value of {@code param} that differs from both its default and its current value in {@code stage}. */
  static Object otherValue(Params stage, Param<?> param) {
    Object current = stage.isDefined(param) ? stage.getOrDefault(param) : null;
    Object fallback = stage.hasDefault(param) ? stage.getDefault(param).get() : null;
    for (Object candidate : candidates(param, current)) {
      if (isValid(param, candidate) && !same(candidate, current) && !same(candidate, fallback)) {
        return candidate;
      }
    }
    fail("no valid non-default value found for param " + param.name() + " of " + stage.uid()
        + ": teach StageContract.candidates its type or constraint");
    return null;
  }

  private static List<Object> candidates(Param<?> param, Object current) {
    if (param instanceof BooleanParam) {
      return List.of(current == null || !((Boolean) current));
    }
    if (param instanceof IntParam) {
      int d = current == null ? 0 : (Integer) current;
      return List.of(d + 2, d + 1, d * 2 + 1, 3, 1, 0);
    }
    if (param instanceof LongParam) {
      long d = current == null ? 0 : (Long) current;
      return List.of(d + 1, 42L);
    }
    if (param instanceof DoubleParam) {
      double d = current == null ? 0 : (Double) current;
      return List.of(d * 0.5, d + 0.25, 0.3, 0.05, -0.5, d * 2, 7.0);
    }
    if (param instanceof IntArrayParam) {
      return List.of(new int[] {12, 6}, new int[] {1, 4, 4}, new int[] {5});
    }
    Matcher choices = CHOICES.matcher(param.doc());
    if (choices.find()) {
      return List.of((Object[]) choices.group(1).split("\\|"));
    }
    return List.of("changed_" + param.name(), "");
  }

  @SuppressWarnings("unchecked")
  static boolean isValid(Param<?> param, Object value) {
    return (Boolean) ((Param<Object>) param).isValid().apply(value);
  }

  /** Every explicitly set param of {@code expected} has the same value in {@code actual}, and uids agree. */
  static void assertSameParams(Params expected, Params actual, String what) {
    assertEquals(expected.uid(), actual.uid(), what + ": uid");
    for (Param<?> param : expected.params()) {
      Param<?> other = actual.getParam(param.name());
      assertEquals(expected.isSet(param), actual.isSet(other), what + ": whether " + param.name() + " is set");
      if (expected.isDefined(param)) {
        Object a = expected.getOrDefault(param);
        Object b = actual.getOrDefault(other);
        assertTrue(same(a, b), what + ": " + param.name() + " was " + show(a) + ", is " + show(b));
      }
    }
  }

  /** Saves with MLWritable, loads with {@code load}, and checks every param; returns what was loaded. */
  static <T extends Params> T assertSaveLoadKeepsEveryParam(T stage, Path dir, Function<String, T> load)
      throws IOException {
    String path = TestSpark.path(dir, stage.uid());
    ((MLWritable) stage).write().save(path);
    T loaded = load.apply(path);
    assertSameParams(stage, loaded, "save/load of " + stage.getClass().getSimpleName());
    return loaded;
  }

  /** Java serialization (how Spark ships a pipeline inside a closure or a broadcast) keeps every param. */
  @SuppressWarnings("unchecked")
  static <T extends Params> T assertJavaSerializable(T stage) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(stage);
    }
    T back;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      back = (T) in.readObject();
    }
    assertNotSame(stage, back);
    assertSameParams(stage, back, "Java serialization of " + stage.getClass().getSimpleName());
    return back;
  }

  /** copy(extra) keeps uid and every value, applies the extra value, and leaves the original alone. */
  static void assertCopyKeepsUidAndValues(Params stage, Param<?> param) {
    Object before = stage.getOrDefault(param);
    Object other = otherValue(stage, param);
    Params copy = stage.copy(new ParamMap().put(paramPair(param, other)));
    assertNotSame(stage, copy);
    assertEquals(stage.getClass(), copy.getClass());
    assertTrue(same(other, copy.getOrDefault(copy.getParam(param.name()))), "copy applies the extra " + param.name());
    assertTrue(same(before, stage.getOrDefault(param)), "the original keeps its " + param.name());
    Params back = copy.copy(new ParamMap().put(paramPair(copy.getParam(param.name()), before)));
    assertSameParams(stage, back, "copy of " + stage.getClass().getSimpleName());
  }

  /**
   * Every DoubleParam refuses NaN; every param whose doc gives a lower bound (">= 0", "> 0") refuses a
   * value below it; every param whose doc lists its choices refuses another word.
   */
  static void assertValidatorsMatchTheDocs(Params stage) {
    for (Param<?> param : stage.params()) {
      String doc = param.doc();
      if (param instanceof DoubleParam) {
        assertFalse(isValid(param, Double.NaN), param.name() + " accepts NaN");
      }
      if (param instanceof IntParam && (doc.contains(">= 0") || doc.contains("> 0"))) {
        assertFalse(isValid(param, -1), param.name() + " accepts -1 though its doc says " + doc);
      }
      if (param instanceof DoubleParam && doc.contains("(> 0")) {
        assertFalse(isValid(param, -1.0), param.name() + " accepts -1.0 though its doc says " + doc);
      }
      if (CHOICES.matcher(doc).find()) {
        assertFalse(isValid(param, "noSuchChoice"), param.name() + " accepts a word its doc does not list");
      }
    }
  }

  /** transformSchema(input) is field by field, nullability and metadata included, what transform yields. */
  static void assertSchemaMatchesTransform(Transformer stage, Dataset<Row> input) {
    StructType declared = stage.transformSchema(input.schema());
    StructType actual = stage.transform(input).schema();
    assertEquals(Arrays.toString(actual.fieldNames()), Arrays.toString(declared.fieldNames()), "column names");
    for (StructField field : actual.fields()) {
      StructField promised = declared.apply(field.name());
      assertEquals(field.dataType(), promised.dataType(), field.name() + ": type");
      assertEquals(field.nullable(), promised.nullable(), field.name() + ": nullable");
      assertEquals(field.metadata(), promised.metadata(), field.name() + ": metadata");
    }
  }

  /** A stream read from the same rows (a parquet directory) is scored row for row like the batch. */
  static void assertStreamingMatchesBatch(Transformer stage, Dataset<Row> batch, String idCol, String[] outputs,
      Path dir) throws Exception {
    String input = dir.resolve("stream-in-" + stage.uid()).toUri().toString();
    batch.write().parquet(input);
    Dataset<Row> stored = TestSpark.session().read().parquet(input);
    Dataset<Row> stream = TestSpark.session().readStream().schema(stored.schema()).parquet(input);
    assertTrue(stream.isStreaming());
    String table = "streamed_" + stage.uid().replaceAll("[^A-Za-z0-9]", "_");
    StreamingQuery query = stage.transform(stream).writeStream().format("memory").queryName(table)
        .trigger(Trigger.AvailableNow()).start();
    try {
      assertTrue(query.awaitTermination(TimeUnit.SECONDS.toMillis(120)), "stream finished in time");
    } finally {
      query.stop();
    }
    List<Row> streamed = TestSpark.session().table(table).select(idCol, outputs).orderBy(idCol).collectAsList();
    List<Row> expected = stage.transform(stored).select(idCol, outputs).orderBy(idCol).collectAsList();
    assertEquals(batch.count(), streamed.size(), "every row streamed");
    assertEquals(expected, streamed);
  }

  private static boolean same(Object a, Object b) {
    if (a instanceof int[] x && b instanceof int[] y) {
      return Arrays.equals(x, y);
    }
    if (a instanceof Double x && b instanceof Double y) {
      return x.equals(y);
    }
    return Objects.equals(a, b);
  }

  private static String show(Object value) {
    return value instanceof int[] a ? Arrays.toString(a) : String.valueOf(value);
  }
}
