package org.sparkae.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.feature.PCA;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.sparkae.ml.AutoencoderModel;
import org.sparkae.ml.AutoencoderSummary;
import org.sparkae.ml.NoiseCorruptor;

/** Draws a run's plots from small samples of the scored data and writes report.html with them. */
public final class RunReport {
  private static final int GRID_IMAGES = 10;

  private final List<Map<String, String>> sections = new ArrayList<>();
  private final List<Map<String, String>> outliers = new ArrayList<>();
  private final ReportFiles out;

  public RunReport(ReportFiles out) {
    this.out = out;
  }

  public void lossCurves(AutoencoderSummary summary) throws IOException {
    add("loss.png", "Training", Plots.lossCurves(summary.trainingLoss(), summary.validationLoss()),
        String.format("Loss per epoch over %,d training rows on %d workers (minibatches of %d, averaged every %d); "
            + "%,.0f examples/s.", summary.numTrainingRows(), summary.numWorkers(), summary.batchSize(),
            summary.averagingFrequency(), summary.examplesPerSecond()));
  }

  /** The histogram of the scores the threshold applies to, the threshold marked. */
  public void outlierScores(Dataset<Row> sample, AutoencoderModel ae) throws IOException {
    String column = ae.outlierScoreColumn();
    if (column.isEmpty()) {
      return;
    }
    double[] scores = sample.select(column).collectAsList().stream().mapToDouble(r -> r.getDouble(0)).toArray();
    if (scores.length > 0) {
      boolean isError = column.equals(ae.getErrorCol());
      add("errors.png", isError ? "Reconstruction errors" : "Outlier scores",
          Plots.scoreHistogram(scores, ae.getThreshold(), isError),
          "Rows right of the red line are flagged as outliers (threshold from contamination = "
              + ae.getContamination() + ")." + (isError ? "" : " The score is z(reconstruction error) + "
              + ae.getLatentDistanceWeight() + " x z(distance of the code from the training codes)."));
    }
  }

  public void latentProjection(Dataset<Row> sample, AutoencoderModel ae, String labelCol, String[] classNames)
      throws IOException {
    if (ae.getLatentCol().isEmpty() || sample.isEmpty()) {
      return;
    }
    boolean labelled = !labelCol.isEmpty() && List.of(sample.columns()).contains(labelCol)
        && sample.schema().apply(labelCol).dataType() instanceof org.apache.spark.sql.types.NumericType;
    Dataset<Row> codes = sample.select(ae.getLatentCol());
    Dataset<Row> projected = new PCA().setInputCol(ae.getLatentCol()).setOutputCol("pc").setK(2).fit(codes)
        .transform(labelled ? sample.select(ae.getLatentCol(), labelCol) : codes);
    List<Row> rows = projected.select(columns(labelled ? new String[] {"pc", labelCol} : new String[] {"pc"})).collectAsList();
    double[][] points = rows.stream().map(r -> ((Vector) r.get(0)).toArray()).toArray(double[][]::new);
    double[] labels = labelled ? rows.stream().mapToDouble(r -> ((Number) r.get(1)).doubleValue()).toArray() : null;
    add("latent.png", "Latent space", Plots.latentScatter(points, labels, classNames,
        "Latent codes, first two principal components"),
        "Each point is a row's " + ae.latentWidth() + "-dimensional code projected by PCA"
            + (labelled ? ", coloured by " + labelCol + "." : "."));
  }

