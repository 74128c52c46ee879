package org.sparkae.ml;

import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.sparkae.nn.AutoencoderSpec;
import org.sparkae.nn.LayerSizes;

/**
 * The params shared by {@link Autoencoder} and {@link AutoencoderModel}, with their getters.
 * Definitions, docs, validators and defaults live in {@link AutoencoderParamSet}; Spark discovers
 * params through these public accessors, named exactly like each param (default methods count).
 */
public interface AutoencoderParams extends Params {
  /** The param definitions of this stage (internal: use the accessors below). */
  AutoencoderParamSet paramSet();

  default Param<String> inputCol() { return paramSet().inputCol; }
  default Param<String> targetCol() { return paramSet().targetCol; }
  default Param<String> latentCol() { return paramSet().latentCol; }
  default Param<String> latentLogVarCol() { return paramSet().latentLogVarCol; }
  default Param<String> reconstructionCol() { return paramSet().reconstructionCol; }
  default Param<String> errorCol() { return paramSet().errorCol; }
  default Param<String> outlierCol() { return paramSet().outlierCol; }
  default Param<String> featureErrorsCol() { return paramSet().featureErrorsCol; }
  default Param<String> explanationCol() { return paramSet().explanationCol; }
  default IntParam explanationTopK() { return paramSet().explanationTopK; }
  default IntArrayParam inputShape() { return paramSet().inputShape; }
  default IntArrayParam convFilters() { return paramSet().convFilters; }
  default IntParam convKernelSize() { return paramSet().convKernelSize; }
  default IntParam convRefineLayers() { return paramSet().convRefineLayers; }
  default IntArrayParam encoderLayers() { return paramSet().encoderLayers; }
  default IntParam latentSize() { return paramSet().latentSize; }
  default Param<String> activation() { return paramSet().activation; }
  default Param<String> latentActivation() { return paramSet().latentActivation; }
  default Param<String> outputActivation() { return paramSet().outputActivation; }
  default Param<String> loss() { return paramSet().loss; }
  default Param<String> inputScaling() { return paramSet().inputScaling; }
  default DoubleParam learningRate() { return paramSet().learningRate; }
  default DoubleParam learningRateDecay() { return paramSet().learningRateDecay; }
  default DoubleParam l2() { return paramSet().l2; }
  default IntParam batchSize() { return paramSet().batchSize; }
  default IntParam maxEpochs() { return paramSet().maxEpochs; }
  default LongParam seed() { return paramSet().seed; }
  default Param<String> noiseType() { return paramSet().noiseType; }
  default DoubleParam noiseLevel() { return paramSet().noiseLevel; }
  default DoubleParam contamination() { return paramSet().contamination; }
  default Param<String> errorScaling() { return paramSet().errorScaling; }
  default DoubleParam validationFraction() { return paramSet().validationFraction; }
  default IntParam numWorkers() { return paramSet().numWorkers; }
  default IntParam averagingFrequency() { return paramSet().averagingFrequency; }
  default IntParam prefetchBatches() { return paramSet().prefetchBatches; }
  default Param<String> handleInvalid() { return paramSet().handleInvalid; }
  default Param<String> trainingApproach() { return paramSet().trainingApproach; }
  default Param<String> exportDir() { return paramSet().exportDir; }
  default Param<String> checkpointDir() { return paramSet().checkpointDir; }
  default IntParam earlyStoppingPatience() { return paramSet().earlyStoppingPatience; }
  default IntParam learningRateDrops() { return paramSet().learningRateDrops; }
  default DoubleParam learningRateDropFactor() { return paramSet().learningRateDropFactor; }
  default BooleanParam variational() { return paramSet().variational; }
  default DoubleParam klWeight() { return paramSet().klWeight; }
  default Param<String> variationalScore() { return paramSet().variationalScore; }
  default IntParam variationalSamples() { return paramSet().variationalSamples; }

