package org.sparkae.score;

import java.io.Serializable;
import org.sparkae.nn.AutoencoderSpec;

/** What executors need to rebuild a trained network: its spec and its flat parameter vector. Broadcast once. */
public record ModelWeights(AutoencoderSpec spec, float[] params) implements Serializable {
  public ModelWeights {
    if (params.length != spec.numParams()) {
      throw new IllegalArgumentException("model has " + params.length + " parameters but its network " + spec
          + " needs " + spec.numParams());
    }
  }
}
