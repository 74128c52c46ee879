package org.sparkae.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoublePredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sparkae.TestSpark;

/**
 * Runs every %spark paragraph of every note in notebooks/, in order, in Spark's own Scala REPL with
 * spark, sc and z bound, and checks each note's key outputs (the "CHECK name=value" lines it prints).
 * One REPL serves all notes: its compiled classes are served to executors from one directory, so
 * class names must stay unique across notes.
 */
@Tag("notebooks")
class NotebooksTest {
  private static final Path NOTEBOOKS = Path.of("notebooks");
  private static final Pattern CHECK = Pattern.compile("^CHECK (\\S+)=(\\S+)$", Pattern.MULTILINE);
  private static final Map<String, Map<String, DoublePredicate>> EXPECTED = Map.of(
      // Outlier rates on held-out rows: near the contamination the threshold was learned for.
      "quickstart", Map.of("accuracy", v -> v > 0.6 && v <= 1, "outlierRate", v -> v > 0 && v <= 5 * 0.01),
      "denoising", Map.of("psnrNoisy", v -> v > 5 && v < 30, "psnrDenoised", v -> v > 14),
      "anomaly-detection", Map.of("rate_0.01", v -> v >= 0.01 / 5 && v <= 0.01 * 3,
          "rate_0.05", v -> v >= 0.05 / 3 && v <= 0.05 * 3, "rate_0.1", v -> v >= 0.1 / 3 && v <= 0.1 * 3, "auroc_none", v -> v > 0.6 && v <= 1,
          "auroc_residualStd", v -> v > 0.6 && v <= 1),
      "latent-space", Map.of("accCodes", v -> v > 0.6 && v <= 1, "accPca", v -> v > 0.6 && v <= 1),
      "at-scale", Map.of("rows", v -> v == 500, "accuracy", v -> v > 0.6 && v <= 1),
      "variational", Map.of("lossDrop", v -> v > 0 && v < 0.9, "samplePixelMean", v -> v > 0.05 && v < 0.7,
          "steps", v -> v == 10, "aurocPlain", v -> v > 0.6 && v <= 1, "aurocElbo", v -> v > 0.6 && v <= 1));

  @TempDir
  static Path baseDir;
  private static ScalaRepl repl;

  @BeforeAll
  static void startRepl() {
    System.setProperty("sparkae.notebook.baseUri", baseDir.toUri().toString().replaceAll("/$", ""));
    repl = new ScalaRepl(TestSpark.session(), TestSpark.replClassDir());
  }

  @AfterAll
  static void stopRepl() {
    System.clearProperty("sparkae.notebook.baseUri");
    if (repl != null) {
      repl.close();
    }
  }

  static Stream<String> notes() throws Exception {
    try (Stream<Path> files = Files.list(NOTEBOOKS)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".zpln"))
          .map(n -> n.substring(0, n.length() - ".zpln".length())).sorted().toList().stream();
    }
  }

  @Test
  void everyNoteHasItsChecks() throws Exception {
    assertEquals(EXPECTED.keySet(), new java.util.HashSet<>(notes().toList()));
  }

  @ParameterizedTest(name = "{0}.zpln runs and its outputs are in range")
  @MethodSource("notes")
  void noteRunsInARealScalaRepl(String name) throws Exception {
    JsonNode note = new ObjectMapper().readTree(NOTEBOOKS.resolve(name + ".zpln").toFile());
    List<JsonNode> paragraphs = new ArrayList<>();
    note.get("paragraphs").forEach(paragraphs::add);
    assertTrue(paragraphs.get(0).get("text").asText().startsWith("%md"), "a %md introduction comes first");
    StringBuilder output = new StringBuilder();
    for (JsonNode p : paragraphs) {
      String title = p.path("title").asText();
      assertFalse(title.isBlank(), "every paragraph is titled");
      assertTrue(p.path("results").isMissingNode() || p.path("results").path("msg").isEmpty(),
          "outputs are cleared: " + title);
      String text = p.get("text").asText();
      if (!text.startsWith("%spark\n")) {
        continue;
      }
      try {
        output.append(repl.run(text.substring("%spark\n".length())));
      } catch (AssertionError e) {
        throw new AssertionError(name + ".zpln, paragraph '" + title + "': " + e.getMessage(), e);
      }
    }
    Map<String, Double> checks = new HashMap<>();
    Matcher m = CHECK.matcher(output);
    while (m.find()) {
      checks.put(m.group(1), Double.parseDouble(m.group(2)));
    }
    System.out.println("notebook " + name + ": " + new java.util.TreeMap<>(checks));
    Map<String, DoublePredicate> expected = EXPECTED.get(name);
    assertNotNull(expected, "expected outputs for " + name);
    for (Map.Entry<String, DoublePredicate> e : expected.entrySet()) {
      Double value = checks.get(e.getKey());
      assertNotNull(value, name + " printed no CHECK " + e.getKey() + "; output:\n" + tail(output));
      assertTrue(e.getValue().test(value), name + ": " + e.getKey() + " = " + value + " is out of range");
    }
    if (output.indexOf("data:image/png;base64,") < 0 && !name.equals("quickstart") && !name.equals("at-scale")) {
      throw new AssertionError(name + " shows no image");
    }
  }

  @Test
  void aBrokenParagraphFailsTheRun() {
    AssertionError compile = assertThrows(AssertionError.class, () -> repl.run("val x: Int = \"not a number\""));
    assertTrue(compile.getMessage().contains("type mismatch"), compile.getMessage());
    AssertionError thrown = assertThrows(AssertionError.class,
        () -> repl.run("val ok = 1\nthrow new IllegalStateException(\"boom\")"));
    assertTrue(thrown.getMessage().contains("boom"), thrown.getMessage());
    AssertionError sparkFailure = assertThrows(AssertionError.class,
        () -> repl.run("sc.parallelize(1 to 3).map(i => 1 / (i - i)).collect()"));
    assertTrue(sparkFailure.getMessage().contains("ArithmeticException"), sparkFailure.getMessage());
  }

  private static String tail(CharSequence s) {
    return s.length() < 3000 ? s.toString() : s.subSequence(s.length() - 3000, s.length()).toString();
  }
}