  /**
   * Original / noisy / reconstructed images. With a NoiseCorruptor in the pipeline the scored data
   * already holds the noisy inputs; with the autoencoder's own training noise the same corruption is
   * drawn here to show what the network learned to undo.
   *
   * @param noisyCol the column a NoiseCorruptor in {@code model} writes, whose rows are shown as "noisy"
   */
  public void imageGrid(PipelineModel model, Dataset<Row> input, AutoencoderModel ae, int width, String noisyCol)
      throws IOException {
    if (width <= 0) {
      return;
    }
    Dataset<Row> rows = input.limit(GRID_IMAGES);
    List<String> titles = new ArrayList<>(List.of("original"));
    String clean = ae.hasTarget() ? ae.getTargetCol() : ae.getInputCol();
    Dataset<Row> shown = model.transform(rows);
    boolean noisyStage = List.of(shown.columns()).contains(noisyCol) && ae.getInputCol().equals(noisyCol);
    String shownNoisy = null;
    if (noisyStage) {
      shownNoisy = noisyCol;
    } else if (!ae.getNoiseType().equals("none") && ae.getNoiseLevel() > 0) {
      Dataset<Row> features = shown.select(clean);
      Dataset<Row> noisy = new NoiseCorruptor().setInputCol(clean).setOutputCol("noisyView")
          .setNoiseType(ae.getNoiseType()).setNoiseLevel(ae.getNoiseLevel()).setSeed(ae.getSeed()).transform(features);
      shown = ae.copy(new ParamMap()).setInputCol("noisyView").setTargetCol("").setLatentCol("").setErrorCol("")
          .setOutlierCol("").transform(noisy);
      shownNoisy = "noisyView";
    }
    List<Row> collected = shown.select(columns(shownNoisy == null
        ? new String[] {clean, ae.getReconstructionCol()}
        : new String[] {clean, shownNoisy, ae.getReconstructionCol()})).collectAsList();
    if (collected.isEmpty() || ((Vector) collected.get(0).get(0)).size() != width * width) {
      return;
    }
    if (shownNoisy != null) {
      titles.add("noisy");
    }
    titles.add("reconstructed");
    List<List<double[]>> grid = new ArrayList<>();
    for (int k = 0; k < titles.size(); k++) {
      int column = k;
      grid.add(collected.stream().map(r -> ((Vector) r.get(column)).toArray()).toList());
    }
    add("images.png", "Images", ImageGrid.png(titles, grid, width),
        shownNoisy == null ? "Test images and their reconstructions."
            : "Test images, their corrupted versions, and what the denoising autoencoder made of them.");
  }

  /**
   * A variational model's generated images (codes drawn from its N(0, I) prior, decoded) and a walk
   * between the codes of the first two scored rows, decoded step by step.
   */
  public void generated(AutoencoderModel ae, Dataset<Row> scored, int width) throws IOException {
    if (width <= 0 || !ae.getVariational() || ae.getLatentCol().isEmpty()) {
      return;
    }
    List<double[]> samples = ae.sample(scored.sparkSession(), 2L * GRID_IMAGES, ae.getSeed()).select("sample")
        .collectAsList().stream().map(r -> ((Vector) r.get(0)).toArray()).toList();
    if (samples.isEmpty() || samples.get(0).length != width * width) {
      return;
    }
    List<Row> ends = scored.select(ae.getLatentCol()).limit(2).collectAsList();
    List<List<double[]>> grid = new ArrayList<>(List.of(samples.subList(0, GRID_IMAGES),
        samples.subList(GRID_IMAGES, 2 * GRID_IMAGES)));
    List<String> titles = new ArrayList<>(List.of("samples", "samples"));
    if (ends.size() == 2) {
      grid.add(ae.decoder().interpolate(scored.sparkSession(), (Vector) ends.get(0).get(0),
              (Vector) ends.get(1).get(0), GRID_IMAGES)
          .select("decoded").collectAsList().stream().map(r -> ((Vector) r.get(0)).toArray()).toList());
      titles.add("first to second");
    }
    add("generated.png", "Generated images", ImageGrid.png(titles, grid, width),
        "Codes drawn from the prior N(0, I) and decoded; the last row decodes the straight line between the "
            + "codes of the first two test rows.");
  }

