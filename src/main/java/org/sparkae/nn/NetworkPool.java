package org.sparkae.nn;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.WeakHashMap;
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
 *
 * <p>Networks are keyed by what they compute, a SHA-256 of the network spec and its parameters, not by
 * a broadcast id: those start again at 0 in every SparkContext while this cache lives as long as the
 * JVM, so a second session could otherwise score with an earlier model's network. The cache holds the
 * {@value #MAX_MODELS} models used last.
 */
public final class NetworkPool {
  private static final int MAX_MODELS = 4;
  private static final Map<String, Pool> POOLS = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Pool> eldest) {
      return size() > MAX_MODELS; // networks in use keep their own references; only idle ones are dropped
    }
  };
  /** Digests per weights object (one broadcast value per executor), so a partition does not hash the weights again. */
  private static final Map<ModelWeights, String> KEYS = Collections.synchronizedMap(new WeakHashMap<>());

  private NetworkPool() {}

  /** A network computing {@code weights}' model, for this thread; give it back with {@link #release}. */
  public static MultiLayerNetwork borrow(ModelWeights weights) {
    String key = key(weights);
    Pool pool;
    synchronized (POOLS) {
      pool = POOLS.computeIfAbsent(key, k -> new Pool(weights.spec(), Nd4j.createFromArray(weights.params())));
    }
    MultiLayerNetwork net = pool.take();
    return net != null ? net : NetworkFactory.withParams(pool.spec, pool.params);
  }

  public static void release(ModelWeights weights, MultiLayerNetwork net) {
    Pool pool;
    synchronized (POOLS) {
      pool = POOLS.get(key(weights));
    }
    if (pool != null) {
      pool.give(net);
    }
  }

  static String key(ModelWeights weights) {
    return KEYS.computeIfAbsent(weights, w -> {
      try {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(w.spec().toString().getBytes(StandardCharsets.UTF_8));
        ByteBuffer bytes = ByteBuffer.allocate(w.params().length * Float.BYTES);
        bytes.asFloatBuffer().put(w.params());
        sha.update(bytes);
        return HexFormat.of().formatHex(sha.digest());
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
      }
    });
  }

  private record Pool(AutoencoderSpec spec, INDArray params, ArrayDeque<MultiLayerNetwork> idle) {
    Pool(AutoencoderSpec spec, INDArray params) {
      this(spec, params, new ArrayDeque<>());
    }

    synchronized MultiLayerNetwork take() {
      return idle.pollFirst();
    }

    synchronized void give(MultiLayerNetwork net) {
      idle.offerFirst(net);
    }
  }
}