  default String getInputCol() { return getOrDefault(inputCol()); }
  /** The target column, or {@code ""} when the input itself is reconstructed. */
  default String getTargetCol() { return isDefined(targetCol()) ? getOrDefault(targetCol()) : ""; }
  default boolean hasTarget() { return !getTargetCol().isEmpty(); }
  default String getLatentCol() { return getOrDefault(latentCol()); }
  default String getLatentLogVarCol() { return getOrDefault(latentLogVarCol()); }
  default String getReconstructionCol() { return getOrDefault(reconstructionCol()); }
  default String getErrorCol() { return getOrDefault(errorCol()); }
  default String getOutlierCol() { return getOrDefault(outlierCol()); }
  default String getFeatureErrorsCol() { return getOrDefault(featureErrorsCol()); }
  default String getExplanationCol() { return getOrDefault(explanationCol()); }
  default int getExplanationTopK() { return (Integer) getOrDefault(explanationTopK()); }
  default int[] getInputShape() { return getOrDefault(inputShape()).clone(); }
  default int[] getConvFilters() { return getOrDefault(convFilters()).clone(); }
  default int getConvKernelSize() { return (Integer) getOrDefault(convKernelSize()); }
  default int getConvRefineLayers() { return (Integer) getOrDefault(convRefineLayers()); }
  default int[] getEncoderLayers() { return getOrDefault(encoderLayers()).clone(); }
  default int getLatentSize() { return (Integer) getOrDefault(latentSize()); }
  default String getActivation() { return getOrDefault(activation()); }
  default String getLatentActivation() { return getOrDefault(latentActivation()); }
  default String getOutputActivation() { return getOrDefault(outputActivation()); }
  default String getLoss() { return getOrDefault(loss()); }
  default String getInputScaling() { return getOrDefault(inputScaling()); }
  default double getLearningRate() { return (Double) getOrDefault(learningRate()); }
  default double getLearningRateDecay() { return (Double) getOrDefault(learningRateDecay()); }
  default double getL2() { return (Double) getOrDefault(l2()); }
  default int getBatchSize() { return (Integer) getOrDefault(batchSize()); }
  default int getMaxEpochs() { return (Integer) getOrDefault(maxEpochs()); }
  default long getSeed() { return (Long) getOrDefault(seed()); }
  default String getNoiseType() { return getOrDefault(noiseType()); }
  default double getNoiseLevel() { return (Double) getOrDefault(noiseLevel()); }
  default double getContamination() { return (Double) getOrDefault(contamination()); }
  default String getErrorScaling() { return getOrDefault(errorScaling()); }
  default double getValidationFraction() { return (Double) getOrDefault(validationFraction()); }
  default int getNumWorkers() { return (Integer) getOrDefault(numWorkers()); }
  default int getAveragingFrequency() { return (Integer) getOrDefault(averagingFrequency()); }
  default int getPrefetchBatches() { return (Integer) getOrDefault(prefetchBatches()); }
  default String getHandleInvalid() { return getOrDefault(handleInvalid()); }
  default String getTrainingApproach() { return getOrDefault(trainingApproach()); }
  default String getExportDir() { return getOrDefault(exportDir()); }
  default String getCheckpointDir() { return getOrDefault(checkpointDir()); }
  default int getEarlyStoppingPatience() { return (Integer) getOrDefault(earlyStoppingPatience()); }
  default int getLearningRateDrops() { return (Integer) getOrDefault(learningRateDrops()); }
  default double getLearningRateDropFactor() { return (Double) getOrDefault(learningRateDropFactor()); }
  default boolean getVariational() { return (Boolean) getOrDefault(variational()); }
  default double getKlWeight() { return (Double) getOrDefault(klWeight()); }
  default String getVariationalScore() { return getOrDefault(variationalScore()); }
  default int getVariationalSamples() { return (Integer) getOrDefault(variationalSamples()); }

  /** The error measure of a variational model these params ask for; null for the mean squared error. */
  default org.sparkae.nn.ErrorMeasure errorMeasure() {
    return org.sparkae.nn.ErrorMeasure.of(getVariationalScore(), getVariationalSamples());
  }

  /** Values per row that inputShape implies, or -1 for dense rows. */
  default int shapedRowSize() {
    int[] shape = getInputShape();
    return shape.length == 0 ? -1 : shape[0] * shape[1] * shape[2];
  }

  /** Values in the latent column: latentSize, or the innermost feature maps of a fully convolutional network. */
  default int latentWidth() {
    if (sizesFromInput()) {
      return -1; // follows the input's width, known once fit has seen the data
    }
    return getLatentSize() > 0 ? getLatentSize() : spec(shapedRowSize(), shapedRowSize()).latentWidth();
  }

  /** The network these params describe, for data of the given input and output widths. */
  default AutoencoderSpec spec(int inputSize, int outputSize) {
    return spec(inputSize, outputSize, outputActivationBeforeFit());
  }

  /**
   * The output activation as far as it is known before fit has seen the data: 'auto' counts as sigmoid
   * (bounded noise, any loss), which fit replaces with identity when the scaled targets leave [0, 1].
   */
  default String outputActivationBeforeFit() {
    return "auto".equals(getOutputActivation()) ? "sigmoid" : getOutputActivation();
  }

  /** True when the dense layer widths follow the input's width: a dense net with neither size set. */
  default boolean sizesFromInput() {
    return getInputShape().length == 0 && !isSet(latentSize()) && !isSet(encoderLayers());
  }

  /** encoderLayers, or the widths {@link LayerSizes} derives from the input when no size is set. */
  default int[] encoderLayersFor(int inputSize) {
    return sizesFromInput() ? LayerSizes.encoderLayers(inputSize) : getEncoderLayers();
  }

  /** latentSize, or the width {@link LayerSizes} derives from the input when no size is set. */
  default int latentSizeFor(int inputSize) {
    return sizesFromInput() ? LayerSizes.latentSize(inputSize) : getLatentSize();
  }

  /** The network these params describe, with the output activation resolved. */
  default AutoencoderSpec spec(int inputSize, int outputSize, String outputActivation) {
    AutoencoderSpec spec = new AutoencoderSpec(inputSize, outputSize, getInputShape(), getConvFilters(), getConvKernelSize(),
        getConvRefineLayers(), encoderLayersFor(inputSize), latentSizeFor(inputSize), getActivation(),
        getLatentActivation(), outputActivation, getLoss(), getLearningRate(), getLearningRateDecay(), getL2(), getSeed());
    return getVariational() ? spec.withVariational(getKlWeight()) : spec;
  }
}
