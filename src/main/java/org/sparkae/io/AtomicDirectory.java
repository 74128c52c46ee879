package org.sparkae.io;

import java.io.IOException;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Directory writes that are all-or-nothing on any Hadoop file system: content goes to a hidden
 * sibling, which replaces the target only when complete. An existing target is moved aside first
 * and restored if the swap fails, so a failed write never leaves a half directory where a good one was.
 */
public final class AtomicDirectory {
  private AtomicDirectory() {}

  /** A fresh hidden sibling of {@code target} to write into. */
  public static Path temporarySibling(Path target) {
    return new Path(target.getParent(), "." + target.getName() + ".tmp-" + UUID.randomUUID().toString().substring(0, 8));
  }

  /** Moves the finished {@code tmp} to {@code target}, replacing what was there. */
  public static void replace(FileSystem fs, Path tmp, Path target) throws IOException {
    Path old = new Path(target.getParent(), "." + target.getName() + ".old-" + UUID.randomUUID().toString()
        .substring(0, 8));
    boolean hadOld = fs.exists(target);
    if (hadOld && !fs.rename(target, old)) {
      fs.delete(tmp, true);
      throw new IOException("could not move the existing " + target + " aside to replace it");
    }
    if (!fs.rename(tmp, target)) {
      if (hadOld) {
        fs.rename(old, target);
      }
      fs.delete(tmp, true);
      throw new IOException("could not move " + tmp + " to " + target);
    }
    if (hadOld) {
      fs.delete(old, true);
    }
  }
}
