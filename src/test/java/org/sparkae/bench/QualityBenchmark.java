package org.sparkae.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.apache.spark.ml.Predictor;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.RandomForestClassifier;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.Param;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparkae.ml.Autoencoder;
import org.sparkae.ml.AutoencoderModel;
import org.sparkae.report.ImageGrid;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What the stages learn, on the full Fashion-MNIST, side by side with the baselines in one run:
 * linear and forest classifiers on our 32-dim codes vs PCA-32 vs raw pixels; one-class outlier
 * detection by reconstruction error (AUROC per class) vs PCA-32; denoising PSNR vs median filters
 * and gaussian blur. Hyper-parameters are fixed up front and early stopping watches a validation
 * split carved from train; the test split is only scored. Writes quality.json and quality.md.
 */
@Command(name = "sparkae benchmark-quality", mixinStandardHelpOptions = true)
public final class QualityBenchmark implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(QualityBenchmark.class);
  private static final int WIDTH = 28;

  @Option(names = "--out", description = "output directory (default ${DEFAULT-VALUE})")
  Path out = Path.of("target/quality");

  @Option(names = "--max-epochs", description = "epochs per outlier and denoising autoencoder, before early "
      + "stopping (default ${DEFAULT-VALUE})")
  int maxEpochs = 20;

  // 40 chosen with --validation: logistic regression on the codes 0.8448 vs 0.8380 at 20 epochs.
  @Option(names = "--features-epochs", description = "epochs of the features autoencoder, before early stopping "
      + "(default ${DEFAULT-VALUE})")
  int featuresEpochs = 40;

  @Option(names = "--classes", split = ",", description = "one-class protocol classes (default: all 10)")
  int[] classes = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};

  @Option(names = "--skip", split = ",", description = "sections to leave out: features, outliers, denoising; "
      + "randomforest leaves the forest classifiers out of the features section")
  List<String> skip = new ArrayList<>();

  @Option(names = "--architecture", description = "dense or conv (inputShape 1x28x28, --conv-filters, then the "
      + "code; default ${DEFAULT-VALUE})")
  String architecture = "dense";

  @Option(names = "--conv-filters", split = ",", description = "conv: filters per stride-2 convolution "
      + "(default ${DEFAULT-VALUE})")
  int[] convFilters = {32, 64};

  @Option(names = "--conv-kernel", description = "conv: kernel height and width of every (de)convolution, odd "
      + "(default ${DEFAULT-VALUE})")
  int convKernel = 3;

  @Option(names = "--conv-refine", description = "conv: stride-1 convolutions at full resolution that end the "
      + "decoder, convRefineLayers (default ${DEFAULT-VALUE})")
  int convRefine = 0;

  @Option(names = "--denoising-latent", description = "code width of the denoising autoencoders (default: 128 "
      + "dense, 512 conv: the width that did best on a validation split of train)")
  Integer denoisingLatent;

  @Option(names = "--outlier-latent", description = "code width of the one-class outlier models "
      + "(default ${DEFAULT-VALUE})")
  int outlierLatent = 32;

  @Option(names = "--l2", description = "L2 weight regularization of every autoencoder (default ${DEFAULT-VALUE})")
  double l2 = 0;

  @Option(names = "--features-noise", description = "masking noise level the features model is trained with "
      + "(default ${DEFAULT-VALUE})")
  double featuresNoise = 0.2;

  // 0 chosen with --validation: mean AUROC 0.9159 vs 0.8955 with masking 0.2; a denoising model learns
  // to fill in any garment, so the other classes reconstruct better and stand out less.
  @Option(names = "--outlier-noise", description = "masking noise level the one-class outlier models are trained "
      + "with (default ${DEFAULT-VALUE}: none)")
  double outlierNoise = 0;

  @Option(names = "--noises", split = ",", description = "denoising noises (default: gaussian,masking)")
  List<String> noises = List.of("gaussian", "masking");

  // 64 rows on each of 2 workers, averaged every 20 minibatches: a global batch of 128 with as many Adam steps per
  // epoch as single-JVM training, and fewer averaging rounds. Chosen on the validation split of train (conv
  // gaussian DAE, 4 epochs: denoising validation loss 0.01388 vs 0.01485 at 128 rows / every 5, 15% faster).
  @Option(names = "--batch-size", description = "rows per minibatch on each worker (default ${DEFAULT-VALUE})")
  int batchSize = 64;

  @Option(names = "--averaging-frequency", description = "minibatches between parameter averagings "
      + "(default ${DEFAULT-VALUE})")
  int averagingFrequency = 20;

  @Option(names = "--learning-rate", description = "Adam learning rate of every autoencoder (default ${DEFAULT-VALUE})")
  double learningRate = 1e-3;

  // 128 rows at 1e-4 chosen with --validation: mean AUROC 0.9256 vs 0.9159 at 64 rows / 1e-3. Fewer,
  // smaller Adam steps keep a one-class model from learning to draw other garments; on a small sample they leave it
  // untrained, so short runs on little data set these two (the sample test: 64 rows at 2e-3).
  @Option(names = "--outlier-batch-size", description = "rows per minibatch on each worker for the one-class "
      + "outlier models (default ${DEFAULT-VALUE})")
  int outlierBatchSize = 128;

  @Option(names = "--outlier-learning-rate", description = "Adam learning rate of the one-class outlier models "
      + "(default ${DEFAULT-VALUE})")
  double outlierLearningRate = 1e-4;

  // residualStd chosen with --validation: mean AUROC 0.9306 vs 0.9256 (0.9309 vs 0.9261 with a second seed).
  @Option(names = "--outlier-error-scaling", description = "errorScaling of the one-class outlier models: none "
      + "(plain mean squared error) or residualStd (each pixel's residual divided by its spread on the class's "
      + "training images) (default ${DEFAULT-VALUE})")
  String outlierErrorScaling = "residualStd";

  @Option(names = "--loss", description = "training loss of every autoencoder, mse or xent (default ${DEFAULT-VALUE})")
  String loss = "mse";

  @Option(names = "--activation", description = "hidden-layer activation of every autoencoder "
      + "(default ${DEFAULT-VALUE})")
  String activation = "relu";

  @Option(names = "--latent-activation", description = "code-layer activation of every autoencoder "
      + "(default ${DEFAULT-VALUE}: a linear code)")
  String latentActivation = "identity";

  @Option(names = "--learning-rate-decay", description = "learningRateDecay of every autoencoder: the rate is "
      + "multiplied by it after each epoch (default ${DEFAULT-VALUE}: constant)")
  double learningRateDecay = 1.0;

  @Option(names = "--learning-rate-drops", description = "learningRateDrops of every autoencoder: times the rate is "
      + "divided by 10 where early stopping would stop (default ${DEFAULT-VALUE}: stop at the first plateau)")
  int learningRateDrops;

  // [512, 256] chosen with --validation (logistic regression on the codes 0.8380 vs 0.8350 for [256]).
  @Option(names = "--encoder-layers", split = ",", description = "hidden dense layer widths before the code of "
      + "the features model (default: 512,256 dense; none conv: the code follows the convolutions)")
  int[] encoderLayers;

  @Option(names = "--outlier-layers", split = ",", description = "hidden dense layer widths before the code of "
      + "the one-class outlier models (default: 256 dense, none conv)")
  int[] outlierLayers;

  @Option(names = "--denoising-layers", split = ",", description = "hidden dense layer widths before the code of "
      + "the denoising models (default: 256 dense, none conv)")
  int[] denoisingLayers;

  @Option(names = "--validation", description = "for choosing settings: score a held-out tenth of train "
      + "(seed 7) instead of the test split, which then stays unseen")
  boolean validation;

  // Conv runs outlast a working session on 2 vCPUs: with checkpoints, running the same command again resumes them.
  @Option(names = "--checkpoint-dir", description = "save every autoencoder after each epoch under this directory "
      + "(one subdirectory per model) and resume from there when the same command runs again (default: none)")
  String checkpointDir;

  @Option(names = "--sample", description = "use the bundled sample even when the full data set is installed")
  boolean sample;

  @Spec
  CommandSpec spec;

  private final Map<String, Object> results = new LinkedHashMap<>();

  public static void main(String[] args) {
    System.exit(new CommandLine(new QualityBenchmark()).execute(args));
  }

  /**
   * The autoencoder every section starts from, with that section's dense layers (ignored by conv);
   * {@code model} names its checkpoint subdirectory.
   */
  Autoencoder autoencoder(String model, int[] denseLayers) {
    Autoencoder ae = new Autoencoder().setEncoderLayers(denseLayers).setLatentSize(32).setBatchSize(batchSize)
        .setLearningRate(learningRate).setMaxEpochs(maxEpochs).setValidationFraction(0.1).setEarlyStoppingPatience(3)
        .setSeed(1).setAveragingFrequency(averagingFrequency).setLearningRateDecay(learningRateDecay).setL2(l2)
        .setLearningRateDrops(learningRateDrops).setLoss(loss).setActivation(activation)
        .setLatentActivation(latentActivation);
    if (checkpointDir != null) {
      ae.setCheckpointDir(checkpointDir + "/" + model + (validation ? "-validation" : ""));
    }
    return isConv() ? ae.setInputShape(1, WIDTH, WIDTH).setConvFilters(convFilters).setConvKernelSize(convKernel)
        .setConvRefineLayers(convRefine) : ae;
  }

  private boolean isConv() {
    return switch (architecture) {
      case "dense" -> false;
      case "conv" -> true;
      default -> throw usageError("--architecture must be dense or conv, got '" + architecture + "'");
    };
  }

  /** The layers given, else the dense default; conv nets default to none (the convolutions do their work). */
  private int[] hiddenLayers(int[] given, int... denseDefault) {
    return given != null ? given : isConv() ? new int[0] : denseDefault;
  }

  private int denoisingLatentSize() {
    return denoisingLatent != null ? denoisingLatent : isConv() ? 512 : 128;
  }

  /**
   * Fails as a usage error, before any data is read, when --architecture is neither dense nor conv or a string
   * option is not a value its stage param takes.
   */
  private void checkOptions() {
    isConv();
    Autoencoder ae = new Autoencoder();
    checkChoice("--loss", ae.loss(), loss);
    checkChoice("--activation", ae.activation(), activation);
    checkChoice("--latent-activation", ae.latentActivation(), latentActivation);
    checkChoice("--outlier-error-scaling", ae.errorScaling(), outlierErrorScaling);
  }

  private void checkChoice(String option, Param<String> param, String value) {
    if (!(Boolean) param.isValid().apply(value)) {
      throw usageError(option + " '" + value + "' is not a valid " + param.name() + " (" + param.doc() + ")");
    }
  }

  /** Reported like a parsing error (message, usage, exit code 2) through the command line that ran us. */
  private CommandLine.ParameterException usageError(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }

  @Override
  public Integer call() throws Exception {
    checkOptions();
    long start = System.nanoTime();
    Files.createDirectories(out);
    BenchData data = BenchData.load("sparkae benchmark-quality", sample);
    SparkSession spark = data.spark();
    Dataset<Row>[] split = validation ? data.train().randomSplit(new double[] {0.9, 0.1}, 7) : null;
    Dataset<Row> train = validation ? split[0].cache() : data.train();
    Dataset<Row> test = validation ? split[1].cache() : data.test();
    results.put("data", data.description() + (validation ? "; VALIDATION RUN: trained on 90% of train, scored on "
        + "the other 10% (" + test.count() + " rows), the test split unused" : ""));
    results.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(), "master",
        spark.sparkContext().master()));
    Autoencoder ae = autoencoder("features", hiddenLayers(encoderLayers, 512, 256));
    String convolutions = ae.getInputShape().length == 0 ? ""
        : "inputShape " + Arrays.toString(ae.getInputShape()) + ", convFilters " + Arrays.toString(ae.getConvFilters())
            + ", convKernelSize " + ae.getConvKernelSize() + ", convRefineLayers " + ae.getConvRefineLayers()
            + ", ";
    results.put("autoencoder", convolutions + "encoderLayers " + Arrays.toString(ae.getEncoderLayers())
        + ", latentSize " + ae.getLatentSize() + " (outliers: " + Arrays.toString(hiddenLayers(outlierLayers, 256))
        + "-" + outlierLatent + ", batch " + outlierBatchSize + " per worker at Adam " + outlierLearningRate
        + ", errorScaling " + outlierErrorScaling
        + "; denoising: " + Arrays.toString(hiddenLayers(denoisingLayers, 256)) + "-"
        + denoisingLatentSize()
        + "), Adam " + ae.getLearningRate() + (ae.getLearningRateDecay() == 1.0 ? "" : " x " + ae.getLearningRateDecay()
        + " per epoch") + (l2 == 0 ? "" : ", l2 " + l2) + ", " + loss + " loss, " + activation + " hidden layers, "
        + latentActivation + " code, batch " + ae.getBatchSize()
        + " per worker, averaging every " + ae.getAveragingFrequency() + " minibatches, up to " + ae.getMaxEpochs()
        + " epochs (features model: " + featuresEpochs + "), early stopping after " + ae.getEarlyStoppingPatience()
        + " epochs without improvement on a " + ae.getValidationFraction() + " validation split of train"
        + (learningRateDrops == 0 ? "" : " (the first " + learningRateDrops + " times, the rate drops to a tenth "
            + "instead)") + ", masking "
        + "noise " + featuresNoise + " for features, " + outlierNoise + " for outliers, seed " + ae.getSeed());
    if (!skip.contains("features")) {
      timed("features", () -> features(train, test));
    }
    if (!skip.contains("outliers")) {
      timed("outliers", () -> outliers(train, test));
    }
    if (!skip.contains("denoising")) {
      timed("denoising", () -> denoising(train, test));
    }
    results.put("totalSeconds", (System.nanoTime() - start) / 1e9);
    Files.writeString(out.resolve("quality.json"),
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(results));
    String table = QualityTable.markdown(results);
    Files.writeString(out.resolve("quality.md"), table);
    System.out.println(table);
    System.out.println("quality: " + out.resolve("quality.json").toAbsolutePath());
    return 0;
  }

  // ---- features --------------------------------------------------------------------------------

  private Map<String, Object> features(Dataset<Row> train, Dataset<Row> test) {
    AutoencoderModel ae = autoencoder("features", hiddenLayers(encoderLayers, 512, 256))
        .setMaxEpochs(featuresEpochs).setNoiseType("masking").setNoiseLevel(featuresNoise).fit(train);
    LOG.info("features: autoencoder trained {} epochs", ae.summary().numEpochs());
    PcaBaseline pca = PcaBaseline.fit(train, "features", 32);
    Map<String, Object> section = new LinkedHashMap<>();
    section.put("autoencoderEpochs", ae.summary().numEpochs());
    section.put("trainedWith", ae.summary().optimizerSchedule());
    Map<String, Dataset<Row>[]> inputs = new LinkedHashMap<>();
    inputs.put("autoencoder", pair(ae.transform(train).select(col("latent").as("x"), col("label")),
        ae.transform(test).select(col("latent").as("x"), col("label"))));
    inputs.put("pca32", pair(pca.transform(train).select(col(PcaBaseline.CODES).as("x"), col("label")),
        pca.transform(test).select(col(PcaBaseline.CODES).as("x"), col("label"))));
    inputs.put("raw", pair(train.select(col("features").as("x"), col("label")),
        test.select(col("features").as("x"), col("label"))));
    List<String> classifiers = skip.contains("randomforest") ? List.of("logistic")
        : List.of("logistic", "randomforest");
    for (String classifier : classifiers) {
      Map<String, Object> accuracies = new LinkedHashMap<>();
      for (var input : inputs.entrySet()) {
        Dataset<Row> tr = input.getValue()[0].cache();
        Predictor<?, ?, ?> model = classifier.equals("logistic")
            ? new LogisticRegression().setMaxIter(200).setFeaturesCol("x")
            : new RandomForestClassifier().setNumTrees(50).setMaxDepth(12).setSeed(1).setFeaturesCol("x");
        Dataset<Row> predicted = model.fit(tr).transform(input.getValue()[1]);
        double accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy").evaluate(predicted);
        accuracies.put(input.getKey(), accuracy);
        tr.unpersist();
        LOG.info("features: {} on {}: accuracy {}", classifier, input.getKey(), accuracy);
      }
      section.put(classifier, accuracies);
    }
    return section;
  }

  @SuppressWarnings("unchecked")
  private static Dataset<Row>[] pair(Dataset<Row> a, Dataset<Row> b) {
    return new Dataset[] {a, b};
  }

  // ---- outliers --------------------------------------------------------------------------------

  private Map<String, Object> outliers(Dataset<Row> train, Dataset<Row> test) {
    BinaryClassificationEvaluator auroc = new BinaryClassificationEvaluator().setMetricName("areaUnderROC")
        .setLabelCol("isOutlier");
    List<Map<String, Object>> perClass = new ArrayList<>();
    double ours = 0;
    double linear = 0;
    double linearScaled = 0;
    for (int c : classes) {
      Dataset<Row> normal = train.where(col("label").equalTo(c)).cache();
      Dataset<Row> labelled = test.withColumn("isOutlier", when(col("label").equalTo(c), lit(0.0)).otherwise(lit(1.0)));
      AutoencoderModel ae = autoencoder("outliers-class-" + c, hiddenLayers(outlierLayers, 256))
          .setBatchSize(outlierBatchSize).setLearningRate(outlierLearningRate).setLatentSize(outlierLatent)
          .setNoiseType("masking").setNoiseLevel(outlierNoise).setErrorScaling(outlierErrorScaling).fit(normal);
      double aeAuroc = auroc.setRawPredictionCol("reconstructionError").evaluate(ae.transform(labelled));
      Dataset<Row> pca = PcaBaseline.fit(normal, "features", 32).withResidualScaling(normal).transform(labelled)
          .cache();
      double pcaAuroc = auroc.setRawPredictionCol(PcaBaseline.ERROR).evaluate(pca);
      double pcaScaledAuroc = auroc.setRawPredictionCol(PcaBaseline.SCALED_ERROR).evaluate(pca);
      pca.unpersist();
      normal.unpersist();
      perClass.add(Map.of("class", c, "autoencoder", aeAuroc, "pca32", pcaAuroc, "pca32ResidualStd", pcaScaledAuroc,
          "epochs", ae.summary().numEpochs(), "trainedWith", ae.summary().optimizerSchedule(),
          "errorScaling", ae.getErrorScaling()));
      ours += aeAuroc;
      linear += pcaAuroc;
      linearScaled += pcaScaledAuroc;
      LOG.info("outliers: class {}: AUROC autoencoder {} pca32 {} pca32 residualStd {}", c, aeAuroc, pcaAuroc,
          pcaScaledAuroc);
    }
    return Map.of("perClass", perClass, "meanAutoencoder", ours / classes.length, "meanPca32",
        linear / classes.length, "meanPca32ResidualStd", linearScaled / classes.length);
  }

  // ---- denoising -------------------------------------------------------------------------------

  private Map<String, Object> denoising(Dataset<Row> train, Dataset<Row> test) {
    List<float[]> clean = BenchData.floats(test, "features");
    Map<String, Object> section = new LinkedHashMap<>();
    if (noises.contains("gaussian")) {
      section.put("gaussian", denoise(train, clean, "gaussian", 0.5,
          (img, rng) -> ImageFilters.gaussianNoise(img, 0.5, rng)));
    }
    if (noises.contains("masking")) {
      section.put("masking", denoise(train, clean, "masking", 0.25,
          (img, rng) -> ImageFilters.masking(img, 0.25, rng)));
    }
    return section;
  }

  private interface Noise {
    float[] apply(float[] image, SplittableRandom rng);
  }

  private Map<String, Object> denoise(Dataset<Row> train, List<float[]> clean, String noiseType, double level,
      Noise noise) {
    SplittableRandom rng = new SplittableRandom(2018);
    List<float[]> noisy = new ArrayList<>();
    for (float[] image : clean) {
      noisy.add(noise.apply(image, rng));
    }
    double[] psnr = new double[5];
    String[] methods = {"noisy", "median3", "median5", "gaussianBlur1", "autoencoder"};
    for (int i = 0; i < clean.size(); i++) {
      float[] x = noisy.get(i);
      psnr[0] += ImageFilters.psnr(clean.get(i), x);
      psnr[1] += ImageFilters.psnr(clean.get(i), ImageFilters.median(x, WIDTH, 3));
      psnr[2] += ImageFilters.psnr(clean.get(i), ImageFilters.median(x, WIDTH, 5));
      psnr[3] += ImageFilters.psnr(clean.get(i), ImageFilters.gaussianBlur(x, WIDTH, 1.0));
    }
    // The denoising autoencoder: fresh noise of the same kind every epoch, clean targets.
    AutoencoderModel dae = autoencoder("denoising-" + noiseType, hiddenLayers(denoisingLayers, 256))
        .setLatentSize(denoisingLatentSize()).setNoiseType(noiseType).setNoiseLevel(level).fit(train);
    List<float[]> denoised = reconstruct(train.sparkSession(), dae, noisy);
    for (int i = 0; i < clean.size(); i++) {
      psnr[4] += ImageFilters.psnr(clean.get(i), denoised.get(i));
    }
    Map<String, Object> result = new LinkedHashMap<>();
    for (int m = 0; m < methods.length; m++) {
      result.put(methods[m], psnr[m] / clean.size());
    }
    result.put("autoencoderEpochs", dae.summary().numEpochs());
    result.put("trainedWith", dae.summary().optimizerSchedule());
    result.put("picture", picture(noiseType, clean, noisy, denoised));
    LOG.info("denoising {}: {}", noiseType, result);
    return result;
  }

  /** The first ten test images through every method, one row per method: denoising-&lt;noise&gt;.png. */
  private String picture(String noiseType, List<float[]> clean, List<float[]> noisy, List<float[]> denoised) {
    List<List<double[]>> rows = new ArrayList<>();
    for (int row = 0; row < 6; row++) {
      rows.add(new ArrayList<>());
    }
    for (int i = 0; i < Math.min(10, clean.size()); i++) {
      float[] x = noisy.get(i);
      float[][] methods = {clean.get(i), x, ImageFilters.median(x, WIDTH, 3), ImageFilters.median(x, WIDTH, 5),
          ImageFilters.gaussianBlur(x, WIDTH, 1.0), denoised.get(i)};
      for (int m = 0; m < methods.length; m++) {
        rows.get(m).add(BenchData.doubles(methods[m]));
      }
    }
    Path file = out.resolve("denoising-" + noiseType + ".png");
    try {
      Files.write(file, ImageGrid.png(List.of("clean", noiseType + " noise", "median 3x3", "median 5x5",
          "blur sigma 1", "our DAE"), rows, WIDTH));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot write " + file, e);
    }
    return file.getFileName().toString();
  }

  private static List<float[]> reconstruct(SparkSession spark, AutoencoderModel model, List<float[]> images) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < images.size(); i++) {
      rows.add(RowFactory.create(i, Vectors.dense(BenchData.doubles(images.get(i)))));
    }
    Dataset<Row> df = spark.createDataFrame(rows, new StructType().add("id", DataTypes.IntegerType)
        .add("noisy", new VectorUDT()));
    List<Row> out = model.copy(org.apache.spark.ml.param.ParamMap.empty()).setInputCol("noisy").setLatentCol("")
        .setOutlierCol("").setErrorCol("").transform(df).orderBy("id").select("reconstruction").collectAsList();
    List<float[]> result = new ArrayList<>();
    for (Row r : out) {
      result.add(BenchData.floats(((Vector) r.get(0)).toArray()));
    }
    return result;
  }

  private void timed(String name, Callable<Map<String, Object>> section) throws Exception {
    long start = System.nanoTime();
    Map<String, Object> result = new LinkedHashMap<>(section.call());
    result.put("seconds", (System.nanoTime() - start) / 1e9);
    results.put(name, result);
  }
}
