package org.sparkae.ml;

import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.sparkae.nn.AutoencoderSpec;

/**
 * The params shared by {@link Autoencoder} and {@link AutoencoderModel}, with their getters.
 * Definitions, docs, validators and defaults live in {@link AutoencoderParamSet}; Spark discovers
 * params through the public accessors named exactly like each param.
 */
public interface AutoencoderParams extends Params {
  Param<String> inputCol();
  Param<String> targetCol();
  Param<String> latentCol();
  Param<String> reconstructionCol();
  Param<String> errorCol();
  Param<String> outlierCol();
  IntArrayParam encoderLayers();
  IntParam latentSize();
  Param<String> activation();
  Param<String> latentActivation();
  Param<String> outputActivation();
  Param<String> loss();
  DoubleParam learningRate();
  DoubleParam l2();
  IntParam batchSize();
  IntParam maxEpochs();
  LongParam seed();
  Param<String> noiseType();
  DoubleParam noiseLevel();
  DoubleParam contamination();
  DoubleParam validationFraction();
  IntParam numWorkers();
  IntParam averagingFrequency();
  Param<String> handleInvalid();

  default String getInputCol() { return getOrDefault(inputCol()); }
  /** The target column, or {@code ""} when the input itself is reconstructed. */
  default String getTargetCol() { return isDefined(targetCol()) ? getOrDefault(targetCol()) : ""; }
  default boolean hasTarget() { return !getTargetCol().isEmpty(); }
  default String getLatentCol() { return getOrDefault(latentCol()); }
  default String getReconstructionCol() { return getOrDefault(reconstructionCol()); }
  default String getErrorCol() { return getOrDefault(errorCol()); }
  default String getOutlierCol() { return getOrDefault(outlierCol()); }
  default int[] getEncoderLayers() { return getOrDefault(encoderLayers()).clone(); }
  default int getLatentSize() { return (Integer) getOrDefault(latentSize()); }
  default String getActivation() { return getOrDefault(activation()); }
  default String getLatentActivation() { return getOrDefault(latentActivation()); }
  default String getOutputActivation() { return getOrDefault(outputActivation()); }
  default String getLoss() { return getOrDefault(loss()); }
  default double getLearningRate() { return (Double) getOrDefault(learningRate()); }
  default double getL2() { return (Double) getOrDefault(l2()); }
  default int getBatchSize() { return (Integer) getOrDefault(batchSize()); }
  default int getMaxEpochs() { return (Integer) getOrDefault(maxEpochs()); }
  default long getSeed() { return (Long) getOrDefault(seed()); }
  default String getNoiseType() { return getOrDefault(noiseType()); }
  default double getNoiseLevel() { return (Double) getOrDefault(noiseLevel()); }
  default double getContamination() { return (Double) getOrDefault(contamination()); }
  default double getValidationFraction() { return (Double) getOrDefault(validationFraction()); }
  default int getNumWorkers() { return (Integer) getOrDefault(numWorkers()); }
  default int getAveragingFrequency() { return (Integer) getOrDefault(averagingFrequency()); }
  default String getHandleInvalid() { return getOrDefault(handleInvalid()); }

  /** The network these params describe, for data of the given input and output widths. */
  default AutoencoderSpec spec(int inputSize, int outputSize) {
    return new AutoencoderSpec(inputSize, outputSize, getEncoderLayers(), getLatentSize(), getActivation(),
        getLatentActivation(), getOutputActivation(), getLoss(), getLearningRate(), getL2(), getSeed());
  }
}
