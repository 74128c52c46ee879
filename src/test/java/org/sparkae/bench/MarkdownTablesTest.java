package org.sparkae.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The markdown templates render the tables of real runs exactly as they were published: golden/ holds
 * a run's JSON and the markdown written from it at the time.
 */
class MarkdownTablesTest {
  @Test
  void theBenchmarkTableRendersAsPublished() throws IOException {
    assertEquals(golden("bench.md"), BenchmarkTable.markdown(results("bench.json")));
  }

  @Test
  void theSuiteTableRendersAsPublished() throws IOException {
    assertEquals(golden("suite.md"), SuiteTable.markdown(results("suite.json")));
  }

  private static String golden(String name) throws IOException {
    try (InputStream in = MarkdownTablesTest.class.getResourceAsStream("golden/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** A run's JSON as the benchmark held it in memory: per-repeat ratios and round costs as double[]. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> results(String name) throws IOException {
    try (InputStream in = MarkdownTablesTest.class.getResourceAsStream("golden/" + name)) {
      return (Map<String, Object>) arrays(new ObjectMapper().readValue(in, LinkedHashMap.class));
    }
  }

  private static final Set<String> PER_REPEAT = Set.of("ratioPerRepeat", "roundMsPerRepeat");

  @SuppressWarnings("unchecked")
  private static Object arrays(Object value) {
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      ((Map<String, Object>) m).forEach((k, v) -> out.put(k, PER_REPEAT.contains(k)
          ? ((List<Number>) v).stream().mapToDouble(Number::doubleValue).toArray() : arrays(v)));
      return out;
    }
    if (value instanceof List<?> l) {
      return l.stream().map(MarkdownTablesTest::arrays).toList();
    }
    return value;
  }
}
