package org.sparkae.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * What a published model version holds: every file with its size and SHA-256, the stage's saved
 * params (Spark's metadata JSON), the metrics given at publish time, and when it was created.
 */
public record Manifest(int format, String name, String version, String createdAt, String source,
    List<FileEntry> files, JsonNode params, Map<String, Object> metrics) {

  public static final int FORMAT = 1;

  /** One file of the model directory, by its path relative to the directory. */
  public record FileEntry(String path, long size, String sha256) {}
}
