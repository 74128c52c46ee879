package org.sparkae.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;
import org.sparkae.ml.Autoencoder;
import org.sparkae.nn.AutoencoderSpec;
import org.sparkae.nn.LatentDistance;
import org.sparkae.nn.ModelWeights;

/** The function that turns training rows' errors and codes into outlier scores travels without the network. */
class TrainingErrorsTest {
  @Test
  void theScoreFunctionShipsTheLatentTermNotTheNetwork() throws IOException {
    AutoencoderSpec spec = new Autoencoder().setInputCol("x").setLatentSize(2).spec(784, 784);
    LatentDistance term = new LatentDistance(1.0, new double[] {0.5, -0.5}, new double[] {2, 0, 0, 1}, 0.1, 0.05, 2,
        1.5);
    ModelWeights weights = new ModelWeights(spec, new float[(int) spec.numParams()]).withLatentDistance(term);
    TrainingErrors.ScoreOfErrorAndCode score = new TrainingErrors.ScoreOfErrorAndCode(weights.latentDistance());

    assertTrue(serializedSize(weights) > 1_000_000, "the weights carry the network's 400k parameters");
    assertTrue(serializedSize(score) < 16_384, "the function is " + serializedSize(score) + " bytes");
    float[] code = {1f, -2f};
    TrainingErrors.ErrorAndCode row = new TrainingErrors.ErrorAndCode(0.3, code);
    assertEquals(weights.outlierScore(0.3, code), score.call(row), 0.0, "the score the model gives");
    assertTrue(score.call(row) != 0.3, "the latent term counts");
    assertEquals(0.3, new TrainingErrors.ScoreOfErrorAndCode(null).call(row), 0.0, "no term: the error alone");
  }

  private static int serializedSize(Object value) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    return bytes.size();
  }
}
