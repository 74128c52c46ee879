package org.sparkae.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.nd4j.kryo.Nd4jSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * INDArrays for Kryo, float arrays in bulk. ND4J's own format (Java serialization and nd4j-kryo's
 * serializer alike) writes one value per call through a DataOutputStream; profiling an averaging
 * round found ~60% of the executors' samples, and the driver's result threads, in those calls for
 * the 5 MB of parameters and Adam state each round ships. Here a float array is one shape header and
 * its bytes copied straight between ND4J's native memory and Kryo's buffer (little-endian, as x86 and
 * ARM store them); other types and scalars go through ND4J's format.
 */
final class NdArrayKryoSerializer extends Serializer<INDArray> {
  private static final byte FLOATS = 1;
  private static final byte ND4J_FORMAT = 2;
  private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
  /** Bytes copied between ND4J's native memory and Kryo's buffer per step. */
  private static final int CHUNK = 1 << 16;

  private final Nd4jSerializer fallback = new Nd4jSerializer();

  @Override
  public void write(Kryo kryo, Output output, INDArray array) {
    if (array.dataType() != DataType.FLOAT || array.rank() == 0 || array.isEmpty() || !LITTLE_ENDIAN) {
      output.writeByte(ND4J_FORMAT);
      fallback.write(kryo, output, array);
      return;
    }
    INDArray compact = array.ordering() == 'c' && !array.isView() && array.data().length() == array.length()
        ? array : array.dup('c');
    long[] shape = array.shape();
    output.writeByte(FLOATS);
    output.writeVarInt(shape.length, true);
    for (long dim : shape) {
      output.writeVarLong(dim, true);
    }
    output.writeVarInt((int) compact.length(), true);
    ByteBuffer values = nativeBytes(compact);
    byte[] chunk = new byte[Math.min(CHUNK, values.remaining())];
    while (values.hasRemaining()) {
      int n = Math.min(chunk.length, values.remaining());
      values.get(chunk, 0, n);
      output.writeBytes(chunk, 0, n);
    }
    // The byte view does not keep the array alive; a collected copy would free the memory mid-read.
    Reference.reachabilityFence(compact);
  }

  @Override
  public INDArray read(Kryo kryo, Input input, Class<INDArray> type) {
    if (input.readByte() == ND4J_FORMAT) {
      return fallback.read(kryo, input, type);
    }
    long[] shape = new long[input.readVarInt(true)];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = input.readVarLong(true);
    }
    int length = input.readVarInt(true);
    if (!LITTLE_ENDIAN) {
      float[] values = new float[length];
      ByteBuffer.wrap(input.readBytes(length * Float.BYTES)).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
      return Nd4j.create(values, shape, 'c');
    }
    INDArray array = Nd4j.createUninitialized(DataType.FLOAT, shape, 'c');
    ByteBuffer values = nativeBytes(array);
    byte[] chunk = new byte[Math.min(CHUNK, length * Float.BYTES)];
    while (values.hasRemaining()) {
      int n = Math.min(chunk.length, values.remaining());
      input.readBytes(chunk, 0, n);
      values.put(chunk, 0, n);
    }
    return array;
  }

  /** A compact array's values in native memory, as bytes: on little-endian machines, the wire format. */
  private static ByteBuffer nativeBytes(INDArray compact) {
    ByteBuffer bytes = compact.data().asNio().duplicate();
    bytes.clear().limit((int) compact.length() * Float.BYTES);
    return bytes;
  }
}
