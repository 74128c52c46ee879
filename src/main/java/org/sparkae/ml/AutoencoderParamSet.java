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
import org.sparkae.train.TrainingPlan;

/**
 * Definitions of the {@link AutoencoderParams}: name, doc (stating the constraint), validator and
 * default. One instance per stage, created after the stage's uid is assigned; serialized with its stage
 * (a pipeline shipped in a closure or a broadcast).
 */
public final class AutoencoderParamSet implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  static final String[] ACTIVATIONS = {"relu", "leakyrelu", "tanh", "sigmoid", "elu", "identity"};
  static final String[] OUTPUT_ACTIVATIONS = {"auto", "sigmoid", "identity"};
  static final String[] INPUT_SCALINGS = {"auto", "none", "standard", "minmax"};
  static final String[] LOSSES = {"mse", "xent"};
  static final String[] NOISE_TYPES = {"none", "gaussian", "masking", "saltpepper"};
  static final String[] HANDLE_INVALID = {"error", "skip"};
  static final String[] TRAINING_APPROACHES = {"direct", "export"};
  static final String[] ERROR_SCALINGS = {"none", "residualStd"};

  final Param<String> inputCol;
  final Param<String> targetCol;
  final Param<String> latentCol;
  final Param<String> latentLogVarCol;
  final Param<String> reconstructionCol;
  final Param<String> errorCol;
  final Param<String> outlierCol;
  final Param<String> featureErrorsCol;
  final Param<String> explanationCol;
  final IntParam explanationTopK;
  final IntArrayParam inputShape;
  final IntArrayParam convFilters;
  final IntParam convKernelSize;
  final IntParam convRefineLayers;
  final IntArrayParam encoderLayers;
  final IntParam latentSize;
  final Param<String> activation;
  final Param<String> latentActivation;
  final Param<String> outputActivation;
  final Param<String> loss;
  final Param<String> inputScaling;
  final DoubleParam learningRate;
  final DoubleParam learningRateDecay;
  final DoubleParam l2;
  final IntParam batchSize;
  final IntParam maxEpochs;
  final LongParam seed;
  final Param<String> noiseType;
  final DoubleParam noiseLevel;
  final DoubleParam contamination;
  final Param<String> errorScaling;
  final DoubleParam validationFraction;
  final IntParam numWorkers;
  final IntParam averagingFrequency;
  final IntParam prefetchBatches;
  final Param<String> handleInvalid;
  final Param<String> trainingApproach;
  final Param<String> exportDir;
  final Param<String> checkpointDir;
  final IntParam earlyStoppingPatience;
  final IntParam learningRateDrops;
  final DoubleParam learningRateDropFactor;
  final BooleanParam variational;
  final DoubleParam klWeight;
  final Param<String> variationalScore;
  final IntParam variationalSamples;

  AutoencoderParamSet(Params owner) {
    inputCol = new Param<>(owner, "inputCol",
        "input column: a Vector (dense or sparse), array<double> or array<float> of fixed size");
    targetCol = new Param<>(owner, "targetCol",
        "optional target column of the same kinds as inputCol (e.g. clean rows for noisy inputs); "
            + "unset or \"\" reconstructs the input. When set, errorCol is measured against it at scoring too");
    latentCol = outputCol(owner, "latentCol", "output column for the latent code (Vector of latentSize)");
    latentLogVarCol = outputCol(owner, "latentLogVarCol", "variational models: output column for the log-variance "
        + "of each code value (Vector of latentSize; latentCol holds the means). Default \"\": off");
    reconstructionCol = outputCol(owner, "reconstructionCol", "output column for the reconstruction (Vector)");
    errorCol = outputCol(owner, "errorCol",
        "output column for the row's mean squared reconstruction error (Double; see errorScaling)");
    outlierCol = outputCol(owner, "outlierCol", "output column flagging rows whose error exceeds the threshold (Boolean)");
    featureErrorsCol = outputCol(owner, "featureErrorsCol", "output column for each output column's squared error "
        + "(Vector of the output size, in the scaled space errorCol is measured in; their mean is errorCol). "
        + "Default \"\": off");
    explanationCol = outputCol(owner, "explanationCol", "output column naming the explanationTopK columns that "
        + "contribute most to the row's error, largest first: array<struct<feature: string, error: double, "
        + "share: double>>, share = that column's part of the row's summed error. Names come from the compared "
        + "column's ML attributes (VectorAssembler and OneHotEncoder names, e.g. age or workclass_Private), "
        + "else f<index>. Default \"\": off");
    explanationTopK = new IntParam(owner, "explanationTopK", "how many columns explanationCol names per row (> 0)",
        ParamValidators.gt(0));
    inputShape = new IntArrayParam(owner, "inputShape",
        "image rows: (channels, height, width) of each input vector, stored channel by channel and row by row "
            + "within a channel (as MNIST's 784 pixels are 1 x 28 x 28); the network then starts with convolutions "
            + "(convFilters). Empty = dense rows (default)", ParamChecks.shapeOrEmpty());
    convFilters = new IntArrayParam(owner, "convFilters",
        "with an inputShape: filters of the encoder's stride-2 convolutions, outermost first, each halving "
            + "height and width (so they must divide by 2^layers); the decoder mirrors them with deconvolutions",
        ParamChecks.positiveIntArray(false));
    convKernelSize = new IntParam(owner, "convKernelSize", "with an inputShape: height and width of every convolution "
        + "and deconvolution kernel (odd, >= 1); larger kernels see more of the image per layer at more cost "
        + "(5x5 is about 2.8x the multiply-adds of 3x3)", ParamChecks.oddPositive());
    convRefineLayers = new IntParam(owner, "convRefineLayers", "with an inputShape: stride-1 convolutions at the "
        + "input's resolution that end the decoder (>= 0; 0 = the last deconvolution yields the output). With n > 0 "
        + "the last deconvolution yields convFilters[0] feature maps and the n-th convolution maps them to the "
        + "input's channels: finer detail for denoising, at the cost of full-resolution convolutions",
        ParamValidators.gtEq(0));
    encoderLayers = new IntArrayParam(owner, "encoderLayers",
        "widths of the encoder's hidden dense layers, outermost first (each > 0; after the convolutions when "
            + "inputShape is set; empty = the code layer comes next); the decoder mirrors them. Dense nets with "
            + "neither encoderLayers nor latentSize set derive both from the input width d: [256, 64] for d >= 256, "
            + "else [max(2 * code, min(64, 2d))]; a fitted model holds the widths used",
        ParamChecks.positiveIntArray(true));
    latentSize = new IntParam(owner, "latentSize", "width of the latent code (> 0; dense nets with neither size "
        + "set use min(32, max(2, round(1.15 sqrt(d)))) for input width d); 0 with an inputShape and no "
        + "encoderLayers makes the network fully convolutional: the code is the last convolution's feature maps "
        + "(convFilters[last] x height/2^layers x width/2^layers values)", ParamValidators.gtEq(0));
    activation = choice(owner, "activation", "activation of hidden layers", ACTIVATIONS);
    latentActivation = choice(owner, "latentActivation",
        "activation of the code layer (identity gives a linear code, as in Hinton & Salakhutdinov 2006)", ACTIVATIONS);
    outputActivation = choice(owner, "outputActivation",
        "activation of the output layer: sigmoid for data in [0, 1], identity for unbounded data; 'auto' picks "
            + "sigmoid when every (scaled) training target lies in [0, 1], else identity. A fitted model holds the "
            + "activation chosen", OUTPUT_ACTIVATIONS);
    inputScaling = choice(owner, "inputScaling",
        "per-column scaling learned at fit and applied at scoring, so raw columns of any scale train together: "
            + "'standard' (mean 0, standard deviation 1), 'minmax' (training range to [0, 1]), 'none', or 'auto': "
            + "none when every training value already lies in [0, 1] (pixels), else standard. Codes, errors and the "
            + "threshold are in the scaled space, reconstructions in the data's units; a fitted model holds the "
            + "method chosen", INPUT_SCALINGS);
    loss = choice(owner, "loss", "training loss: mean squared error or binary cross-entropy (needs sigmoid output)", LOSSES);
    learningRate = new DoubleParam(owner, "learningRate", "Adam learning rate (> 0)", ParamValidators.gt(0));
    learningRateDecay = new DoubleParam(owner, "learningRateDecay", "factor the learning rate is multiplied by after "
        + "every epoch, in (0, 1]: epoch e (from 0) trains at learningRate * learningRateDecay^e; 1 keeps it constant",
        ParamValidators.inRange(0, 1, false, true));
    l2 = new DoubleParam(owner, "l2", "L2 weight regularization (>= 0)", ParamValidators.gtEq(0));
    batchSize = new IntParam(owner, "batchSize", "rows per minibatch, in training and scoring (> 0); unset, training "
        + "on fewer rows per worker than 64 x the default uses rows / 64 (at least " + TrainingPlan.MIN_BATCH + ")",
        ParamValidators.gt(0));
    maxEpochs = new IntParam(owner, "maxEpochs", "passes over the training data (>= 0); 0 = as many as give "
        + TrainingPlan.STEP_BUDGET + " optimizer steps per worker, between " + TrainingPlan.MIN_EPOCHS + " and "
        + TrainingPlan.MAX_EPOCHS + " (small data gets more passes); summary().numEpochs() says how many ran",
        ParamValidators.gtEq(0));
    seed = new LongParam(owner, "seed", "random seed for weights, noise and data splits");
    noiseType = choice(owner, "noiseType",
        "corruption drawn fresh every epoch during training only (a denoising autoencoder)", NOISE_TYPES);
    noiseLevel = new DoubleParam(owner, "noiseLevel",
        "gaussian: standard deviation; masking and saltpepper: fraction of entries corrupted (>= 0; <= 1 for fractions)",
        ParamValidators.gtEq(0));
    contamination = new DoubleParam(owner, "contamination",
        "expected fraction of outliers: the threshold is the (1 - contamination) quantile of training errors, in (0, 0.5]",
        ParamValidators.inRange(0, 0.5, false, true));
    errorScaling = choice(owner, "errorScaling",
        "how errorCol weighs the outputs, fixed at fit: 'none' is the plain mean squared error; 'residualStd' "
            + "divides each output's residual by (s_j + mean(s)), s_j the standard deviation of that output's "
            + "residual on the training rows, so outputs the model gets wrong even on normal rows count less and "
            + "a deviation where it is usually exact counts more (sharper outlier scores; the threshold is learned "
            + "on the scaled errors)", ERROR_SCALINGS);
    validationFraction = new DoubleParam(owner, "validationFraction",
        "fraction of rows held out to measure validation loss per epoch, which early stopping watches, in [0, 1); "
            + "0 = train on every row (no early stopping)",
        ParamValidators.inRange(0, 1, true, false));
    numWorkers = new IntParam(owner, "numWorkers",
        "data-parallel workers (partitions trained at once, >= 0); 0 = Spark's default parallelism, but no more "
            + "than give each worker " + TrainingPlan.ROUNDS_PER_WORKER + " x batchSize x averagingFrequency rows "
            + "(that many full averaging rounds per epoch), so "
            + "small data trains on one worker; summary().numWorkers() says how many were used",
        ParamValidators.gtEq(0));
    averagingFrequency = new IntParam(owner, "averagingFrequency",
        "minibatches each worker fits between parameter averagings (> 0); a single worker fits its whole epoch "
            + "between them (there is nothing to average)", ParamValidators.gt(0));
    prefetchBatches = new IntParam(owner, "prefetchBatches",
        "minibatches each worker builds ahead on a second thread while it fits the current one (DL4J's "
            + "workerPrefetchNumBatches); 0 builds each one when needed (>= 0)", ParamValidators.gtEq(0));
    handleInvalid = choice(owner, "handleInvalid",
        "rows with null, NaN/Infinity or wrong-size vectors: 'error' fails naming the column, 'skip' drops them",
        HANDLE_INVALID);
    trainingApproach = choice(owner, "trainingApproach",
        "how workers get their minibatches (DL4J's RDDTrainingApproach): 'direct' builds them in memory each "
            + "averaging round; 'export' writes each epoch's minibatches to exportDir and trains from the files",
        TRAINING_APPROACHES);
    exportDir = new Param<>(owner, "exportDir",
        "trainingApproach 'export': a directory every executor can read and write (HDFS, s3a, a shared mount); "
            + "each fit uses its own subdirectory and deletes it when done");
    checkpointDir = new Param<>(owner, "checkpointDir",
        "any Hadoop path where fit saves parameters and Adam state after every epoch and, when it already holds "
            + "a checkpoint of the same training, resumes from it (learningRate, learningRateDecay and l2 may differ: "
            + "resume with a lower rate to continue at a smaller step). Early stopping counts on across the resume: "
            + "a run that had stopped returns its best epoch without training, unless the rate changed; "
            + "\"\" = no checkpoints");
    earlyStoppingPatience = new IntParam(owner, "earlyStoppingPatience",
        "stop when the validation loss has not improved for this many epochs and keep the best epoch's weights "
            + "(>= 0; 0 = train all maxEpochs). Set explicitly, it needs validationFraction > 0; the default applies "
            + "whenever rows are held out", ParamValidators.gtEq(0));
    learningRateDrops = new IntParam(owner, "learningRateDrops",
        "how many times, when early stopping would stop, training goes on from the current weights at the rate "
            + "times learningRateDropFactor with its patience started afresh; the best epoch is still the one kept. "
            + "Set explicitly, it needs earlyStoppingPatience > 0; 0 = stop at the first plateau (>= 0)",
        ParamValidators.gtEq(0));
    learningRateDropFactor = new DoubleParam(owner, "learningRateDropFactor",
        "what each of learningRateDrops multiplies the learning rate by, in (0, 1)",
        ParamValidators.inRange(0, 1, false, false));
    variational = new BooleanParam(owner, "variational", "train a variational autoencoder (Kingma and Welling "
        + "2014): the code layer yields a mean and a log-variance per code value, training decodes a sample "
        + "z = mean + sigma * eps, and the loss per row is the reconstruction term summed over the outputs (squared "
        + "error, or cross-entropy) plus klWeight x KL(N(mean, sigma^2) || N(0, I)). latentCol holds the mean and "
        + "reconstructions decode it; latentActivation is not used. Needs latentSize > 0. Default false");
    klWeight = new DoubleParam(owner, "klWeight", "variational: weight (beta) of the KL term (>= 0; 1 = the evidence "
        + "lower bound; larger values pull the codes towards N(0, I), smaller ones favour reconstruction)",
        ParamValidators.gtEq(0));
    variationalScore = choice(owner, "variationalScore", "variational: what errorCol measures, fixed at fit (the "
        + "threshold is learned on it): 'reconstructionError' the mean squared error of the reconstruction decoded "
        + "from the code's mean (as for a plain net); 'reconstructionProbability' (An and Cho 2015) the training "
        + "loss's reconstruction term (summed squared error or cross-entropy, minus the log-likelihood up to a "
        + "constant) averaged over variationalSamples codes drawn from the row's posterior; 'elbo' that plus "
        + "klWeight x the row's KL divergence (the negative evidence lower bound). Higher is more unusual",
        org.sparkae.nn.ErrorMeasure.KINDS);
    variationalSamples = new IntParam(owner, "variationalSamples", "variational: codes drawn per row for "
        + "variationalScore 'reconstructionProbability' and 'elbo' (> 0); draws are seeded by the row, so a row "
        + "scores the same every time", ParamValidators.gt(0));

    owner.setDefault(inputCol, "features");
    owner.setDefault(latentCol, "latent");
    owner.setDefault(latentLogVarCol, "");
    owner.setDefault(reconstructionCol, "reconstruction");
    owner.setDefault(errorCol, "reconstructionError");
    owner.setDefault(outlierCol, "outlier");
    owner.setDefault(featureErrorsCol, "");
    owner.setDefault(explanationCol, "");
    owner.setDefault(explanationTopK, 3);
    owner.setDefault(inputShape, new int[0]);
    owner.setDefault(convFilters, new int[] {32, 64});
    owner.setDefault(convKernelSize, AutoencoderSpec.DEFAULT_KERNEL);
    owner.setDefault(convRefineLayers, 0);
    owner.setDefault(encoderLayers, new int[] {256, 64});
    owner.setDefault(latentSize, 32);
    owner.setDefault(activation, "relu");
    owner.setDefault(latentActivation, "identity");
    owner.setDefault(outputActivation, "auto");
    owner.setDefault(inputScaling, "auto");
    owner.setDefault(loss, "mse");
    owner.setDefault(learningRate, 1e-3);
    owner.setDefault(learningRateDecay, 1.0);
    owner.setDefault(l2, 0.0);
    owner.setDefault(batchSize, 128);
    owner.setDefault(maxEpochs, 0);
    owner.setDefault(seed, (long) "org.sparkae.ml.Autoencoder".hashCode());
    owner.setDefault(noiseType, "none");
    owner.setDefault(noiseLevel, 0.0);
    owner.setDefault(contamination, 0.01);
    owner.setDefault(errorScaling, "none");
    owner.setDefault(validationFraction, 0.1);
    owner.setDefault(numWorkers, 0);
    owner.setDefault(averagingFrequency, 5);
    owner.setDefault(prefetchBatches, 2);
    owner.setDefault(handleInvalid, "error");
    owner.setDefault(trainingApproach, "direct");
    owner.setDefault(exportDir, "");
    owner.setDefault(checkpointDir, "");
    owner.setDefault(earlyStoppingPatience, 10);
    owner.setDefault(learningRateDrops, 1);
    owner.setDefault(learningRateDropFactor, 0.1);
    owner.setDefault(variational, false);
    owner.setDefault(klWeight, 1.0);
    owner.setDefault(variationalScore, "reconstructionError");
    owner.setDefault(variationalSamples, 10);
  }

  static Param<String> choice(Params owner, String name, String doc, String[] allowed) {
    return new Param<>(owner, name, doc + ": one of " + String.join("|", allowed), ParamValidators.inArray(allowed));
  }

  private static Param<String> outputCol(Params owner, String name, String doc) {
    return new Param<>(owner, name, doc + "; \"\" leaves it out");
  }
}
