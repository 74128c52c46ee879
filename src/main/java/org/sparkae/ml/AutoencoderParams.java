package org.sparkae.ml;

import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;
import org.sparkae.nn.AutoencoderSpec;
import org.sparkae.nn.LayerSizes;
import org.sparkae.train.TrainingPlan;

/**
 * The params shared by {@link Autoencoder} and {@link AutoencoderModel}, each declared once: its accessor
 * gives the name, doc (stating the constraint), validator and default, and its getter follows. Spark
 * discovers params through these public accessors, named exactly like each param (default methods count);
 * the stage's {@link ParamRegistry} creates each one on first use and keeps it. Setters are on the stages.
 */
public interface AutoencoderParams extends Params {
  /** Where this stage keeps its params (internal: use the accessors below). */
  ParamRegistry paramRegistry();

  default Param<String> inputCol() {
    return paramRegistry().string("inputCol",
        "input column: a Vector (dense or sparse), array<double> or array<float> of fixed size", "features");
  }
  default String getInputCol() { return getOrDefault(inputCol()); }

  default Param<String> targetCol() {
    return paramRegistry().string("targetCol",
        "optional target column of the same kinds as inputCol (e.g. clean rows for noisy inputs); "
            + "unset or \"\" reconstructs the input. When set, errorCol is measured against it at scoring too", null);
  }
  /** The target column, or {@code ""} when the input itself is reconstructed. */
  default String getTargetCol() { return isDefined(targetCol()) ? getOrDefault(targetCol()) : ""; }
  default boolean hasTarget() { return !getTargetCol().isEmpty(); }

  default Param<String> latentCol() {
    return paramRegistry().column("latentCol", "output column for the latent code (Vector of latentSize)", "latent");
  }
  default String getLatentCol() { return getOrDefault(latentCol()); }

  default Param<String> latentLogVarCol() {
    return paramRegistry().column("latentLogVarCol", "variational models: output column for the log-variance "
        + "of each code value (Vector of latentSize; latentCol holds the means). Default \"\": off", "");
  }
  default String getLatentLogVarCol() { return getOrDefault(latentLogVarCol()); }

  default Param<String> reconstructionCol() {
    return paramRegistry().column("reconstructionCol", "output column for the reconstruction (Vector)",
        "reconstruction");
  }
  default String getReconstructionCol() { return getOrDefault(reconstructionCol()); }

  default Param<String> errorCol() {
    return paramRegistry().column("errorCol",
        "output column for the row's mean squared reconstruction error (Double; see errorScaling)",
        "reconstructionError");
  }
  default String getErrorCol() { return getOrDefault(errorCol()); }

  default Param<String> outlierCol() {
    return paramRegistry().column("outlierCol",
        "output column flagging rows whose outlier score exceeds the threshold (Boolean)", "outlier");
  }
  default String getOutlierCol() { return getOrDefault(outlierCol()); }

  default Param<String> outlierScoreCol() {
    return paramRegistry().column("outlierScoreCol", "output column for the score the threshold applies to "
        + "(Double): z(error) + latentDistanceWeight x z(latent distance), each z-score against the training rows; "
        + "the error itself when latentDistanceWeight is 0", "outlierScore");
  }
  default String getOutlierScoreCol() { return getOrDefault(outlierScoreCol()); }

  default Param<String> latentDistanceCol() {
    return paramRegistry().column("latentDistanceCol", "output column for how far the row's code lies from the "
        + "training rows' codes (Double: the squared Mahalanobis distance under their mean and covariance, see "
        + "latentSupportFraction), the "
        + "second term of the outlier score; needs latentDistanceWeight > 0. Default \"\": off", "");
  }
  default String getLatentDistanceCol() { return getOrDefault(latentDistanceCol()); }

  default Param<String> featureErrorsCol() {
    return paramRegistry().column("featureErrorsCol", "output column for each output column's squared error "
        + "(Vector of the output size, in the scaled space errorCol is measured in; their mean is errorCol). "
        + "Default \"\": off", "");
  }
  default String getFeatureErrorsCol() { return getOrDefault(featureErrorsCol()); }

