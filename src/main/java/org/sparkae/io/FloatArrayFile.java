package org.sparkae.io;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * A file of float32 numbers (a saved model's parameters, a checkpoint's parameters and optimizer
 * state): a fixed header ("SPAEPRM1", count) then little-endian values. Plain numbers only: loading
 * never instantiates classes named by the file, and the SHA-256 the caller records beside it (in
 * model.json, a checkpoint's state.json) catches truncation and corruption.
 */
public final class FloatArrayFile {
  private static final byte[] MAGIC = "SPAEPRM1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private FloatArrayFile() {}

  /** Writes the parameters and returns the file's SHA-256 (hex). */
  public static String write(Configuration conf, Path file, float[] params) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(MAGIC.length + 8 + 4 * params.length).order(ByteOrder.LITTLE_ENDIAN);
    buffer.put(MAGIC).putLong(params.length);
    buffer.asFloatBuffer().put(params);
    byte[] bytes = buffer.array();
    try (OutputStream out = file.getFileSystem(conf).create(file, false)) {
      out.write(bytes);
    }
    return sha256(bytes);
  }

  /** Reads and verifies the parameters: header, count and checksum must all match. */
  public static float[] read(Configuration conf, Path file, long expectedCount, String expectedSha256)
      throws IOException {
    if (expectedCount > (Integer.MAX_VALUE - 64) / 4) {
      throw new IOException("a network of " + expectedCount + " parameters is larger than this format holds");
    }
    byte[] bytes = new byte[MAGIC.length + 8 + 4 * (int) expectedCount];
    try (InputStream in = file.getFileSystem(conf).open(file); DataInputStream data = new DataInputStream(in)) {
      data.readFully(bytes);
      if (data.read() != -1) {
        throw new IOException(file + " is longer than the " + expectedCount + " parameters it should hold");
      }
    } catch (org.apache.hadoop.fs.ChecksumException e) {
      throw new IOException(file + " is corrupted: " + e.getMessage(), e);
    } catch (EOFException e) {
      throw new IOException(file + " is truncated: expected " + bytes.length + " bytes for " + expectedCount
          + " parameters", e);
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    byte[] magic = new byte[MAGIC.length];
    buffer.get(magic);
    if (!java.util.Arrays.equals(magic, MAGIC)) {
      throw new IOException(file + " is not a sparkae parameter file");
    }
    long count = buffer.getLong();
    if (count != expectedCount) {
      throw new IOException(file + " holds " + count + " parameters, expected " + expectedCount);
    }
    String sha = sha256(bytes);
    if (!sha.equals(expectedSha256)) {
      throw new IOException(file + " is corrupted: its SHA-256 is " + sha + ", the file was written with "
          + expectedSha256);
    }
    float[] params = new float[(int) count];
    buffer.asFloatBuffer().get(params);
    return params;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
