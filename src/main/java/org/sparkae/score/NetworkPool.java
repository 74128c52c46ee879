package org.sparkae.score;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Supplier;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sparkae.nn.AutoencoderSpec;
import org.sparkae.nn.NetworkFactory;

/**
 * Per-JVM cache of inference networks. A DL4J network keeps per-call state, so it is never shared
 * between threads: each task borrows one for the length of its partition and gives it back. All
 * networks of one model share a single read-only parameter array, so N concurrent tasks cost N sets
 * of activations, not N copies of the weights.
 */
public final class NetworkPool {
  private static final int MAX_MODELS = 4;
  private static final Map<String, Pool> POOLS = new ConcurrentHashMap<>();

  private NetworkPool() {}

  /** A network for this thread; give it back with {@link #release}. */
  public static MultiLayerNetwork borrow(String key, Supplier<ModelWeights> weights) {
    Pool pool = POOLS.computeIfAbsent(key, k -> {
      if (POOLS.size() >= MAX_MODELS) {
        POOLS.clear(); // networks in use keep their own references; only idle ones are dropped
      }
      ModelWeights w = weights.get();
      return new Pool(w.spec(), Nd4j.createFromArray(w.params()));
    });
    MultiLayerNetwork net = pool.idle.pollFirst();
    return net != null ? net : NetworkFactory.withParams(pool.spec, pool.params);
  }

  public static void release(String key, MultiLayerNetwork net) {
    Pool pool = POOLS.get(key);
    if (pool != null) {
      pool.idle.offerFirst(net);
    }
  }

  private record Pool(AutoencoderSpec spec, INDArray params, ConcurrentLinkedDeque<MultiLayerNetwork> idle) {
    Pool(AutoencoderSpec spec, INDArray params) {
      this(spec, params, new ConcurrentLinkedDeque<>());
    }
  }
}