  default Param<String> explanationCol() {
    return paramRegistry().column("explanationCol", "output column naming the explanationTopK columns that "
        + "contribute most to the row's error, largest first: array<struct<feature: string, error: double, "
        + "share: double>>, share = that column's part of the row's summed error. Names come from the compared "
        + "column's ML attributes (VectorAssembler and OneHotEncoder names, e.g. age or workclass_Private), "
        + "else f<index>. It explains the outlier score's error term; latentDistanceCol shows its code term. "
        + "Default \"\": off", "");
  }
  default String getExplanationCol() { return getOrDefault(explanationCol()); }

  default IntParam explanationTopK() {
    return paramRegistry().integer("explanationTopK", "how many columns explanationCol names per row (> 0)",
        ParamValidators.gt(0), 3);
  }
  default int getExplanationTopK() { return (Integer) getOrDefault(explanationTopK()); }

  default IntArrayParam inputShape() {
    return paramRegistry().ints("inputShape",
        "image rows: (channels, height, width) of each input vector, stored channel by channel and row by row "
            + "within a channel (as MNIST's 784 pixels are 1 x 28 x 28); the network then starts with convolutions "
            + "(convFilters). Empty = dense rows (default)", ParamChecks.shapeOrEmpty(), new int[0]);
  }
  default int[] getInputShape() { return getOrDefault(inputShape()).clone(); }

  default IntArrayParam convFilters() {
    return paramRegistry().ints("convFilters",
        "with an inputShape: filters of the encoder's stride-2 convolutions, outermost first, each halving "
            + "height and width (so they must divide by 2^layers); the decoder mirrors them with deconvolutions",
        ParamChecks.positiveIntArray(false), new int[] {32, 64});
  }
  default int[] getConvFilters() { return getOrDefault(convFilters()).clone(); }

  default IntParam convKernelSize() {
    return paramRegistry().integer("convKernelSize", "with an inputShape: height and width of every convolution "
        + "and deconvolution kernel (odd, >= 1); larger kernels see more of the image per layer at more cost "
        + "(5x5 is about 2.8x the multiply-adds of 3x3)", ParamChecks.oddPositive(), AutoencoderSpec.DEFAULT_KERNEL);
  }
  default int getConvKernelSize() { return (Integer) getOrDefault(convKernelSize()); }

  default IntParam convRefineLayers() {
    return paramRegistry().integer("convRefineLayers", "with an inputShape: stride-1 convolutions at the "
        + "input's resolution that end the decoder (>= 0; 0 = the last deconvolution yields the output). With n > 0 "
        + "the last deconvolution yields convFilters[0] feature maps and the n-th convolution maps them to the "
        + "input's channels: finer detail for denoising, at the cost of full-resolution convolutions",
        ParamValidators.gtEq(0), 0);
  }
  default int getConvRefineLayers() { return (Integer) getOrDefault(convRefineLayers()); }

  default IntArrayParam encoderLayers() {
    return paramRegistry().ints("encoderLayers",
        "widths of the encoder's hidden dense layers, outermost first (each > 0; after the convolutions when "
            + "inputShape is set; empty = the code layer comes next); the decoder mirrors them. Unset on a dense "
            + "net they follow the input width d and the code's width: [256, 64] for d >= 256, else "
            + "[max(2 * code, min(64, 2d))]; a fitted model holds the widths used",
        ParamChecks.positiveIntArray(true), new int[] {256, 64});
  }
  default int[] getEncoderLayers() { return getOrDefault(encoderLayers()).clone(); }

  default IntParam latentSize() {
    return paramRegistry().integer("latentSize", "width of the latent code (> 0; unset on a dense net: "
        + "min(32, max(2, round(1.15 sqrt(d)))) for input width d); 0 with an inputShape and no "
        + "encoderLayers makes the network fully convolutional: the code is the last convolution's feature maps "
        + "(convFilters[last] x height/2^layers x width/2^layers values)", ParamValidators.gtEq(0), 32);
  }
  default int getLatentSize() { return (Integer) getOrDefault(latentSize()); }

