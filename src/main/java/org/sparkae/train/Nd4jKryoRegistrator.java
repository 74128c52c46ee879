package org.sparkae.train;

/**
 * The registrator under its former name, so sessions configured with
 * {@code spark.kryo.registrator=org.sparkae.train.Nd4jKryoRegistrator} keep working.
 *
 * @deprecated use {@link org.sparkae.serialization.Nd4jKryoRegistrator}
 */
@Deprecated
public final class Nd4jKryoRegistrator extends org.sparkae.serialization.Nd4jKryoRegistrator {}
