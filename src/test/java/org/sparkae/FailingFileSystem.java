package org.sparkae;

import java.io.IOException;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

/**
 * Hadoop's local file system, failing on purpose when a file named {@link #failOn} is created: a
 * real FileSystem for testing what a save leaves behind when the storage fails part way. While
 * installed it serves file:// for the shared session; with {@code failOn} null it changes nothing.
 */
public class FailingFileSystem extends LocalFileSystem {
  public static volatile String failOn;

  /** Serves file:// with this class (uncached, so new look-ups get it) until {@link #uninstall}. */
  public static void install() {
    var conf = TestSpark.session().sparkContext().hadoopConfiguration();
    conf.set("fs.file.impl", FailingFileSystem.class.getName());
    conf.setBoolean("fs.file.impl.disable.cache", true);
  }

  public static void uninstall() {
    failOn = null;
    var conf = TestSpark.session().sparkContext().hadoopConfiguration();
    conf.unset("fs.file.impl");
    conf.unset("fs.file.impl.disable.cache");
  }

  @Override
  public FSDataOutputStream create(Path f, boolean overwrite, int bufferSize, short replication, long blockSize,
      Progressable progress) throws IOException {
    failIfAsked(f);
    return super.create(f, overwrite, bufferSize, replication, blockSize, progress);
  }

  private static void failIfAsked(Path f) throws IOException {
    if (f.getName().equals(failOn)) {
      throw new IOException("injected failure creating " + f);
    }
  }

  @Override
  public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite, int bufferSize,
      short replication, long blockSize, Progressable progress) throws IOException {
    failIfAsked(f);
    return super.create(f, permission, overwrite, bufferSize, replication, blockSize, progress);
  }
}
