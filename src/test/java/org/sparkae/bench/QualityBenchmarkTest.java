package org.sparkae.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sparkae.TestSpark;
import picocli.CommandLine;

/**
 * The quality benchmark runs end to end on the bundled sample (every section, short trainings) and
 * reports what it measured; nothing here is a quality claim beyond "the models learned something".
 */
class QualityBenchmarkTest {

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"--loss, mae, loss", "--activation, softmax, relu|leakyrelu", "--latent-activation, RELU, identity",
      "--architecture, resnet, dense or conv"})
  void aValueTheStageDoesNotTakeIsAUsageErrorNamingTheOptionAndTheChoices(String option, String value,
      String named, @TempDir Path dir) {
    StringWriter err = new StringWriter();
    PrintWriter errWriter = new PrintWriter(err);
    int exit = new CommandLine(new QualityBenchmark()).setErr(errWriter)
        .execute("--sample", "--out", dir.toString(), option, value);
    errWriter.flush();
    assertEquals(2, exit, "usage error: " + err);
    assertTrue(err.toString().contains(option) && err.toString().contains(value) && err.toString().contains(named),
        err.toString());
    assertFalse(Files.exists(dir.resolve("quality.json")), "nothing measured");
  }

  @Test
  void everySectionIsMeasuredAndEveryModelIsCheckpointedUnderItsOwnName(@TempDir Path dir) throws Exception {
    TestSpark.session(); // the benchmark joins the tests' local[2] session
    Path out = dir.resolve("quality");
    Path checkpoints = dir.resolve("checkpoints");
    int exit = new CommandLine(new QualityBenchmark()).execute("--sample", "--out", out.toString(),
        "--features-epochs", "3", "--max-epochs", "3", "--classes", "0,1", "--noises", "gaussian",
        "--skip", "randomforest", "--checkpoint-dir", checkpoints.toString(),
        // the outlier defaults (128 rows at 1e-4) are for 6,000 images a class; three epochs of the sample need more
        "--outlier-batch-size", "64", "--outlier-learning-rate", "2e-3");
    assertEquals(0, exit, "exit code");

    JsonNode q = new ObjectMapper().readTree(out.resolve("quality.json").toFile());
    assertTrue(q.get("data").asText().startsWith("bundled sample"), q.get("data").asText());
    JsonNode logistic = q.at("/features/logistic");
    for (String input : new String[] {"autoencoder", "pca32", "raw"}) {
      // 10 balanced classes: chance is 0.1
      assertTrue(logistic.get(input).asDouble() > 0.5, input + " accuracy " + logistic.get(input));
    }
    assertEquals(2, q.at("/outliers/perClass").size(), "one entry per class asked for");
    for (JsonNode c : q.at("/outliers/perClass")) {
      assertTrue(c.get("autoencoder").asDouble() > 0.6, "AUROC of class " + c);
      assertTrue(c.get("pca32").asDouble() > 0.6, "PCA AUROC of class " + c);
      assertTrue(c.get("pca32ResidualStd").asDouble() > 0.6, "scaled PCA AUROC of class " + c);
      assertEquals("lr 0.002 l2 0.0 (epochs 1-3)", c.get("trainedWith").asText(), "outlier-only rate of class " + c);
      assertEquals("residualStd", c.get("errorScaling").asText(), "the one-class models' default scoring");
    }
    JsonNode gaussian = q.at("/denoising/gaussian");
    double noisy = gaussian.get("noisy").asDouble();
    assertTrue(gaussian.get("median3").asDouble() > noisy + 2, "a 3x3 median filter removes noise: " + gaussian);
    assertTrue(gaussian.get("autoencoder").asDouble() > noisy + 2, "so does the DAE: " + gaussian);
    assertTrue(Files.exists(out.resolve("denoising-gaussian.png")), "picture");
    String table = Files.readString(out.resolve("quality.md"));
    assertTrue(table.contains("| gaussian |"), "markdown table");
    assertTrue(table.contains("- gaussian DAE trained 3 epochs: lr 0.001 l2 0.0 (epochs 1-3)"),
        "training line: " + table);

    for (String model : new String[] {"features", "outliers-class-0", "outliers-class-1", "denoising-gaussian"}) {
      assertTrue(Files.exists(checkpoints.resolve(model).resolve("epoch-00003/state.json")), model + " checkpoint");
    }
  }
}
