package org.sparkae;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.client.builder.AwsClientBuilder;
import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.AmazonS3ClientBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.sparkae.store.S3Settings;

/**
 * A real S3 API server for tests: S3Proxy (from Maven Central, copied to target/s3proxy by the
 * build) in its own JVM on 127.0.0.1. {@code transient} keeps objects in memory (what s3a needs);
 * {@code filesystem} keeps them in a folder, so they survive a {@link #restart}. Start-up and
 * shutdown are bounded in time; {@link #close} always stops the process.
 */
public final class S3ProxyServer implements AutoCloseable {
  public static final String IDENTITY = "sparkae-test-access";
  public static final String CREDENTIAL = "sparkae-test-secret-0f3c9a";
  private static final Path JAR = Path.of("target", "s3proxy", "s3proxy.jar");

  private final int port;
  private final Path dir;
  private final boolean persistent;
  private Process process;

  private S3ProxyServer(int port, Path dir, boolean persistent) {
    this.port = port;
    this.dir = dir;
    this.persistent = persistent;
  }

  public static S3ProxyServer start(Path dir, boolean persistent) throws IOException, InterruptedException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    S3ProxyServer server = new S3ProxyServer(port, dir, persistent);
    server.launch();
    return server;
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /** The product's settings for this server (path style, few retries so faults surface fast). */
  public S3Settings settings() {
    return new S3Settings(endpoint(), true, "us-east-1", 1);
  }

  /** A plain SDK client with the server's credentials, for test set-up and for tampering. */
  public AmazonS3 client() {
    return AmazonS3ClientBuilder.standard()
        .withCredentials(new AWSStaticCredentialsProvider(new BasicAWSCredentials(IDENTITY, CREDENTIAL)))
        .withEndpointConfiguration(new AwsClientBuilder.EndpointConfiguration(endpoint(), "us-east-1"))
        .withPathStyleAccessEnabled(true).build();
  }

  /** Credentials for the code under test come from the AWS provider chain: here, system properties. */
  public static void useCredentials(String identity, String credential) {
    System.setProperty("aws.accessKeyId", identity);
    System.setProperty("aws.secretKey", credential);
  }

  public static void clearCredentials() {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretKey");
  }

  public void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  public void restart() throws IOException, InterruptedException {
    stop();
    launch();
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }

  private void launch() throws IOException, InterruptedException {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(JAR + " is missing: the build copies it (mvn process-test-resources)");
    }
    Path blobs = Files.createDirectories(dir.resolve("blobs"));
    Path properties = dir.resolve("s3proxy.properties");
    Files.write(properties, List.of(
        "s3proxy.endpoint=" + endpoint(),
        "s3proxy.authorization=aws-v2-or-v4",
        "s3proxy.identity=" + IDENTITY,
        "s3proxy.credential=" + CREDENTIAL,
        "jclouds.provider=" + (persistent ? "filesystem" : "transient"),
        "jclouds.filesystem.basedir=" + blobs,
        "jclouds.identity=unused",
        "jclouds.credential=unused"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    process = new ProcessBuilder(java, "-Xmx256m", "-jar", JAR.toString(), "--properties", properties.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("s3proxy.log").toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("S3Proxy exited: " + Files.readString(dir.resolve("s3proxy.log")));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    stop();
    throw new IllegalStateException("S3Proxy did not listen on " + endpoint() + " within 60 s");
  }
}
