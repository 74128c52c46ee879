package org.sparkae.serialization;

import java.util.Arrays;
import org.apache.spark.SparkConf;

/** Fails early, with the fix, when a session uses Kryo without the registrator sparkae's data needs. */
public final class KryoSetup {
  static final String KRYO = "org.apache.spark.serializer.KryoSerializer";

  private KryoSetup() {}

  /**
   * Throws when {@code spark.serializer} is Kryo and {@code spark.kryo.registrator} does not list
   * {@link Nd4jKryoRegistrator}: a task would otherwise die deep inside Kryo on the first training
   * row, model broadcast or parameter array.
   */
  public static void check(SparkConf conf, String stage) {
    if (!KRYO.equals(conf.get("spark.serializer", "").trim())) {
      return;
    }
    String registrators = conf.get("spark.kryo.registrator", "");
    boolean listed = Arrays.stream(registrators.split(",")).map(String::trim).anyMatch(KryoSetup::registersNd4j);
    if (!listed) {
      throw new IllegalStateException(stage + ": spark.serializer is Kryo but spark.kryo.registrator ("
          + (registrators.isBlank() ? "unset" : registrators) + ") does not list " + Nd4jKryoRegistrator.class.getName()
          + "; Kryo cannot carry ND4J arrays or sparkae's training rows and model weights without it. Add it "
          + "(comma-separated after your own registrators) or use Spark's default Java serializer.");
    }
  }

  /** The registrator itself, or a class extending it (such as the one under its former name). */
  private static boolean registersNd4j(String className) {
    try {
      return !className.isEmpty() && Nd4jKryoRegistrator.class.isAssignableFrom(
          Class.forName(className, false, Thread.currentThread().getContextClassLoader()));
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
