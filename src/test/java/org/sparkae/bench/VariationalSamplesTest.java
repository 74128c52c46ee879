package org.sparkae.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sparkae.Expect.between;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkae.TestSpark;
import picocli.CommandLine;

/** The variational samples benchmark runs end to end on the bundled sample (a smoke run, not a measurement). */
class VariationalSamplesTest {
  @Test
  void judgesGeneratedNoiseAndDecodedImagesAndDrawsThem(@TempDir Path dir) throws Exception {
    TestSpark.session();
    int exit = new CommandLine(new VariationalSamples()).execute("--sample", "--out", dir.toString(),
        "--train-rows", "600", "--samples", "200", "--max-epochs", "3");
    assertEquals(0, exit);
    JsonNode r = new ObjectMapper().readTree(dir.resolve("variational.json").toFile());
    for (String kind : new String[] {"generated", "uniformNoise", "decodedTestCodes"}) {
      between(0.1, 1, r.at("/" + kind + "/meanTopClassProbability").asDouble(), kind + " top-class probability");
      between(0.5, 10, r.at("/" + kind + "/classesCovered").asDouble(), kind + " classes covered");
    }
    assertTrue(Files.size(dir.resolve("variational-samples.png")) > 1000, "the picture is drawn");
  }
}
