package org.sparkae.store;

/** Progress of a publish or fetch, one call per file done. */
@FunctionalInterface
public interface PublishListener {
  PublishListener NONE = (file, done, total) -> { };

  void fileDone(Manifest.FileEntry file, int done, int total);
}
