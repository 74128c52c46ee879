package org.sparkae.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** How a configuration is shown in the log and the report. */
class JobConfigTest {
  @Test
  void aLongColumnListIsShownOnOneLine() {
    String columns = IntStream.range(0, 64).mapToObj(i -> "\"col " + i + "\"").collect(Collectors.joining(","));
    JobConfig config = JobConfig.load(null, List.of("input.featuresCol=[" + columns + "]",
        "input.excludeCols=[\"a,b\", c]"));
    String rendered = config.render();
    List<String> featureLines = rendered.lines().filter(line -> line.contains("col 0")).toList();
    assertEquals(1, featureLines.size(), rendered);
    assertTrue(featureLines.get(0).contains("\"col 0\", \"col 1\"") && featureLines.get(0).contains("\"col 63\"]"),
        featureLines.get(0));
    assertTrue(rendered.contains("[\"a,b\", c]"), rendered);
    // The collapsed text still reads back as the same configuration.
    assertEquals(64, ConfigFactory.parseString(rendered).getConfig("input").getStringList("featuresCol").size());
  }
}
