package org.sparkae.jobs;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.sparkae.ml.AutoencoderModel;
import org.sparkae.report.RunReport;

/** Scores the evaluation rows, measures them and draws the run's report. */
final class EvaluationReport {
  private EvaluationReport() {}

  /**
   * Scores {@code data} with {@code model}, evaluates, draws the report into {@code out}; returns
   * the scored rows (cached; the caller unpersists) and fills {@code metrics.evaluation}.
   */
  static Dataset<Row> evaluateAndReport(PipelineModel model, Dataset<Row> data, JobConfig c, OutputDir out,
      Map<String, Object> metrics, String title) throws Exception {
    AutoencoderModel ae = SavedPipeline.autoencoder(model);
    long start = System.nanoTime();
    Dataset<Row> scored = model.transform(data).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      report(model, data, scored, ae, c, out, metrics, title, start);
      return scored;
    } catch (Exception | Error e) {
      scored.unpersist();
      throw e;
    }
  }

  private static void report(PipelineModel model, Dataset<Row> data, Dataset<Row> scored, AutoencoderModel ae,
      JobConfig c, OutputDir out, Map<String, Object> metrics, String title, long start) throws Exception {
    Map<String, Object> evaluation = new LinkedHashMap<>();
    double[][] roc = Evaluation.evaluate(scored, ae, c, evaluation);
    metrics.put("evaluation", evaluation);
    RunMetrics.timing(metrics, "scoreSeconds", start);

    start = System.nanoTime();
    RunReport report = new RunReport(out);
    if (ae.hasSummary()) {
      report.lossCurves(ae.summary());
    }
    long rows = (Long) evaluation.get("rows");
    int sampleRows = c.integer("output.reportSampleRows");
    Dataset<Row> sample = rows <= sampleRows ? scored
        : scored.sample(false, Math.min(1.0, 1.2 * sampleRows / rows), 1).limit(sampleRows);
    report.outlierScores(sample, ae);
    report.latentProjection(sample, ae, Labels.numericLabel(c, sample.schema()),
        Labels.classNames(model, Labels.numericLabel(c, sample.schema())));
    report.imageGrid(model, data, ae, c.integer("input.imageWidth"), PipelineFactory.NOISY_COL);
    report.generated(ae, scored, c.integer("input.imageWidth"));
    report.roc(roc, roc == null ? Double.NaN : (Double) evaluation.get("outlierAuroc"));
    report.topOutliers(scored, ae, c.string("input.idCol"), 10);
    RunMetrics.timing(metrics, "reportSeconds", start);
    metrics.put("createdAt", Instant.now().toString());
    report.write(title, "sparkae " + metrics.get("job") + " run, " + metrics.get("createdAt"),
        RunSummary.lines(metrics), metrics, c.render());
  }
}
