package org.sparkae.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.spark.SparkContext;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.sparkae.TestSpark;
import org.sparkae.nn.Nd4jThreads;

/**
 * A lone training worker gets its executor's cores for ND4J unless its steps are too small for threads to
 * pay; several keep one task's share each.
 */
class ExecutorCoresTest {

  @Test
  void aLoneWorkerGetsTheExecutorsCoresAndSeveralGetOneEach() {
    assertEquals(2, ExecutorCores.perExecutor(TestSpark.jsc().sc()), "local[2] has two cores");
    assertEquals(2, ExecutorCores.forWorkers(TestSpark.jsc().sc(), 1));
    assertEquals(1, ExecutorCores.forWorkers(TestSpark.jsc().sc(), 2));
  }

  @Test
  void aLoneWorkerWithSmallStepsKeepsToOneThread() {
    SparkContext sc = TestSpark.jsc().sc();
    long small = 5_675; // a 36-[64]-7 net on a table
    long large = 439_728; // 784-[256, 64]-32 on images
    assertEquals(1, ExecutorCores.forWorkers(sc, 1, 54, small, false), "a table's net: one thread");
    assertEquals(1, ExecutorCores.forWorkers(sc, 1, 32, large, false), "a wide net on 32 rows: one thread");
    assertEquals(2, ExecutorCores.forWorkers(sc, 1, 128, large, false), "a wide net on 128 rows: the cores");
    assertEquals(2, ExecutorCores.forWorkers(sc, 1, 32, small, true), "convolutions: the cores");
    assertEquals(1, ExecutorCores.forWorkers(sc, 2, 128, large, false), "two workers: a task's share each");
  }

  @Test
  void aTaskAsksForMoreThreadsThanItsShareOnlyExplicitly() {
    List<Integer> threads = TestSpark.jsc().parallelize(List.of(1, 2), 1).map(ask -> {
      if (ask == 1) {
        Nd4jThreads.forCurrentTask();
      } else {
        Nd4jThreads.forCurrentTask(ask);
      }
      return Nd4j.factory().blas().getMaxThreads(); // the threads sgemm uses
    }).collect();
    assertEquals(List.of(1, 2), threads);
    Nd4jThreads.forCurrentTask(); // the driver: all cores again
  }
}
