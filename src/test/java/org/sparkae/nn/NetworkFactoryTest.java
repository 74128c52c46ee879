package org.sparkae.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The networks the specs describe: the layers a user asked for, in the order they asked. */
class NetworkFactoryTest {

  private static long[] widths(MultiLayerNetwork net) {
    return Arrays.stream(net.getLayers())
        .map(layer -> layer.conf().getLayer())
        .filter(FeedForwardLayer.class::isInstance)
        .mapToLong(layer -> ((FeedForwardLayer) layer).getNOut())
        .toArray();
  }

  @Test
  void aDenseNetworkIsTheEncoderTheCodeTheMirroredDecoderAndTheOutput() {
    AutoencoderSpec spec = new AutoencoderSpec(784, 784, new int[] {256, 64}, 32, "relu", "identity", "sigmoid",
        "mse", 1e-3, 0, 42);
    MultiLayerNetwork net = NetworkFactory.newNetwork(spec);
    assertArrayEquals(new long[] {256, 64, 32, 64, 256, 784}, widths(net));
    long expected = (784 * 256 + 256) + (256 * 64 + 64) + (64 * 32 + 32) + (32 * 64 + 64) + (64 * 256 + 256)
        + (256 * 784 + 784);
    assertEquals(expected, spec.numParams());
    assertEquals(expected, net.numParams());
    assertEquals(2, spec.latentLayerIndex());
  }

  @Test
  void aDenseNetworkWithoutHiddenLayersIsCodeAndOutput() {
    AutoencoderSpec spec = new AutoencoderSpec(10, 10, new int[0], 3, "relu", "identity", "sigmoid", "mse", 1e-3, 0, 1);
    assertArrayEquals(new long[] {3, 10}, widths(NetworkFactory.newNetwork(spec)));
    assertEquals(10 * 3 + 3 + 3 * 10 + 10, spec.numParams());
  }

  @Test
  void aConstantRateLeavesTheDecayOutOfItsOptimizer() {
    // Recorded in every checkpoint, and logged when a resumed run changes it.
    AutoencoderSpec spec = new AutoencoderSpec(10, 10, new int[0], 3, "relu", "identity", "sigmoid", "mse", 1e-3, 0, 1);
    assertEquals("lr 0.001 l2 0.0", spec.optimizer());
    AutoencoderSpec decayed = new AutoencoderSpec(10, 10, new int[0], new int[0], new int[0], 3, "relu", "identity",
        "sigmoid", "mse", 1e-3, 0.5, 0, 1);
    assertEquals("lr 0.001 decay 0.5 l2 0.0", decayed.optimizer());
  }

  @Test
  void aConvolutionalNetworkMirrorsItsDenseLayersBetweenTheConvolutions() {
    AutoencoderSpec spec = new AutoencoderSpec(784, 784, new int[] {1, 28, 28}, new int[] {8, 16}, new int[] {64}, 16,
        "relu", "identity", "sigmoid", "mse", 1e-3, 1.0, 0, 1);
    // conv 8, conv 16, dense 64, code 16, dense 64, dense 16*7*7 (feeds the deconvolutions), deconv 8, deconv 1,
    // then the loss layer (784 values out).
    assertArrayEquals(new long[] {8, 16, 64, 16, 64, 16 * 7 * 7, 8, 1, 784}, widths(NetworkFactory.newNetwork(spec)));
  }

  @Test
  void aFullyConvolutionalNetworkHasNoDenseLayersAndItsCodeIsTheLastFeatureMaps() {
    AutoencoderSpec spec = new AutoencoderSpec(784, 784, new int[] {1, 28, 28}, new int[] {8, 16}, new int[0], 0,
        "relu", "identity", "sigmoid", "mse", 1e-3, 1.0, 0, 1);
    MultiLayerNetwork net = NetworkFactory.newNetwork(spec);
    assertArrayEquals(new long[] {8, 16, 8, 1, 784}, widths(net));
    long expected = (9 * 1 * 8 + 8) + (9 * 8 * 16 + 16) + (9 * 16 * 8 + 8) + (9 * 8 * 1 + 1);
    assertEquals(expected, spec.numParams());
    assertEquals(expected, net.numParams());
    assertEquals(1, spec.latentLayerIndex());
    assertEquals(16 * 7 * 7, spec.latentWidth());
  }

