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

  /** One worker has its executor to itself and uses all of its cores; several keep one task's share each. */
  public static int forWorkers(SparkContext sc, int workers) {
    return workers == 1 ? perExecutor(sc) : 1;
  }
}
