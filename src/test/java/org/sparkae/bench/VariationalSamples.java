package org.sparkae.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
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
import picocli.CommandLine.Option;

/**
 * How recognisable a variational model's generated images are: a classifier trained on real
 * Fashion-MNIST images (logistic regression on the pixels) judges samples decoded from N(0, I) codes,
 * beside uniform noise (the floor) and decoded codes of real test images (the ceiling). Reports the mean
 * top-class probability and how many classes get at least 1% of the images; draws a grid of samples
 * and a walk between two test images' codes. Writes variational.json, variational.md and the pictures.
 */
@Command(name = "sparkae benchmark-variational", mixinStandardHelpOptions = true)
public final class VariationalSamples implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(VariationalSamples.class);
  private static final int WIDTH = 28;

  @Option(names = "--out", description = "output directory (default ${DEFAULT-VALUE})")
  Path out = Path.of("target/variational");

  @Option(names = "--train-rows", description = "training rows for the model and the judge (default ${DEFAULT-VALUE})")
  int trainRows = 20_000;

  @Option(names = "--samples", description = "generated images judged (default ${DEFAULT-VALUE})")
  int samples = 2_000;

  @Option(names = "--sample", description = "use the bundled sample even when the full data set is installed")
  boolean sample;

  @Option(names = "--max-epochs", description = "epochs; 0 = the stage's default (default ${DEFAULT-VALUE})")
  int maxEpochs = 0;

  public static void main(String[] args) {
    System.exit(new CommandLine(new VariationalSamples()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    BenchData data = BenchData.load("sparkae benchmark-variational", sample);
    SparkSession spark = data.spark();
    Dataset<Row> train = data.train().limit(trainRows).cache();
    Dataset<Row> test = data.test().limit(samples).cache();
    LogisticRegressionModel judge = new LogisticRegression().setMaxIter(100).fit(train);
    long start = System.nanoTime();
    AutoencoderModel vae = new Autoencoder().setInputCol("features").setVariational(true).setSeed(1)
        .setMaxEpochs(maxEpochs).fit(train);
    double fitSeconds = (System.nanoTime() - start) / 1e9;

    Map<String, Object> results = new LinkedHashMap<>();
    results.put("data", data.description());
    results.put("trainRows", train.count());
    results.put("network", vae.networkSpec().toString());
    results.put("epochs", vae.summary().numEpochs());
    results.put("fitSeconds", fitSeconds);
    results.put("judgeAccuracyOnTest", judge.evaluate(test).accuracy());
    List<double[]> generated = column(vae.sample(spark, samples, 7), "sample");
    List<double[]> noise = noise(samples, 3);
    List<double[]> decodedReal = column(vae.decoder().transform(vae.transform(test)), "decoded");
    results.put("generated", judged(spark, judge, generated));
    results.put("uniformNoise", judged(spark, judge, noise));
    results.put("decodedTestCodes", judged(spark, judge, decodedReal));

    Files.createDirectories(out);
    List<double[]> walk = walk(vae, test);
    Files.write(out.resolve("variational-samples.png"), ImageGrid.png(List.of("samples", "samples",
        "walk"), List.of(generated.subList(0, 10), generated.subList(10, 20), walk), WIDTH));
    Files.writeString(out.resolve("variational.json"),
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(results));
    Files.writeString(out.resolve("variational.md"), markdown(results));
    System.out.println(markdown(results));
    System.out.println("variational: " + out.resolve("variational.json").toAbsolutePath());
    return 0;
  }

  /** Mean top-class probability and the classes that get at least 1% of the images, by the judge. */
  private static Map<String, Object> judged(SparkSession spark, LogisticRegressionModel judge, List<double[]> images) {
    List<Row> rows = new ArrayList<>();
    for (double[] image : images) {
      rows.add(RowFactory.create(Vectors.dense(image)));
    }
    StructType schema = new StructType().add("features", new VectorUDT());
    List<Row> predicted = judge.transform(spark.createDataFrame(rows, schema)).select("probability", "prediction")
        .collectAsList();
    double top = 0;
    int[] counts = new int[judge.numClasses()];
    for (Row row : predicted) {
      top += ((Vector) row.get(0)).toArray()[(int) row.getDouble(1)];
      counts[(int) row.getDouble(1)]++;
    }
    int covered = 0;
    for (int c : counts) {
      covered += c >= 0.01 * predicted.size() ? 1 : 0;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("meanTopClassProbability", top / predicted.size());
    m.put("classesCovered", covered);
    return m;
  }

  private static List<double[]> column(Dataset<Row> df, String col) {
    return df.select(col).collectAsList().stream().map(r -> ((Vector) r.get(0)).toArray()).toList();
  }

  private static List<double[]> noise(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<double[]> images = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      images.add(random.doubles(WIDTH * WIDTH).toArray());
    }
    return images;
  }

  /** Ten images decoded along the straight line between a T-shirt's code and a sneaker's. */
  private static List<double[]> walk(AutoencoderModel vae, Dataset<Row> test) {
    List<Row> ends = vae.transform(test.where("label = 0").limit(1).union(test.where("label = 7").limit(1)))
        .select("latent").collectAsList();
    return column(vae.decoder().interpolate(test.sparkSession(), (Vector) ends.get(0).get(0),
        (Vector) ends.get(1).get(0), 10), "decoded");
  }

  private static String markdown(Map<String, Object> r) {
    StringBuilder md = new StringBuilder("| images judged by logistic regression on real pixels | mean top-class "
        + "probability | classes with >= 1% of the images |\n|---|---|---|\n");
    for (String[] row : new String[][] {{"generated: N(0, I) codes decoded", "generated"},
        {"uniform noise", "uniformNoise"}, {"decoded codes of real test images", "decodedTestCodes"}}) {
      @SuppressWarnings("unchecked")
      Map<String, Object> m = (Map<String, Object>) r.get(row[1]);
      md.append(String.format("| %s | %.3f | %d |%n", row[0], (Double) m.get("meanTopClassProbability"),
          (Integer) m.get("classesCovered")));
    }
    md.append(String.format("%nModel: %s, %d epochs, %.0f s; %s training rows; judge accuracy on real test images "
        + "%.3f. Data: %s.%n", r.get("network"), r.get("epochs"), (Double) r.get("fitSeconds"), r.get("trainRows"),
        (Double) r.get("judgeAccuracyOnTest"), r.get("data")));
    return md.toString();
  }
}
