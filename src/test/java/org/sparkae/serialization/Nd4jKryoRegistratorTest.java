package org.sparkae.serialization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.sparkae.nn.AutoencoderSpec;
import org.sparkae.nn.ModelWeights;
import org.sparkae.train.TrainingRow;
import scala.reflect.ClassTag$;

/** Spark's Kryo serializer, configured as the docs say, carries ND4J arrays, DataSets and our records intact. */
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

    // Larger than the serializer's copy chunk and Kryo's buffer: a round's parameters are 5 MB.
    INDArray large = Nd4j.rand(DataType.FLOAT, 3, 100_003);
    INDArray largeBack = roundTrip(large);
    assertArrayEquals(large.shape(), largeBack.shape());
    assertArrayEquals(large.reshape(-1).toFloatVector(), largeBack.reshape(-1).toFloatVector(), 0f);

    INDArray matrix = Nd4j.rand(DataType.FLOAT, 6, 5);
    INDArray view = matrix.get(NDArrayIndex.interval(2, 5), NDArrayIndex.all());
    INDArray viewBack = roundTrip(view);
    assertArrayEquals(view.shape(), viewBack.shape());
    assertArrayEquals(view.toFloatMatrix(), viewBack.toFloatMatrix());

    INDArray fortran = Nd4j.rand(DataType.FLOAT, 3, 4).dup('f');
    assertArrayEquals(fortran.toFloatMatrix(), roundTrip(fortran).toFloatMatrix());
    INDArray ints = Nd4j.createFromArray(new int[] {3, -1, 7});
    INDArray intsBack = roundTrip(ints);
    assertEquals(DataType.INT, intsBack.dataType());
    assertArrayEquals(ints.toIntVector(), intsBack.toIntVector());
    assertEquals(2.5f, roundTrip(Nd4j.scalar(2.5f)).getFloat(0), 0f);

    DataSet minibatch = new DataSet(Nd4j.rand(DataType.FLOAT, 4, 7), Nd4j.rand(DataType.FLOAT, 4, 7));
    DataSet back = roundTrip(minibatch);
    assertArrayEquals(minibatch.getFeatures().toFloatMatrix(), back.getFeatures().toFloatMatrix());
    assertArrayEquals(minibatch.getLabels().toFloatMatrix(), back.getLabels().toFloatMatrix());
    assertEquals(DataType.FLOAT, back.getFeatures().dataType());
  }

  @Test
  void recordsTravelThroughTheirCanonicalConstructor() {
    TrainingRow row = new TrainingRow(new float[] {0.25f, 1f}, new float[] {0.5f, 0f});
    TrainingRow rowBack = roundTrip(row);
    assertArrayEquals(row.input(), rowBack.input(), 0f);
    assertArrayEquals(row.target(), rowBack.target(), 0f);
    assertEquals(null, roundTrip(new TrainingRow(new float[] {1f}, null)).target());

    AutoencoderSpec spec = new AutoencoderSpec(4, 4, new int[] {1, 2, 2}, new int[] {3}, new int[0], 2, "relu",
        "identity", "sigmoid", "mse", 1e-3, 1.0, 0.0, 7);
    float[] params = new float[(int) spec.numParams()];
    params[3] = 1.5f;
    ModelWeights weightsBack = roundTrip(new ModelWeights(spec, params));
    assertEquals(spec, weightsBack.spec());
    assertArrayEquals(params, weightsBack.params(), 0f);
    assertEquals(null, weightsBack.residualStd());
    float[] spread = {0.1f, 0f, 0.3f, 0.2f};
    assertArrayEquals(spread, roundTrip(new ModelWeights(spec, params, spread)).residualStd(), 0f);
  }

  @Test
  void kryoWithoutTheRegistratorFailsEarlyWithTheFix() {
    SparkConf withoutIt = new SparkConf().set("spark.serializer", KryoSetup.KRYO).set("spark.kryo.registrator", "my.Own");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> KryoSetup.check(withoutIt, "stage"));
    assertTrue(e.getMessage().contains("spark.kryo.registrator (my.Own) does not list " + Nd4jKryoRegistrator.class.getName()),
        e.getMessage());
    KryoSetup.check(withoutIt.set("spark.kryo.registrator", "my.Own, " + Nd4jKryoRegistrator.class.getName()), "stage");
    KryoSetup.check(new SparkConf(), "stage"); // Java serialization needs nothing
  }

  @Test
  @SuppressWarnings("deprecation")
  void theRegistratorsFormerNameStillWorks() {
    String former = org.sparkae.train.Nd4jKryoRegistrator.class.getName();
    KryoSetup.check(new SparkConf().set("spark.serializer", KryoSetup.KRYO).set("spark.kryo.registrator", former),
        "stage");
    SerializerInstance kryo = new KryoSerializer(new SparkConf().set("spark.kryo.registrator", former)).newInstance();
    INDArray array = Nd4j.createFromArray(1f, 2f, 3f);
    INDArray back = kryo.deserialize(kryo.serialize(array, ClassTag$.MODULE$.apply(INDArray.class)),
        ClassTag$.MODULE$.apply(INDArray.class));
    assertEquals(array, back);
  }
}