  default Param<String> activation() {
    return paramRegistry().choice("activation", "activation of hidden layers", ParamChoices.ACTIVATIONS, "relu");
  }
  default String getActivation() { return getOrDefault(activation()); }

  default Param<String> latentActivation() {
    return paramRegistry().choice("latentActivation",
        "activation of the code layer (identity gives a linear code, as in Hinton & Salakhutdinov 2006)",
        ParamChoices.ACTIVATIONS, "identity");
  }
  default String getLatentActivation() { return getOrDefault(latentActivation()); }

  default Param<String> outputActivation() {
    return paramRegistry().choice("outputActivation",
        "activation of the output layer: sigmoid for data in [0, 1], identity for unbounded data; 'auto' picks "
            + "sigmoid when every (scaled) training target lies in [0, 1], else identity. A fitted model holds the "
            + "activation chosen", ParamChoices.OUTPUT_ACTIVATIONS, "auto");
  }
  default String getOutputActivation() { return getOrDefault(outputActivation()); }

  default Param<String> inputScaling() {
    return paramRegistry().choice("inputScaling",
        "per-column scaling learned at fit and applied at scoring, so raw columns of any scale train together: "
            + "'standard' (mean 0, standard deviation 1), 'minmax' (training range to [0, 1]), 'none', or 'auto': "
            + "none when every training value already lies in [0, 1] (pixels), else standard. Codes, errors and the "
            + "threshold are in the scaled space, reconstructions in the data's units; a fitted model holds the "
            + "method chosen", ParamChoices.INPUT_SCALINGS, "auto");
  }
  default String getInputScaling() { return getOrDefault(inputScaling()); }

  default Param<String> loss() {
    return paramRegistry().choice("loss",
        "training loss: mean squared error or binary cross-entropy (needs sigmoid output)", ParamChoices.LOSSES, "mse");
  }
  default String getLoss() { return getOrDefault(loss()); }

  default DoubleParam learningRate() {
    return paramRegistry().real("learningRate", "Adam learning rate (> 0)", ParamValidators.gt(0), 1e-3);
  }
  default double getLearningRate() { return (Double) getOrDefault(learningRate()); }

  default DoubleParam learningRateDecay() {
    return paramRegistry().real("learningRateDecay", "factor the learning rate is multiplied by after "
        + "every epoch, in (0, 1]: epoch e (from 0) trains at learningRate * learningRateDecay^e; 1 keeps it constant",
        ParamValidators.inRange(0, 1, false, true), 1.0);
  }
  default double getLearningRateDecay() { return (Double) getOrDefault(learningRateDecay()); }

  default DoubleParam l2() {
    return paramRegistry().real("l2", "L2 weight regularization (>= 0)", ParamValidators.gtEq(0), 0.0);
  }
  default double getL2() { return (Double) getOrDefault(l2()); }

  default IntParam batchSize() {
    return paramRegistry().integer("batchSize", "rows per minibatch, in training and scoring (> 0); unset, "
        + "training splits the default over the workers and uses no more than a worker's rows / 64 (at least "
        + TrainingPlan.MIN_BATCH + "); summary().batchSize() says what was used",
        ParamValidators.gt(0), 128);
  }
  default int getBatchSize() { return (Integer) getOrDefault(batchSize()); }

  default IntParam maxEpochs() {
    return paramRegistry().integer("maxEpochs", "passes over the training data (>= 0); 0 = as many as give "
        + TrainingPlan.STEP_BUDGET + " optimizer steps per worker, between " + TrainingPlan.MIN_EPOCHS + " and "
        + TrainingPlan.MAX_EPOCHS + " (small data gets more passes); summary().numEpochs() says how many ran",
        ParamValidators.gtEq(0), 0);
  }
  default int getMaxEpochs() { return (Integer) getOrDefault(maxEpochs()); }

