package org.sparkae.jobs;

import org.apache.spark.SparkContext;

/**
 * On a cluster master Spark waits forever for resources ("Initial job has not accepted any
 * resources"): a worker that never came up, an unreachable master or an executor size no worker
 * can offer all look like a hang. A job first waits a bounded time for an executor and fails with
 * what to check instead.
 */
final class ExecutorWait {
  private ExecutorWait() {}

  /** Returns once at least one executor has registered; fails after {@code seconds} (0 = wait forever). */
  static void await(SparkContext sc, int seconds) throws InterruptedException {
    if (sc.isLocal() || seconds <= 0) {
      return;
    }
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    // The driver is listed among the executor infos too.
    while (sc.statusTracker().getExecutorInfos().length < 2) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no executor registered with " + sc.master() + " within " + seconds
            + " s: check that the master is reachable and has alive workers (jobs/cluster.sh status, or the master's "
            + "web UI) that can offer what the job asks for (spark.executor.memory = "
            + sc.conf().get("spark.executor.memory", "1g") + ", spark.executor.cores = "
            + sc.conf().get("spark.executor.cores", "all of a worker's") + "); raise spark.executorWaitSeconds to "
            + "wait longer");
      }
      Thread.sleep(250);
    }
  }
}
