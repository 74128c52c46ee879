package org.sparkae.nn;

import org.apache.spark.TaskContext;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keeps ND4J from oversubscribing cores. By default every ND4J op (OpenMP and OpenBLAS) uses all
 * cores of the machine; an executor running one task per core then runs cores x cores threads.
 * Inside a Spark task we give ND4J the task's share, {@code spark.task.cpus} (1 by default). The
 * setting is per JVM, which is right when every concurrent task asks for the same share.
 */
public final class Nd4jThreads {
  private static int current = -1;

  private Nd4jThreads() {}

  /** In a Spark task: ND4J gets the task's CPUs. Outside one (the driver, plain code): all cores. */
  public static void forCurrentTask() {
    forCurrentTask(1);
  }

  /**
   * In a Spark task: ND4J gets {@code threads}, or the task's CPUs if they are more (a task that knows it has
   * its executor to itself, such as the only training worker, asks for the executor's cores). Outside one: all
   * cores.
   */
  public static void forCurrentTask(int threads) {
    TaskContext task = TaskContext.get();
    set(task == null ? Runtime.getRuntime().availableProcessors() : Math.max(Math.max(1, threads), task.cpus()));
  }

  public static synchronized void set(int threads) {
    if (threads != current) {
      Nd4j.getEnvironment().setMaxThreads(threads);
      Nd4j.getEnvironment().setMaxMasterThreads(threads);
      Nd4j.factory().blas().setMaxThreads(threads);
      current = threads;
    }
  }
}