  default LongParam seed() {
    return paramRegistry().longValue("seed", "random seed for weights, noise and data splits",
        (long) "org.sparkae.ml.Autoencoder".hashCode());
  }
  default long getSeed() { return (Long) getOrDefault(seed()); }

  default Param<String> noiseType() {
    return paramRegistry().choice("noiseType",
        "corruption drawn fresh every epoch during training only (a denoising autoencoder)", ParamChoices.NOISE_TYPES,
        "none");
  }
  default String getNoiseType() { return getOrDefault(noiseType()); }

  default DoubleParam noiseLevel() {
    return paramRegistry().real("noiseLevel",
        "gaussian: standard deviation; masking and saltpepper: fraction of entries corrupted (>= 0; <= 1 for fractions)",
        ParamValidators.gtEq(0), 0.0);
  }
  default double getNoiseLevel() { return (Double) getOrDefault(noiseLevel()); }

  default DoubleParam contamination() {
    return paramRegistry().real("contamination",
        "expected fraction of outliers: the threshold is the (1 - contamination) quantile of the training rows' "
            + "outlier scores, in (0, 0.5]",
        ParamValidators.inRange(0, 0.5, false, true), 0.01);
  }
  default double getContamination() { return (Double) getOrDefault(contamination()); }

  default Param<String> errorScaling() {
    return paramRegistry().choice("errorScaling",
        "how errorCol weighs the outputs, fixed at fit: 'none' is the plain mean squared error; 'residualStd' "
            + "divides each output's residual by (s_j + mean(s)), s_j the standard deviation of that output's "
            + "residual on the training rows, so outputs the model gets wrong even on normal rows count less and "
            + "a deviation where it is usually exact counts more (sharper outlier scores; the threshold is learned "
            + "on the scaled errors)", ParamChoices.ERROR_SCALINGS, "none");
  }
  default String getErrorScaling() { return getOrDefault(errorScaling()); }

  default DoubleParam latentDistanceWeight() {
    return paramRegistry().real("latentDistanceWeight",
        "weight of the latent term in the outlier score, fixed at fit (>= 0): the score is z(error) + weight x "
            + "z(distance), the distance being how far the row's code lies from the training rows' codes "
            + "(squared Mahalanobis), so a row the network reconstructs well but encodes where no training row "
            + "lies is flagged too; the threshold is learned on the score. 0 = the score is the error",
        ParamValidators.inRange(0, Double.MAX_VALUE), 1.0);
  }
  default double getLatentDistanceWeight() { return (Double) getOrDefault(latentDistanceWeight()); }

  default DoubleParam latentSupportFraction() {
    return paramRegistry().real("latentSupportFraction",
        "share of the training rows whose codes the latent term's mean and covariance are estimated from, in "
            + "(0, 1]: below 1, a few rounds keep only the codes nearest the centre (as the minimum covariance "
            + "determinant estimator does), so outliers among the training rows do not stretch the covariance "
            + "that is to find them. 1 = every row",
        ParamValidators.inRange(0, 1, false, true), 0.75);
  }
  default double getLatentSupportFraction() { return (Double) getOrDefault(latentSupportFraction()); }

  default DoubleParam validationFraction() {
    return paramRegistry().real("validationFraction",
        "fraction of rows held out to measure validation loss per epoch, which early stopping watches, in [0, 1); "
            + "0 = train on every row (no early stopping)",
        ParamValidators.inRange(0, 1, true, false), 0.1);
  }
  default double getValidationFraction() { return (Double) getOrDefault(validationFraction()); }

  default IntParam numWorkers() {
    return paramRegistry().integer("numWorkers",
        "data-parallel workers (partitions trained at once, >= 0); 0 = Spark's default parallelism, but no more "
            + "than give each worker " + TrainingPlan.ROUNDS_PER_WORKER + " x batchSize x averagingFrequency rows "
            + "(that many full averaging rounds per epoch), and one worker below " + TrainingPlan.ONE_WORKER_ROWS
            + " rows when batchSize and averagingFrequency are unset too; a lone worker uses all of its executor's "
            + "cores; summary().numWorkers() says how many were used",
        ParamValidators.gtEq(0), 0);
  }
  default int getNumWorkers() { return (Integer) getOrDefault(numWorkers()); }