  /** The rows with the largest outlier scores, with the columns behind each error when the model explains them. */
  public void topOutliers(Dataset<Row> scored, AutoencoderModel ae, String idCol, int count) {
    String score = ae.outlierScoreColumn();
    if (score.isEmpty()) {
      return;
    }
    boolean explained = !ae.getExplanationCol().isEmpty();
    boolean hasId = !idCol.isEmpty() && List.of(scored.columns()).contains(idCol);
    // The model's own flag (a NaN score is flagged too), or the comparison it makes when that column is off.
    org.apache.spark.sql.Column flagged = ae.getOutlierCol().isEmpty()
        ? org.apache.spark.sql.functions.not(org.apache.spark.sql.functions.col(score).leq(ae.getThreshold()))
        : org.apache.spark.sql.functions.col(ae.getOutlierCol());
    List<org.apache.spark.sql.Column> columns = new ArrayList<>(List.of(org.apache.spark.sql.functions.col(
        score), flagged));
    if (hasId) {
      columns.add(org.apache.spark.sql.functions.col(idCol).cast("string"));
    }
    if (explained) {
      columns.add(org.apache.spark.sql.functions.col(ae.getExplanationCol()));
    }
    List<Row> top = scored.orderBy(org.apache.spark.sql.functions.col(score).desc_nulls_first())
        .select(columns.toArray(org.apache.spark.sql.Column[]::new)).limit(count).collectAsList();
    int rank = 1;
    for (Row row : top) {
      StringBuilder why = new StringBuilder();
      if (explained) {
        for (Row part : row.<Row>getList(hasId ? 3 : 2)) {
          why.append(why.length() == 0 ? "" : ", ").append(part.getString(0))
              .append(String.format(" %.0f%%", 100 * part.getDouble(2)));
        }
      }
      outliers.add(Map.of("rank", String.valueOf(rank++), "id", hasId ? String.valueOf(row.get(2)) : "",
          "error", String.format("%.5g", row.getDouble(0)), "why", why.toString(),
          "flagged", row.getBoolean(1) ? "yes" : ""));
    }
  }

  public void roc(double[][] points, double auroc) throws IOException {
    if (points != null) {
      add("roc.png", "Outlier detection", Plots.roc(points, auroc),
          "The model's outlier score against the labelled outliers.");
    }
  }

  /** Writes report.html: title, headline lines, a metrics table from the flat metrics, every plot added so far. */
  public void write(String title, String subtitle, List<String> headline, Map<String, Object> metrics, String config)
      throws IOException {
    List<Map<String, String>> rows = new ArrayList<>();
    flatten("", metrics, rows);
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("title", title);
    context.put("subtitle", subtitle);
    context.put("headline", headline);
    context.put("metrics", rows);
    context.put("sections", sections);
    context.put("hasOutliers", !outliers.isEmpty());
    context.put("outliers", outliers);
    context.put("config", config);
    out.write("report.html", HtmlReport.render(context).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static org.apache.spark.sql.Column[] columns(String[] names) {
    return java.util.Arrays.stream(names).map(org.apache.spark.sql.functions::col)
        .toArray(org.apache.spark.sql.Column[]::new);
  }

  private void add(String file, String title, byte[] png, String caption) throws IOException {
    out.write("plots/" + file, png);
    sections.add(Map.of("title", title, "image", "plots/" + file, "caption", caption));
  }

  /** "evaluation.classifier.accuracy" -> "classifier accuracy", "timings.fitSeconds" -> "fit seconds". */
  static String readable(String key) {
    String[] parts = key.split("\\.");
    String tail = String.join(" ", java.util.Arrays.copyOfRange(parts, Math.min(1, parts.length - 1), parts.length));
    return tail.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
  }

  @SuppressWarnings("unchecked")
  private static void flatten(String prefix, Map<String, Object> metrics, List<Map<String, String>> rows) {
    for (Map.Entry<String, Object> e : metrics.entrySet()) {
      String name = prefix + e.getKey();
      Object v = e.getValue();
      if (v instanceof Map<?, ?> m) {
        flatten(name + ".", (Map<String, Object>) m, rows);
      } else if (!(v instanceof List<?>)) {
        rows.add(Map.of("name", readable(name), "key", name,
            "value", v instanceof Double d ? String.format("%.5g", d) : String.valueOf(v)));
      }
    }
  }
}
