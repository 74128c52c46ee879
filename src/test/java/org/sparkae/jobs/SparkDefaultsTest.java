package org.sparkae.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * conf/spark-defaults.conf is the one list of the Java 17 options: the executors get what the driver
 * gets, and this test JVM (whose options Maven reads from the same file) runs with them.
 */
class SparkDefaultsTest {
  @Test
  void driverExecutorsAndTestsShareOneListOfJavaOptions() throws Exception {
    Properties defaults = new Properties();
    try (Reader in = Files.newBufferedReader(Path.of("conf/spark-defaults.conf"))) {
      defaults.load(in);
    }
    String driver = defaults.getProperty("spark.driver.extraJavaOptions");
    assertTrue(driver.contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED"), driver);
    assertEquals(driver, defaults.getProperty("spark.executor.extraJavaOptions"));
    String jvm = String.join(" ", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
    for (String option : driver.split("\\s+")) {
      assertTrue(jvm.contains(option), option + " missing from the test JVM's options: " + jvm);
    }
  }
}
