package org.sparkae.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.sparkae.TestSpark;
import org.sparkae.nn.Nd4jThreads;

/** A lone training worker gets its executor's cores for ND4J; several keep one task's share each. */
class ExecutorCoresTest {

  @Test
  void aLoneWorkerGetsTheExecutorsCoresAndSeveralGetOneEach() {
    assertEquals(2, ExecutorCores.perExecutor(TestSpark.jsc().sc()), "local[2] has two cores");
    assertEquals(2, ExecutorCores.forWorkers(TestSpark.jsc().sc(), 1));
    assertEquals(1, ExecutorCores.forWorkers(TestSpark.jsc().sc(), 2));
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
