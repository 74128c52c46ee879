package org.sparkae.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kryo for Java records. Spark 3.5 ships Kryo 4, whose field serializer cannot set a record's final
 * fields ("can't get field offset on a record class"); a record is written as its components, in
 * declaration order, and read back through its canonical constructor, so its validation runs again.
 */
final class RecordKryoSerializer extends Serializer<Record> {
  private record Shape(Method[] accessors, Constructor<?> constructor) {}

  private static final Map<Class<?>, Shape> SHAPES = new ConcurrentHashMap<>();

  RecordKryoSerializer() {
    setImmutable(true);
  }

  private static Shape shape(Class<?> type) {
    return SHAPES.computeIfAbsent(type, t -> {
      RecordComponent[] components = t.getRecordComponents();
      Method[] accessors = new Method[components.length];
      Class<?>[] types = new Class<?>[components.length];
      for (int i = 0; i < components.length; i++) {
        accessors[i] = components[i].getAccessor();
        accessors[i].setAccessible(true); // records nested privately in our classes
        types[i] = components[i].getType();
      }
      try {
        Constructor<?> constructor = t.getDeclaredConstructor(types);
        constructor.setAccessible(true);
        return new Shape(accessors, constructor);
      } catch (NoSuchMethodException e) {
        throw new KryoException("record " + t.getName() + " has no canonical constructor", e);
      }
    });
  }

  @Override
  public void write(Kryo kryo, Output output, Record record) {
    try {
      for (Method accessor : shape(record.getClass()).accessors()) {
        kryo.writeClassAndObject(output, accessor.invoke(record));
      }
    } catch (ReflectiveOperationException e) {
      throw new KryoException("cannot read the components of " + record.getClass().getName(), e);
    }
  }

  @Override
  public Record read(Kryo kryo, Input input, Class<Record> type) {
    Shape shape = shape(type);
    Object[] values = new Object[shape.accessors().length];
    for (int i = 0; i < values.length; i++) {
      values[i] = kryo.readClassAndObject(input);
    }
    try {
      return type.cast(shape.constructor().newInstance(values));
    } catch (ReflectiveOperationException e) {
      throw new KryoException("cannot rebuild " + type.getName() + " from its components", e);
    }
  }
}
