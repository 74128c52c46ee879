package org.sparkae.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
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
 * one block copy; other types and scalars go through ND4J's format.
 */
final class NdArrayKryoSerializer extends Serializer<INDArray> {
  private static final byte FLOATS = 1;
  private static final byte ND4J_FORMAT = 2;

  private final Nd4jSerializer fallback = new Nd4jSerializer();

  @Override
  public void write(Kryo kryo, Output output, INDArray array) {
    if (array.dataType() != DataType.FLOAT || array.rank() == 0 || array.isEmpty()) {
      output.writeByte(ND4J_FORMAT);
      fallback.write(kryo, output, array);
      return;
    }
    boolean compact = array.ordering() == 'c' && !array.isView() && array.data().length() == array.length();
    float[] values = (compact ? array : array.dup('c')).data().asFloat();
    long[] shape = array.shape();
    output.writeByte(FLOATS);
    output.writeVarInt(shape.length, true);
    for (long dim : shape) {
      output.writeVarLong(dim, true);
    }
    ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(values);
    output.writeVarInt(values.length, true);
    output.writeBytes(bytes.array());
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
    float[] values = new float[input.readVarInt(true)];
    ByteBuffer.wrap(input.readBytes(values.length * Float.BYTES)).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer()
        .get(values);
    return Nd4j.create(values, shape, 'c');
  }
}
