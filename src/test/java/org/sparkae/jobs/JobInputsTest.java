package org.sparkae.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.classification.RandomForestClassificationModel;
import org.apache.spark.ml.feature.MinMaxScalerModel;
import org.apache.spark.ml.feature.StandardScalerModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkae.TestSpark;
import org.sparkae.ml.AutoencoderModel;

/** csv and libsvm inputs, scaling, random forest: the pipeline the config asks for, end to end. */
class JobInputsTest {
  @TempDir
  static Path dir;
  private static final String[] SMALL = {"--set", "autoencoder.encoderLayers=[6]", "--set", "autoencoder.latentSize=2",
      "--set", "autoencoder.maxEpochs=3", "--set", "autoencoder.batchSize=16", "--set", "input.testPath=\"\"",
      "--set", "input.testFraction=0.25", "--set", "input.imageWidth=0"};

  /** Two well separated clusters in 4-D (label 0 near 0.2, label 1 near 0.8), with noise. */
  @BeforeAll
  static void writeData() throws Exception {
    TestSpark.session();
    SplittableRandom rng = new SplittableRandom(5);
    List<String> csv = new ArrayList<>(List.of("x1,x2,x3,x4,label"));
    List<String> libsvm = new ArrayList<>();
    for (int i = 0; i < 240; i++) {
      int label = i % 2;
      double[] x = new double[4];
      StringBuilder svm = new StringBuilder(String.valueOf(label));
      for (int j = 0; j < 4; j++) {
        x[j] = (label == 0 ? 0.2 : 0.8) + 0.05 * rng.nextGaussian();
        svm.append(' ').append(j + 1).append(':').append(x[j]);
      }
      csv.add(x[0] + "," + x[1] + "," + x[2] + "," + x[3] + "," + label);
      libsvm.add(svm.toString());
    }
    Files.write(dir.resolve("data.csv"), csv);
    Files.write(dir.resolve("data.libsvm"), libsvm);
  }

  @Test
  void csvWithMinMaxScalingAndRandomForest() throws Exception {
    Path out = dir.resolve("csv-run");
    assertEquals(0, TrainJob.run(concat(SMALL, "--set", "input.format=csv",
        "--set", "input.path=" + dir.resolve("data.csv").toUri(), "--set", "input.featuresCol=[x1,x2,x3,x4]",
        "--set", "scaling=minmax", "--set", "classifier.type=randomforest", "--set", "classifier.numTrees=10",
        "--set", "output.dir=" + out.toUri())));
    PipelineModel model = PipelineModel.load(out.resolve("model").toUri().toString());
    assertTrue(model.stages()[0] instanceof VectorAssembler);
    assertTrue(model.stages()[1] instanceof MinMaxScalerModel);
    assertEquals("scaled", ((AutoencoderModel) model.stages()[2]).getInputCol());
    assertTrue(model.stages()[3] instanceof RandomForestClassificationModel);
    JsonNode metrics = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
    assertEquals("randomforest", metrics.at("/evaluation/classifier/type").asText());
    double accuracy = metrics.at("/evaluation/classifier/accuracy").asDouble();
    assertTrue(accuracy > 0.9, "two separated clusters are told apart through the 2-D codes: " + accuracy);
    long rows = metrics.at("/evaluation/rows").asLong() + metrics.at("/training/trainingRows").asLong()
        + metrics.at("/training/validationRows").asLong();
    assertEquals(240, rows, "train and test split the input");
  }

  @Test
  void libsvmWithStandardScalingAndNoClassifier() throws Exception {
    Path out = dir.resolve("libsvm-run");
    assertEquals(0, TrainJob.run(concat(SMALL, "--set", "input.format=libsvm",
        "--set", "input.path=" + dir.resolve("data.libsvm").toUri(), "--set", "scaling=standard",
        "--set", "classifier.type=none", "--set", "output.dir=" + out.toUri())));
    PipelineModel model = PipelineModel.load(out.resolve("model").toUri().toString());
    assertEquals(2, model.stages().length);
    assertTrue(model.stages()[0] instanceof StandardScalerModel);
    assertEquals("identity", ((AutoencoderModel) model.stages()[1]).getOutputActivation(),
        "standardized data is unbounded");
    JsonNode metrics = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
    assertTrue(metrics.at("/evaluation/classifier").isMissingNode());
    assertFalse(Files.readString(out.resolve("report.html")).contains("images.png"), "no image grid for tabular data");
  }

  private static String[] concat(String[] first, String... more) {
    String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
    System.arraycopy(more, 0, all, first.length, more.length);
    return all;
  }
}