  default IntParam averagingFrequency() {
    return paramRegistry().integer("averagingFrequency",
        "minibatches each worker fits between parameter averagings (> 0); unset with batchSize unset too, "
            + "several workers fit about " + TrainingPlan.ROUND_ROWS + " rows each between averagings but at least "
            + TrainingPlan.ROUNDS_PER_WORKER + " rounds an epoch; a single worker always fits its whole epoch "
            + "(there is nothing to average); "
            + "summary().averagingFrequency() says what was used", ParamValidators.gt(0), 5);
  }
  default int getAveragingFrequency() { return (Integer) getOrDefault(averagingFrequency()); }

  default IntParam prefetchBatches() {
    return paramRegistry().integer("prefetchBatches",
        "minibatches each worker builds ahead on a second thread while it fits the current one (DL4J's "
            + "workerPrefetchNumBatches); 0 builds each one when needed (>= 0)", ParamValidators.gtEq(0), 2);
  }
  default int getPrefetchBatches() { return (Integer) getOrDefault(prefetchBatches()); }

  default Param<String> handleInvalid() {
    return paramRegistry().choice("handleInvalid",
        "rows with null, NaN/Infinity or wrong-size vectors: 'error' fails naming the column, 'skip' drops them",
        ParamChoices.HANDLE_INVALID, "error");
  }
  default String getHandleInvalid() { return getOrDefault(handleInvalid()); }

  default Param<String> trainingApproach() {
    return paramRegistry().choice("trainingApproach",
        "how workers get their minibatches (DL4J's RDDTrainingApproach): 'direct' builds them in memory each "
            + "averaging round; 'export' writes each epoch's minibatches to exportDir and trains from the files",
        ParamChoices.TRAINING_APPROACHES, "direct");
  }
  default String getTrainingApproach() { return getOrDefault(trainingApproach()); }

  default Param<String> exportDir() {
    return paramRegistry().string("exportDir",
        "trainingApproach 'export': a directory every executor can read and write (HDFS, s3a, a shared mount); "
            + "each fit uses its own subdirectory and deletes it when done", "");
  }
  default String getExportDir() { return getOrDefault(exportDir()); }

  default Param<String> checkpointDir() {
    return paramRegistry().string("checkpointDir",
        "any Hadoop path where fit saves parameters and Adam state after every epoch and, when it already holds "
            + "a checkpoint of the same training, resumes from it (learningRate, learningRateDecay and l2 may differ: "
            + "resume with a lower rate to continue at a smaller step). Early stopping counts on across the resume: "
            + "a run that had stopped returns its best epoch without training, unless the rate changed; "
            + "\"\" = no checkpoints", "");
  }
  default String getCheckpointDir() { return getOrDefault(checkpointDir()); }

  default IntParam earlyStoppingPatience() {
    return paramRegistry().integer("earlyStoppingPatience",
        "stop when the validation loss has not improved for this many epochs and keep the best epoch's weights "
            + "(>= 0; 0 = train all maxEpochs). Set explicitly, it needs validationFraction > 0; the default applies "
            + "whenever rows are held out", ParamValidators.gtEq(0), 10);
  }
  default int getEarlyStoppingPatience() { return (Integer) getOrDefault(earlyStoppingPatience()); }

  default IntParam learningRateDrops() {
    return paramRegistry().integer("learningRateDrops",
        "how many times, when early stopping would stop, training goes on from the current weights at the rate "
            + "times learningRateDropFactor with its patience started afresh; the best epoch is still the one kept. "
            + "Set explicitly, it needs earlyStoppingPatience > 0; 0 = stop at the first plateau (>= 0)",
        ParamValidators.gtEq(0), 1);
  }
  default int getLearningRateDrops() { return (Integer) getOrDefault(learningRateDrops()); }

