package org.sparkae.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

/** Which session settings make an averaging round slower than it needs to be, and what to set instead. */
class RoundTransferAdviceTest {
  private static final long FIVE_MIB = 5L << 20;

  @Test
  void sparksDefaultsGetBothPieces() {
    String advice = RoundTransferAdvice.advice(new SparkConf(false), FIVE_MIB).orElseThrow();
    assertTrue(advice.contains("5.0 MiB"), advice);
    assertTrue(advice.contains("(1.0 MiB)"), advice);
    assertTrue(advice.contains("spark.task.maxDirectResultSize=16m"), advice);
    assertTrue(advice.contains("spark.broadcast.compress=false"), advice);
  }

  @Test
  void theJobsDefaultsNeedNothing() {
    SparkConf jobs = new SparkConf(false).set("spark.task.maxDirectResultSize", "64m")
        .set("spark.broadcast.compress", "false");
    assertEquals(Optional.empty(), RoundTransferAdvice.advice(jobs, FIVE_MIB));
  }

  @Test
  void aSmallModelFitsSparksDefaultDirectResult() {
    SparkConf conf = new SparkConf(false).set("spark.broadcast.compress", "false");
    assertEquals(Optional.empty(), RoundTransferAdvice.advice(conf, 200_000));
  }

  @Test
  void theRpcMessageLimitCapsDirectResults() {
    SparkConf conf = new SparkConf(false).set("spark.task.maxDirectResultSize", "1g")
        .set("spark.broadcast.compress", "false");
    String advice = RoundTransferAdvice.advice(conf, 200L << 20).orElseThrow();
    assertTrue(advice.contains("(128.0 MiB)"), advice);
    assertTrue(advice.contains("spark.task.maxDirectResultSize=401m and spark.rpc.message.maxSize=402"), advice);
  }
}
