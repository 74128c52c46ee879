package org.sparkae.train;

import java.util.Optional;
import org.apache.spark.SparkConf;

/**
 * Says when a session's settings make every averaging round slower than it needs to be. Each worker
 * returns its parameters and Adam state after every round; a task result larger than
 * {@code spark.task.maxDirectResultSize} (1 MiB by default) is parked in the executor's block manager
 * and fetched by the driver in a second round trip, and {@code spark.broadcast.compress} (on by
 * default) LZ4-compresses the broadcast parameters every round although float weights do not
 * compress. These are executor-wide settings, read when the SparkContext starts, so a stage can
 * only point them out; the jobs set both in {@code conf/spark-defaults.conf}.
 */
public final class RoundTransferAdvice {
  private static final long DEFAULT_MAX_DIRECT_RESULT = 1L << 20;
  private static final long DEFAULT_RPC_MAX_MIB = 128;

  private RoundTransferAdvice() {}

  /**
   * @param resultBytes what one worker sends back per round (parameters plus updater state)
   * @return the settings to change, with why, or empty when the session is already set up well
   */
  public static Optional<String> advice(SparkConf conf, long resultBytes) {
    StringBuilder advice = new StringBuilder();
    long rpcMax = conf.getSizeAsMb("spark.rpc.message.maxSize", DEFAULT_RPC_MAX_MIB + "m") << 20;
    long maxDirect = Math.min(conf.getSizeAsBytes("spark.task.maxDirectResultSize",
        String.valueOf(DEFAULT_MAX_DIRECT_RESULT)), rpcMax);
    if (resultBytes > maxDirect) {
      // Room for the result plus its envelope, rounded up to whole MiB.
      long suggestedMib = Math.max(16, ((resultBytes * 2) >> 20) + 1);
      advice.append("each worker returns ").append(mib(resultBytes)).append(" of parameters and updater state per "
          + "averaging round, more than spark.task.maxDirectResultSize allows (").append(mib(maxDirect))
          .append("), so every result takes an extra block-manager fetch: set spark.task.maxDirectResultSize=")
          .append(suggestedMib).append("m");
      if ((suggestedMib << 20) > rpcMax) {
        advice.append(" and spark.rpc.message.maxSize=").append(suggestedMib + 1);
      }
    }
    if (conf.getBoolean("spark.broadcast.compress", true)) {
      if (advice.length() > 0) {
        advice.append("; ");
      }
      advice.append("spark.broadcast.compress is on, so the parameters broadcast every round are compressed and "
          + "decompressed for nothing (float weights do not compress): set spark.broadcast.compress=false");
    }
    return advice.length() == 0 ? Optional.empty() : Optional.of(advice.toString());
  }

  private static String mib(long bytes) {
    return String.format("%.1f MiB", bytes / (double) (1L << 20));
  }
}