  default DoubleParam learningRateDropFactor() {
    return paramRegistry().real("learningRateDropFactor",
        "what each of learningRateDrops multiplies the learning rate by, in (0, 1)",
        ParamValidators.inRange(0, 1, false, false), 0.1);
  }
  default double getLearningRateDropFactor() { return (Double) getOrDefault(learningRateDropFactor()); }

  default BooleanParam variational() {
    return paramRegistry().flag("variational", "train a variational autoencoder (Kingma and Welling "
        + "2014): the code layer yields a mean and a log-variance per code value, training decodes a sample "
        + "z = mean + sigma * eps, and the loss per row is the reconstruction term summed over the outputs (squared "
        + "error, or cross-entropy) plus klWeight x KL(N(mean, sigma^2) || N(0, I)). latentCol holds the mean and "
        + "reconstructions decode it; latentActivation is not used. Needs latentSize > 0. Default false", false);
  }
  default boolean getVariational() { return (Boolean) getOrDefault(variational()); }

  default DoubleParam klWeight() {
    return paramRegistry().real("klWeight", "variational: weight (beta) of the KL term (>= 0; 1 = the evidence "
        + "lower bound; larger values pull the codes towards N(0, I), smaller ones favour reconstruction)",
        ParamValidators.gtEq(0), 1.0);
  }
  default double getKlWeight() { return (Double) getOrDefault(klWeight()); }

  default Param<String> variationalScore() {
    return paramRegistry().choice("variationalScore", "variational: what errorCol measures, fixed at fit (the "
        + "threshold is learned on it): 'reconstructionError' the mean squared error of the reconstruction decoded "
        + "from the code's mean (as for a plain net); 'reconstructionProbability' (An and Cho 2015) the training "
        + "loss's reconstruction term (summed squared error or cross-entropy, minus the log-likelihood up to a "
        + "constant) averaged over variationalSamples codes drawn from the row's posterior; 'elbo' that plus "
        + "klWeight x the row's KL divergence (the negative evidence lower bound). Higher is more unusual",
        org.sparkae.nn.ErrorMeasure.KINDS, "reconstructionError");
  }
  default String getVariationalScore() { return getOrDefault(variationalScore()); }

  default IntParam variationalSamples() {
    return paramRegistry().integer("variationalSamples", "variational: codes drawn per row for "
        + "variationalScore 'reconstructionProbability' and 'elbo' (> 0); draws are seeded by the row, so a row "
        + "scores the same every time", ParamValidators.gt(0), 10);
  }
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
    if (latentFromInput()) {
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

  /** True when the code's width follows the input's: a dense net without latentSize set. */
  default boolean latentFromInput() {
    return getInputShape().length == 0 && !isSet(latentSize());
  }

  /** True when the hidden widths follow the input's: a dense net without encoderLayers set. */
  default boolean layersFromInput() {
    return getInputShape().length == 0 && !isSet(encoderLayers());
  }

  /** encoderLayers, or on a dense net without it the widths {@link LayerSizes} derives from the input and code. */
  default int[] encoderLayersFor(int inputSize) {
    return layersFromInput() ? LayerSizes.encoderLayers(inputSize, latentSizeFor(inputSize)) : getEncoderLayers();
  }

  /** latentSize, or on a dense net without it the width {@link LayerSizes} derives from the input. */
  default int latentSizeFor(int inputSize) {
    return latentFromInput() ? LayerSizes.latentSize(inputSize) : getLatentSize();
  }

  /** The network these params describe, with the output activation resolved. */
  default AutoencoderSpec spec(int inputSize, int outputSize, String outputActivation) {
    AutoencoderSpec spec = new AutoencoderSpec(inputSize, outputSize, getInputShape(), getConvFilters(), getConvKernelSize(),
        getConvRefineLayers(), encoderLayersFor(inputSize), latentSizeFor(inputSize), getActivation(),
        getLatentActivation(), outputActivation, getLoss(), getLearningRate(), getLearningRateDecay(), getL2(), getSeed());
    return getVariational() ? spec.withVariational(getKlWeight()) : spec;
  }
}
