package org.sparkae.train;

import org.apache.spark.SparkContext;

/**
 * The cores of one executor, which a lone training worker may use for ND4J's threads: {@code local[N]} has
 * N; a cluster says {@code spark.executor.cores}, or else its default parallelism spread over the executors
 * registered so far.
 */
public final class ExecutorCores {
  private ExecutorCores() {}

  public static int perExecutor(SparkContext sc) {
    if (sc.isLocal()) {
      return Math.max(1, sc.defaultParallelism());
    }
    int configured = sc.conf().getInt("spark.executor.cores", 0);
    if (configured > 0) {
      return configured;
    }
    int executors = Math.max(1, sc.getExecutorIds().size());
    return Math.max(1, sc.defaultParallelism() / executors);
  }

  /**
   * Multiply-adds of a dense minibatch step (rows x parameters) from which a lone worker's extra threads pay:
   * below it DL4J's fixed cost per op (dozens of native calls a step) outweighs the products, and threads that
   * meet at a barrier after every op only slow it (a 36-64-7 net on 54 rows: 1.6 ms a step on one thread, 2.6
   * on two; 784-[256, 64]-32 on 32 rows: 6.7 against 8.8; on 128 rows, 56 million, the two are level).
   */
  public static final long THREADED_STEP_MULTIPLY_ADDS = 1L << 25;

  /** One worker has its executor to itself and uses all of its cores; several keep one task's share each. */
  public static int forWorkers(SparkContext sc, int workers) {
    return workers == 1 ? perExecutor(sc) : 1;
  }

  /**
   * As {@link #forWorkers(SparkContext, int)}, but a lone worker whose dense minibatch step ({@code batchSize}
   * rows through {@code params} weights) is small keeps to one thread; convolutional nets always get the cores.
   */
  public static int forWorkers(SparkContext sc, int workers, int batchSize, long params, boolean convolutional) {
    if (workers == 1 && !convolutional && (long) batchSize * params < THREADED_STEP_MULTIPLY_ADDS) {
      return 1;
    }
    return forWorkers(sc, workers);
  }
}
