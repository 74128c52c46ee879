package org.sparkae.jobs;

/** A bad job configuration or command line: reported as one line, exit code 2, before Spark starts. */
public class ConfigError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigError(String message) {
    super(message);
  }
}
