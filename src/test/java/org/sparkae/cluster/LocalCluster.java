package org.sparkae.cluster;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Spark standalone cluster on 127.0.0.1 started with {@code jobs/cluster.sh} (real Master and
 * Worker JVMs), and job drivers run as their own JVMs against it. The cluster's SPARK_HOME is this
 * test run's classpath linked into {@code jars/}, so the script's "real distribution" branch is
 * the one exercised; executors get the project's classes through spark.executor.extraClassPath.
 */
final class LocalCluster implements AutoCloseable {
  static final Path ROOT = Path.of("").toAbsolutePath();
  private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(120);

  final Path dir;
  final int port;
  private final int workers;
  private final List<Process> drivers = new ArrayList<>();

  private LocalCluster(Path dir, int port, int workers) {
    this.dir = dir;
    this.port = port;
    this.workers = workers;
  }

  /** Starts a master and {@code workers} workers (1 core, 2 GiB each) on {@code port}. */
  static LocalCluster start(String name, int port, int workers) throws Exception {
    LocalCluster cluster = new LocalCluster(ROOT.resolve("target/" + name), port, workers);
    cluster.script("stop"); // whatever an earlier, killed test run left
    String out = cluster.script("start");
    if (!out.contains("standalone cluster up: " + cluster.masterUrl())) {
      cluster.close();
      throw new IllegalStateException("cluster.sh start did not report the cluster up:\n" + out);
    }
    return cluster;
  }

  String masterUrl() {
    return "spark://127.0.0.1:" + port;
  }

  /** Pids of the executor JVMs the workers launched (each worker's child processes). */
  List<ProcessHandle> executors() throws IOException {
    List<ProcessHandle> executors = new ArrayList<>();
    for (int i = 1; i <= workers; i++) {
      long pid = Long.parseLong(Files.readString(dir.resolve("worker-" + i + ".pid")).trim());
      ProcessHandle.of(pid).ifPresent(worker -> worker.children()
          .filter(p -> p.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend"))
          .forEach(executors::add));
    }
    return executors;
  }

  /** Starts TrainJob in its own JVM, output (log lines included) to {@code log}. */
  Process trainJob(Path log, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(javaBin(), "-Xmx2g"));
    command.addAll(javaOptions());
    command.addAll(List.of(
        "-Dlog4j2.configurationFile=" + ROOT.resolve("conf/log4j2.properties"),
        "-Dspark.executor.extraClassPath=" + ROOT.resolve("target/classes"),
        "-Dspark.executor.extraJavaOptions=" + String.join(" ", javaOptions()),
        "-Dspark.executor.memory=1g",
        // Start training only when both executors are in, so the run is really two JVMs.
        "-Dspark.cores.max=" + workers,
        "-Dspark.scheduler.minRegisteredResourcesRatio=1.0",
        "-Dspark.scheduler.maxRegisteredResourcesWaitingTime=60s",
        "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
        "org.sparkae.jobs.TrainJob"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Process driver = builder.start();
    drivers.add(driver);
    return driver;
  }

  /** Waits until {@code log} contains {@code text}; fails if the process ends first or time runs out. */
  static void awaitLine(Path log, String text, Process process, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(log) && Files.readString(log).contains(text)) {
        return;
      }
      if (!process.isAlive()) {
        throw new AssertionError("the driver exited (" + process.exitValue() + ") before logging '" + text + "':\n"
            + tail(log));
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no '" + text + "' within " + timeout + ":\n" + tail(log));
  }

  /** Waits for the driver to exit and returns its code; kills it when it overruns. */
  static int exitCode(Process process, Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError("the driver did not finish within " + timeout);
    }
    return process.exitValue();
  }

  static String tail(Path log) throws IOException {
    if (!Files.exists(log)) {
      return "(no output)";
    }
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  @Override
  public void close() throws Exception {
    for (Process driver : drivers) {
      driver.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    List<ProcessHandle> executors = Files.exists(dir.resolve("worker-1.pid")) ? executors() : List.of();
    script("stop");
    // The workers stop their executors; make sure, with a bound.
    for (ProcessHandle executor : executors) {
      try {
        executor.onExit().get(20, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        executor.destroyForcibly();
      }
    }
  }

  private String script(String command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder("bash", ROOT.resolve("jobs/cluster.sh").toString(), command)
        .directory(ROOT.toFile()).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.put("SPARK_HOME", sparkHome().toString());
    env.put("SPARKAE_CLUSTER_DIR", dir.toString());
    env.put("SPARKAE_MASTER_PORT", String.valueOf(port));
    env.put("SPARKAE_WORKERS", String.valueOf(workers));
    env.put("SPARKAE_WORKER_MEMORY", "2g");
    Process p = builder.start();
    byte[] out;
    try {
      if (!p.waitFor(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        throw new AssertionError("jobs/cluster.sh " + command + " did not finish within " + SCRIPT_TIMEOUT);
      }
      out = p.getInputStream().readAllBytes();
    } finally {
      p.destroyForcibly();
    }
    return new String(out, StandardCharsets.UTF_8);
  }

  private static boolean linked;

  /** target/cluster-test-home/jars: every jar of this test run, linked (afresh once per run). */
  private static synchronized Path sparkHome() throws IOException {
    Path home = ROOT.resolve("target/cluster-test-home");
    Path jars = home.resolve("jars");
    if (!linked) {
      if (Files.isDirectory(jars)) {
        try (var old = Files.list(jars)) {
          for (Path link : old.toList()) {
            Files.delete(link);
          }
        }
      }
      Files.createDirectories(jars);
      String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
      for (String entry : classpath.split(File.pathSeparator)) {
        Path jar = Path.of(entry);
        if (entry.endsWith(".jar") && Files.isRegularFile(jar)) {
          Path link = jars.resolve(jar.getFileName());
          if (!Files.exists(link)) {
            Files.createSymbolicLink(link, jar.toAbsolutePath());
          }
        }
      }
      linked = true;
    }
    return home;
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** Java 17 module openings Spark and ND4J need, from conf/spark-defaults.conf. */
  private static List<String> javaOptions() throws IOException {
    for (String line : Files.readAllLines(ROOT.resolve("conf/spark-defaults.conf"))) {
      if (line.startsWith("spark.driver.extraJavaOptions")) {
        return List.of(line.substring("spark.driver.extraJavaOptions".length()).trim().split("\\s+"));
      }
    }
    throw new IllegalStateException("conf/spark-defaults.conf has no spark.driver.extraJavaOptions");
  }
}
