package org.sparkae.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.concurrent.atomic.AtomicInteger;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Lets Spark's Kryo serializer carry what sparkae ships between JVMs: every INDArray (parameters, Adam
 * state, minibatch DataSets) goes through {@link NdArrayKryoSerializer} (float arrays as one block), and Java records (training rows,
 * model weights) through {@link RecordKryoSerializer}. Without it Kryo would copy an INDArray's
 * fields, off-heap pointers included, and fail on records. Use with
 * {@code spark.serializer=org.apache.spark.serializer.KryoSerializer} and
 * {@code spark.kryo.registrator=org.sparkae.serialization.Nd4jKryoRegistrator} (comma-separated after your own).
 */
public class Nd4jKryoRegistrator implements org.apache.spark.serializer.KryoRegistrator {
  @Override
  public void registerClasses(Kryo kryo) {
    NdArrayKryoSerializer arrays = new NdArrayKryoSerializer();
    kryo.addDefaultSerializer(INDArray.class, arrays);
    kryo.register(Nd4j.getBackend().getNDArrayClass(), arrays);
    kryo.register(DataSet.class);
    kryo.addDefaultSerializer(Record.class, new RecordKryoSerializer());
    // DL4J's NetBroadcastTuple counts workers in an AtomicInteger, whose field Java 17 keeps closed to Kryo.
    kryo.register(AtomicInteger.class, new Serializer<AtomicInteger>() {
      @Override
      public void write(Kryo k, Output output, AtomicInteger value) {
        output.writeInt(value.get());
      }

      @Override
      public AtomicInteger read(Kryo k, Input input, Class<AtomicInteger> type) {
        return new AtomicInteger(input.readInt());
      }
    });
  }
}
