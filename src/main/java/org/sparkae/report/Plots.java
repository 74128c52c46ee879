package org.sparkae.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.statistics.HistogramDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The report's charts as PNG bytes (JFreeChart, headless). */
public final class Plots {
  private static final int WIDTH = 720;
  private static final int HEIGHT = 420;

  static {
    System.setProperty("java.awt.headless", "true");
  }

  private Plots() {}

  /** Training (and validation) loss per epoch. */
  public static byte[] lossCurves(double[] trainLoss, double[] validationLoss) throws IOException {
    XYSeries train = new XYSeries("training loss");
    XYSeries validation = new XYSeries("validation loss");
    for (int i = 0; i < trainLoss.length; i++) {
      train.add(i + 1, trainLoss[i]);
      if (validationLoss != null && !Double.isNaN(validationLoss[i])) {
        validation.add(i + 1, validationLoss[i]);
      }
    }
    XYSeriesCollection data = new XYSeriesCollection(train);
    if (validation.getItemCount() > 0) {
      data.addSeries(validation);
    }
    JFreeChart chart = ChartFactory.createXYLineChart("Loss per epoch", "epoch", "loss", data,
        PlotOrientation.VERTICAL, true, false, false);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    chart.getXYPlot().setRenderer(renderer);
    return png(chart);
  }

  /** Histogram of outlier scores (or, {@code areErrors}, of reconstruction errors) with the threshold marked. */
  public static byte[] scoreHistogram(double[] scores, double threshold, boolean areErrors) throws IOException {
    HistogramDataset data = new HistogramDataset();
    data.addSeries(areErrors ? "reconstruction error" : "outlier score", scores, 60);
    JFreeChart chart = ChartFactory.createHistogram(areErrors ? "Reconstruction errors" : "Outlier scores",
        areErrors ? "mean squared error" : "z(error) + weight x z(latent distance)", "rows", data,
        PlotOrientation.VERTICAL, true, false, false);
    ValueMarker marker = new ValueMarker(threshold, PALETTE[5], new BasicStroke(2f));
    marker.setLabel(String.format("threshold %.4g", threshold));
    chart.getXYPlot().addDomainMarker(marker);
    return png(chart);
  }

  /** Okabe and Ito's palette: eight colours told apart with every common colour-vision deficiency. */
  private static final Color[] PALETTE = {new Color(0xE69F00), new Color(0x56B4E9), new Color(0x009E73),
      new Color(0xF0E442), new Color(0x0072B2), new Color(0xD55E00), new Color(0xCC79A7), new Color(0x000000)};

  /** 2-D projection of latent codes, one colour per numeric label ("label 3"). */
  public static byte[] latentScatter(double[][] points, double[] labels, String title) throws IOException {
    return latentScatter(points, labels, null, title);
  }

  /**
   * 2-D projection of latent codes, one colour per label.
   *
   * @param names the class name of each label index (a string label indexed in the pipeline), or null
   */
  public static byte[] latentScatter(double[][] points, double[] labels, String[] names, String title)
      throws IOException {
    Map<Double, XYSeries> byLabel = new TreeMap<>();
    for (int i = 0; i < points.length; i++) {
      double label = labels == null ? 0 : labels[i];
      byLabel.computeIfAbsent(label, l -> new XYSeries(labels == null ? "rows" : className(l, names)))
          .add(points[i][0], points[i][1]);
    }
    XYSeriesCollection data = new XYSeriesCollection();
    byLabel.values().forEach(data::addSeries);
    JFreeChart chart = ChartFactory.createScatterPlot(title, "component 1", "component 2", data,
        PlotOrientation.VERTICAL, true, false, false);
    for (int s = 0; s < data.getSeriesCount(); s++) {
      // Beyond eight classes colours repeat; the legend still tells them apart by shape.
      chart.getXYPlot().getRenderer().setSeriesPaint(s, PALETTE[s % PALETTE.length]);
    }
    return png(chart);
  }

  private static String className(double label, String[] names) {
    int index = (int) label;
    return names != null && label == index && index >= 0 && index < names.length ? names[index]
        : "label " + formatLabel(label);
  }

  /** ROC curve of the outlier score. */
  public static byte[] roc(double[][] points, double auroc) throws IOException {
    XYSeries curve = new XYSeries(String.format("outlier score (AUROC %.3f)", auroc), false);
    for (double[] p : points) {
      curve.add(p[0], p[1]);
    }
    XYSeries chance = new XYSeries("chance");
    chance.add(0, 0);
    chance.add(1, 1);
    XYSeriesCollection data = new XYSeriesCollection(curve);
    data.addSeries(chance);
    JFreeChart chart = ChartFactory.createXYLineChart("ROC of outlier detection", "false positive rate",
        "true positive rate", data, PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    plot.getRenderer().setSeriesPaint(1, Color.GRAY);
    return png(chart);
  }

  private static String formatLabel(double label) {
    return label == Math.rint(label) ? String.valueOf((long) label) : String.valueOf(label);
  }

  static byte[] png(JFreeChart chart) throws IOException {
    chart.setBackgroundPaint(Color.WHITE);
    chart.getPlot().setBackgroundPaint(Color.WHITE);
    if (chart.getPlot() instanceof XYPlot xy) {
      xy.setDomainGridlinePaint(Color.LIGHT_GRAY);
      xy.setRangeGridlinePaint(Color.LIGHT_GRAY);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
    return out.toByteArray();
  }
}
