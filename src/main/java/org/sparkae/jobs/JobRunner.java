package org.sparkae.jobs;

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What every job main shares: command line (--conf, --set, --master), config loading and checks
 * before Spark starts, the Spark session, and exit codes: 0 done, 1 failed while running,
 * 2 bad command line or configuration (one line on stderr).
 */
final class JobRunner {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int BAD_CONFIG = 2;
  private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);
  /** The failure with its stack trace: conf/log4j2.properties sends it to the log file only. */
  private static final Logger FAILURE = LoggerFactory.getLogger("org.sparkae.jobs.failure");

  /**
   * A job: checks that need no Spark, then the work, which writes into {@code out} (committed
   * atomically by the runner along with {@code metrics.json}) and adds to {@code metrics}.
   */
  interface Job {
    String name();

    /** What the job made, inside output.dir, for the closing line (e.g. report.html). */
    String result();

    default void validate(JobConfig config) {}

    void run(JobConfig config, SparkSession spark, OutputDir out, Map<String, Object> metrics) throws Exception;
  }

  @Command(mixinStandardHelpOptions = true, sortOptions = false,
      description = "Options; every other setting comes from the config (see conf/reference.conf).")
  static final class Options {
    @Option(names = "--conf", paramLabel = "FILE", description = "HOCON job file (default: conf/quickstart.conf "
        + "when it exists, else the packaged defaults)")
    File conf;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override one key, e.g. --set autoencoder.latentSize=16")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--master", paramLabel = "URL", description = "Spark master (overrides spark.master)")
    String master;
  }

  private JobRunner() {}

  static int run(Job job, String[] args) {
    Options options = new Options();
    CommandLine cli = new CommandLine(options).setCommandName("sparkae " + job.name());
    try {
      CommandLine.ParseResult parsed = cli.parseArgs(args);
      if (CommandLine.printHelpIfRequested(parsed)) {
        return OK;
      }
    } catch (CommandLine.ParameterException e) {
      System.err.println("sparkae " + job.name() + ": " + e.getMessage() + " (see --help)");
      return BAD_CONFIG;
    }
    JobConfig config;
    try {
      File conf = options.conf;
      if (conf == null && new File("conf/quickstart.conf").isFile()) {
        conf = new File("conf/quickstart.conf");
      }
      config = JobConfig.load(conf, options.overrides);
      job.validate(config);
      LOG.info("sparkae {} configuration{}:\n{}", job.name(), conf == null ? "" : " (" + conf + ")", config.render());
    } catch (ConfigError e) {
      System.err.println("sparkae " + job.name() + ": " + e.getMessage());
      return BAD_CONFIG;
    }
    try {
      SparkSession spark = session(config, options.master, job.name());
      try {
        ExecutorWait.await(spark.sparkContext(), config.integer("spark.executorWaitSeconds"));
      } catch (IllegalStateException e) {
        spark.stop(); // leaves the master's queue instead of waiting there forever
        throw e;
      }
      s3Settings(config).applyTo(spark.sparkContext().hadoopConfiguration());
      execute(job, config, spark);
      return OK;
    } catch (ConfigError e) {
      System.err.println("sparkae " + job.name() + ": " + e.getMessage());
      return BAD_CONFIG;
    } catch (Exception e) {
      FAILURE.error("sparkae " + job.name() + " failed", e);
      System.err.println("sparkae " + job.name() + " failed: " + describe(e)
          + LogFile.path().map(f -> " (details in " + f + ")").orElse(""));
      return FAILED;
    }
  }

  private static void execute(Job job, JobConfig config, SparkSession spark) throws Exception {
    long start = System.nanoTime();
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("job", job.name());
    var sc = spark.sparkContext();
    if (!sc.isLocal()) {
      LOG.info("Spark master {}: {} executors registered", sc.master(), sc.statusTracker().getExecutorInfos().length - 1);
    }
    try (OutputDir out = OutputDir.open(spark, config.string("output.dir"), config.bool("output.overwrite"))) {
      job.run(config, spark, out, metrics);
      RunMetrics.timing(metrics, "totalSeconds", start);
      // Executors alive at the end (the driver is listed too).
      metrics.put("spark", Map.of("master", sc.master(), "executors", sc.statusTracker().getExecutorInfos().length - 1,
          "serializer", sc.conf().get("spark.serializer", "org.apache.spark.serializer.JavaSerializer")));
      out.write("metrics.json", Json.pretty(metrics));
      out.commit();
      LOG.info("{}: {}", job.result(), out.finalPath(job.result()));
      RunSummary.lines(metrics).forEach(System.out::println);
      System.out.println(job.result().replace(".html", "") + ": " + out.finalPath(job.result()));
    } finally {
      spark.sparkContext().setJobDescription(null);
    }
  }

  /** The active session when there is one (tests, notebooks), else a new one from the config. */
  static SparkSession session(JobConfig config, String master, String jobName) {
    var active = SparkSession.getActiveSession();
    if (active.isDefined()) {
      return active.get();
    }
    SparkSession.Builder builder = SparkSession.builder().appName(config.string("spark.appName") + " " + jobName);
    if (master != null) {
      builder.master(master);
    } else if (System.getProperty("spark.master") == null) {
      builder.master(config.string("spark.master"));
    }
    for (Map.Entry<String, Object> e : config.section("spark.conf").entrySet()) {
      builder.config(e.getKey(), String.valueOf(e.getValue()));
    }
    return builder.getOrCreate();
  }

  /** The s3.* keys. */
  static org.sparkae.store.S3Settings s3Settings(JobConfig c) {
    try {
      return new org.sparkae.store.S3Settings(c.string("s3.endpoint"), c.bool("s3.pathStyleAccess"),
          c.string("s3.region"), c.integer("s3.maxRetries"));
    } catch (IllegalArgumentException e) {
      throw new ConfigError(e.getMessage());
    }
  }

  /** Our own errors say what went wrong at the top; Spark's wrapped failures at the bottom. */
  static String describe(Exception e) {
    boolean ours = e instanceof IllegalArgumentException || e instanceof IllegalStateException
        || e instanceof java.io.UncheckedIOException || e instanceof org.sparkae.store.ModelStoreException;
    String message = ours && e.getMessage() != null ? e.getMessage() : rootMessage(e);
    message = message.lines().findFirst().orElse(message);
    return message.startsWith("Autoencoder") ? message + jobKeyHint(message) : message;
  }

  /** The stage's messages name its params; in a job each one is the key autoencoder.<param>. */
  private static String jobKeyHint(String message) {
    String first = null;
    int at = Integer.MAX_VALUE;
    for (org.apache.spark.ml.param.Param<?> param : new org.sparkae.ml.Autoencoder().params()) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\b" + param.name() + "\\b").matcher(message);
      if (m.find() && m.start() < at) {
        at = m.start();
        first = param.name();
      }
    }
    return first == null ? "" : " (in the job config: autoencoder." + first + ")";
  }

  /** The innermost message, which is the one that says what went wrong. */
  static String rootMessage(Throwable e) {
    Throwable t = e;
    String message = e.toString();
    while (t != null) {
      if (t.getMessage() != null) {
        message = t.getMessage();
      }
      if (t.getCause() == t) {
        break;
      }
      t = t.getCause();
    }
    return message.lines().findFirst().orElse(message);
  }
}
