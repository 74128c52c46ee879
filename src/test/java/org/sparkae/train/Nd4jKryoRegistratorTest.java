package org.sparkae.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import scala.reflect.ClassTag$;

/** Spark's Kryo serializer, configured as the docs say, carries ND4J arrays and DataSets intact. */
class Nd4jKryoRegistratorTest {
  private final SerializerInstance kryo = new KryoSerializer(new SparkConf()
      .set("spark.kryo.registrator", Nd4jKryoRegistrator.class.getName())).newInstance();

  @SuppressWarnings("unchecked")
  private <T> T roundTrip(T value) {
    ByteBuffer bytes = kryo.serialize(value, ClassTag$.MODULE$.AnyRef());
    return (T) kryo.deserialize(bytes, ClassTag$.MODULE$.AnyRef());
  }

  @Test
  void arraysViewsAndDataSetsSurviveTheRoundTrip() {
    INDArray params = Nd4j.rand(DataType.FLOAT, 1, 1000);
    assertArrayEquals(params.toFloatVector(), roundTrip(params).toFloatVector(), 0f);

    INDArray matrix = Nd4j.rand(DataType.FLOAT, 6, 5);
    INDArray view = matrix.get(NDArrayIndex.interval(2, 5), NDArrayIndex.all());
    INDArray viewBack = roundTrip(view);
    assertArrayEquals(view.shape(), viewBack.shape());
    assertArrayEquals(view.toFloatMatrix(), viewBack.toFloatMatrix());

    DataSet minibatch = new DataSet(Nd4j.rand(DataType.FLOAT, 4, 7), Nd4j.rand(DataType.FLOAT, 4, 7));
    DataSet back = roundTrip(minibatch);
    assertArrayEquals(minibatch.getFeatures().toFloatMatrix(), back.getFeatures().toFloatMatrix());
    assertArrayEquals(minibatch.getLabels().toFloatMatrix(), back.getLabels().toFloatMatrix());
    assertEquals(DataType.FLOAT, back.getFeatures().dataType());
  }
}
