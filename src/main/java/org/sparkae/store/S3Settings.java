package org.sparkae.store;

import java.io.Serializable;
import org.apache.hadoop.conf.Configuration;

/**
 * Where S3 is and how to talk to it: {@code endpoint} for S3-compatible stores ("" = AWS),
 * path-style access, region, and how many times a transient error is retried (with the SDK's
 * exponential backoff). Credentials are never here: they come from the AWS provider chain
 * (environment, system properties, profile, instance role).
 */
public record S3Settings(String endpoint, boolean pathStyleAccess, String region, int maxRetries)
    implements Serializable {

  public static final S3Settings AWS_DEFAULTS = new S3Settings("", false, "us-east-1", 5);

  public S3Settings {
    endpoint = endpoint == null ? "" : endpoint.trim();
    if (region == null || region.isBlank()) {
      throw new IllegalArgumentException("s3.region must not be empty");
    }
    if (maxRetries < 0) {
      throw new IllegalArgumentException("s3.maxRetries must be >= 0, got " + maxRetries);
    }
  }

  /** The same settings for Hadoop's s3a connector, with credentials from the AWS provider chain. */
  public void applyTo(Configuration hadoop) {
    if (!endpoint.isEmpty()) {
      hadoop.set("fs.s3a.endpoint", endpoint);
      hadoop.setBoolean("fs.s3a.connection.ssl.enabled", !endpoint.startsWith("http://"));
    }
    hadoop.setBoolean("fs.s3a.path.style.access", pathStyleAccess);
    hadoop.set("fs.s3a.endpoint.region", region);
    hadoop.setInt("fs.s3a.attempts.maximum", Math.max(1, maxRetries));
    hadoop.setInt("fs.s3a.retry.limit", Math.max(1, maxRetries));
    // s3a's own default chain lacks profiles and system properties: use the SDK's standard chain
    // unless the user chose providers explicitly.
    String providers = "fs.s3a.aws.credentials.provider";
    String[] sources = hadoop.getPropertySources(providers);
    if (sources == null || java.util.Arrays.stream(sources).allMatch(src -> src.contains("default"))) {
      hadoop.set(providers, "com.amazonaws.auth.DefaultAWSCredentialsProviderChain");
    }
  }
}
