package org.sparkae.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkae.TestSpark;
import picocli.CommandLine;

/**
 * The defaults suite end to end on a tabular set and the digits (one split, two one-class classes): every
 * contender is measured on the same rows, and a validation run scores a quarter of train, never the test split.
 */
class BenchmarkSuiteTest {

  @Test
  void everyContenderIsMeasuredOnTheSameSplitAndValidationLeavesTestUnread(@TempDir Path dir) throws Exception {
    TestSpark.session(); // the suite joins the tests' local[2] session
    int exit = new CommandLine(new BenchmarkSuite()).execute("--out", dir.toString(), "--sets", "pima,digits",
        "--seeds", "1", "--classes", "0,1", "--validation");
    assertEquals(0, exit, "exit code");

    JsonNode suite = new ObjectMapper().readTree(dir.resolve("suite.json").toFile());
    JsonNode pima = suite.at("/sets/pima");
    for (String method : new String[] {"autoencoder", "pca", "isolationForest", "autoencoderErrorOnly"}) {
      double auroc = pima.get("outliers." + method + ".auroc").asDouble();
      assertTrue(auroc > 0.55 && auroc <= 1, method + " ranks diabetic rows above the others: " + auroc);
      double ap = pima.get("outliers." + method + ".averagePrecision").asDouble();
      assertTrue(ap > 0.35 && ap <= 1, method + " average precision above the outlier share: " + ap);
    }
    // 768 rows: 461 in the 60% train split, of which a stratified quarter is scored; the test split is unread
    assertEquals(346, pima.get("splits").get(0).get("trainRows").asInt());
    assertEquals(115, pima.get("splits").get(0).get("scoredRows").asInt());

    JsonNode digits = suite.at("/sets/digits");
    assertEquals(2, digits.at("/splits/0/oneClass/perClass").size());
    for (String key : new String[] {"features.autoencoder", "features.pca", "features.raw"}) {
      assertTrue(digits.get(key).asDouble() > 0.5, key + " accuracy over ten digits " + digits.get(key));
    }
    assertTrue(digits.get("oneClass.meanAurocAutoencoder").asDouble() > 0.8, digits.toString());
    assertTrue(digits.get("oneClass.meanAurocAutoencoderErrorOnly").asDouble() > 0.8, digits.toString());
    assertTrue(suite.at("/summary/tabularMeanAurocAutoencoder").isNumber());
    String table = Files.readString(dir.resolve("suite.md"));
    assertTrue(table.contains("| pima (768 x 8) |") && table.contains("| digits (k = 9) |"), table);
  }

  @Test
  void anUnknownStageParamIsRefusedBeforeAnyDataIsRead(@TempDir Path dir) {
    String err = usageError(dir, "--ae", "latentSise=4");
    assertTrue(err.contains("latentSise"), err);
  }

  @Test
  void aStageParamTakesItsValueAsJsonOrAPlainNumber() {
    var ae = SuiteDetectors.autoencoder(List.of("latentDistanceWeight=2", "encoderLayers=[16, 4]",
        "noiseType=masking"));
    assertEquals(2.0, ae.getLatentDistanceWeight());
    assertEquals(List.of(16, 4), Arrays.stream(ae.getEncoderLayers()).boxed().toList());
    assertEquals("masking", ae.getNoiseType());
  }

  @Test
  void aSetWithNoDataIsRefusedBeforeAnySetRuns(@TempDir Path dir) {
    String err = usageError(dir, "--sets", "pima,glas");
    assertTrue(err.contains("'glas'") && err.contains("glas.csv.gz"), err);
  }

  @Test
  void aHeldOutTableIsReadFromTheDataDirectoryByName(@TempDir Path dir) throws Exception {
    TestSpark.session();
    int exit = new CommandLine(new BenchmarkSuite()).execute("--out", dir.toString(), "--sets", "wine",
        "--seeds", "1", "--validation");
    assertEquals(0, exit, "exit code");
    JsonNode wine = new ObjectMapper().readTree(dir.resolve("suite.json").toFile()).at("/sets/wine");
    assertEquals(129, wine.get("rows").asInt());
    assertEquals(13, wine.get("columns").asInt());
    double auroc = wine.get("outliers.autoencoder.auroc").asDouble();
    assertTrue(auroc > 0.5 && auroc <= 1, "the stage ranks the drawn cultivar-1 rows above the others: " + auroc);
  }

  @Test
  void theMnistImageSetIsReadFromItsFileAndSkippedWithoutIt(@TempDir Path dir) throws Exception {
    TestSpark.session();
    Path images = dir.resolve("mnist.csv.gz"); // 300 of the 8x8 digits in [0, 1], in the file format of fetch-mnist.sh
    try (var in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
            Files.newInputStream(Path.of("src/test/resources/suite/digits.csv.gz"))), StandardCharsets.UTF_8));
        var out = new PrintWriter(new GZIPOutputStream(Files.newOutputStream(images)), true, StandardCharsets.UTF_8)) {
      in.lines().limit(300).forEach(line -> {
        String[] fields = line.split(",");
        for (int j = 0; j < fields.length - 1; j++) {
          fields[j] = Double.toString(Double.parseDouble(fields[j]) / 16);
        }
        out.println(String.join(",", fields));
      });
    }
    Path withFile = dir.resolve("with");
    assertEquals(0, new CommandLine(new BenchmarkSuite()).execute("--out", withFile.toString(), "--sets", "mnist",
        "--mnist-file", images.toString(), "--seeds", "1", "--classes", "0", "--validation"));
    JsonNode mnist = new ObjectMapper().readTree(withFile.resolve("suite.json").toFile()).at("/sets/mnist");
    assertEquals("image", mnist.get("kind").asText());
    assertEquals(300, mnist.get("rows").asInt());
    assertEquals(64, mnist.get("columns").asInt());
    assertTrue(mnist.get("oneClass.meanAurocAutoencoder").asDouble() > 0.8, mnist.toString());

    Path without = dir.resolve("without");
    assertEquals(0, new CommandLine(new BenchmarkSuite()).execute("--out", without.toString(), "--sets", "mnist",
        "--mnist-file", dir.resolve("absent.csv.gz").toString()));
    assertTrue(new ObjectMapper().readTree(without.resolve("suite.json").toFile()).at("/sets").isEmpty(),
        "skipped, not failed, when the digits were not fetched");
  }

  /** Runs the suite with these options, expects a usage error that wrote no results, and returns its message. */
  private static String usageError(Path dir, String... options) {
    StringWriter err = new StringWriter();
    String[] args = new String[options.length + 2];
    args[0] = "--out";
    args[1] = dir.toString();
    System.arraycopy(options, 0, args, 2, options.length);
    int exit = new CommandLine(new BenchmarkSuite()).setErr(new PrintWriter(err, true)).execute(args);
    assertEquals(2, exit, "a usage error");
    assertFalse(Files.exists(dir.resolve("suite.json")));
    return err.toString();
  }
}