  @Test
  void aLargerKernelWidensEveryConvolutionAndDeconvolutionAndNamesItselfInTheNetwork() {
    AutoencoderSpec spec = new AutoencoderSpec(784, 784, new int[] {1, 28, 28}, new int[] {8, 16}, 5, 0, new int[0], 0,
        "relu", "identity", "sigmoid", "mse", 1e-3, 1.0, 0, 1);
    MultiLayerNetwork net = NetworkFactory.newNetwork(spec);
    long expected = (25 * 1 * 8 + 8) + (25 * 8 * 16 + 16) + (25 * 16 * 8 + 8) + (25 * 8 * 1 + 1);
    assertEquals(expected, spec.numParams());
    assertEquals(expected, net.numParams());
    // 'Same' padding keeps the stride-2 shapes of the 3x3 net: 28 -> 14 -> 7 and back to 784 values.
    assertEquals(784, net.output(Nd4j.rand(DataType.FLOAT, 2, 784)).size(1));
    assertTrue(spec.toString().contains("conv5x5[8, 16]"), spec.toString());
    // The default kernel stays out of the name, which is a checkpoint's identity: older checkpoints still match.
    AutoencoderSpec threeByThree = new AutoencoderSpec(784, 784, new int[] {1, 28, 28}, new int[] {8, 16},
        new int[0], 0, "relu", "identity", "sigmoid", "mse", 1e-3, 1.0, 0, 1);
    assertTrue(threeByThree.toString().contains("conv[8, 16]"), threeByThree.toString());
    assertNotEquals(threeByThree, spec);
  }

  @Test
  void anEvenOrZeroKernelIsRefused() {
    for (int kernel : new int[] {0, 4, -3}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new AutoencoderSpec(784, 784,
          new int[] {1, 28, 28}, new int[] {8}, kernel, 0, new int[0], 0, "relu", "identity", "sigmoid", "mse", 1e-3,
          1.0, 0, 1));
      assertTrue(e.getMessage().contains("convKernelSize must be odd and >= 1"), e.getMessage());
    }
  }

  @Test
  void refinementConvolutionsEndTheDecoderAtFullResolutionAndNameThemselves() {
    AutoencoderSpec spec = new AutoencoderSpec(784, 784, new int[] {1, 28, 28}, new int[] {8, 16}, 3, 2,
        new int[0], 32, "relu", "identity", "sigmoid", "mse", 1e-3, 1.0, 0, 1);
    MultiLayerNetwork net = NetworkFactory.newNetwork(spec);
    // conv 1->8, conv 8->16, dense 784->32 (code), dense 32->784, deconv 16->8, deconv 8->8 (not 8->1),
    // refine 8->8, refine 8->1.
    long expected = (9 * 1 * 8 + 8) + (9 * 8 * 16 + 16) + (784 * 32 + 32) + (32 * 784 + 784) + (9 * 16 * 8 + 8)
        + (9 * 8 * 8 + 8) + (9 * 8 * 8 + 8) + (9 * 8 * 1 + 1);
    assertEquals(expected, spec.numParams());
    assertEquals(expected, net.numParams());
    assertEquals(9, net.getnLayers(), "8 weight layers and the loss layer");
    INDArray out = net.output(Nd4j.rand(DataType.FLOAT, 2, 784));
    assertEquals(784, out.size(1));
    assertTrue(out.minNumber().doubleValue() >= 0 && out.maxNumber().doubleValue() <= 1, "sigmoid applied last");
    assertTrue(spec.toString().contains("-mirror+refine2-"), spec.toString());
    // None is left out of the name, so checkpoints written before the param existed keep their identity.
    AutoencoderSpec none = new AutoencoderSpec(784, 784, new int[] {1, 28, 28}, new int[] {8, 16}, new int[0],
        32, "relu", "identity", "sigmoid", "mse", 1e-3, 1.0, 0, 1);
    assertTrue(none.toString().contains("-mirror-"), none.toString());
    assertNotEquals(none, spec);
    assertThrows(IllegalArgumentException.class, () -> new AutoencoderSpec(784, 784, new int[] {1, 28, 28},
        new int[] {8}, 3, -1, new int[0], 0, "relu", "identity", "sigmoid", "mse", 1e-3, 1.0, 0, 1));
  }

  @Test
  void latentSizeZeroNeedsAnInputShapeAndNoDenseLayers() {
    IllegalArgumentException dense = assertThrows(IllegalArgumentException.class, () -> new AutoencoderSpec(784, 784,
        new int[0], 0, "relu", "identity", "sigmoid", "mse", 1e-3, 0, 1));
    assertTrue(dense.getMessage().contains("needs inputShape and no encoderLayers"), dense.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new AutoencoderSpec(784, 784, new int[] {1, 28, 28},
        new int[] {8}, new int[] {32}, 0, "relu", "identity", "sigmoid", "mse", 1e-3, 1.0, 0, 1));
  }
}
