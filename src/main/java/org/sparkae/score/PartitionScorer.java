package org.sparkae.score;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparkae.data.InvalidRowException;
import org.sparkae.data.VectorRows;
import org.sparkae.nn.BatchForward;
import org.sparkae.nn.LatentDistance;
import org.sparkae.nn.Matrices;
import org.sparkae.nn.ModelWeights;
import org.sparkae.nn.Nd4jThreads;
import org.sparkae.nn.NetworkPool;

/**
 * Scores a partition in minibatches with a network rebuilt once per executor from broadcast
 * weights, appending latent code, reconstruction, error, outlier score and flag to each row. Lazy: only
 * one minibatch of rows is held at a time, so memory does not grow with the partition (and it works
 * on streaming micro-batches).
 */
public final class PartitionScorer implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  private final Broadcast<ModelWeights> weights;
  private final ScoringColumns columns;
  private final double threshold;
  private final int batchSize;
  private final boolean skipInvalid;

  public PartitionScorer(Broadcast<ModelWeights> weights, ScoringColumns columns, double threshold, int batchSize,
      boolean skipInvalid) {
    this.weights = weights;
    this.columns = columns;
    this.threshold = threshold;
    this.batchSize = batchSize;
    this.skipInvalid = skipInvalid;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    Nd4jThreads.forCurrentTask();
    return LazyBatches.of(rows, this::scoreNextBatch);
  }

  private Iterator<Row> scoreNextBatch(Iterator<Row> rows) {
    ModelWeights w = weights.value();
    int inputSize = w.spec().inputSize();
    int outputSize = w.spec().outputSize();
    List<Row> batch = new ArrayList<>(batchSize);
    List<float[]> inputs = new ArrayList<>(batchSize);
    List<float[]> targets = new ArrayList<>(batchSize);
    while (batch.size() < batchSize && rows.hasNext()) {
      Row row = rows.next();
      try {
        // Errors and codes live in the scaled space the network was trained in.
        float[] input = w.scaleInput(VectorRows.readFloats(row, columns.inputIndex(), columns.inputCol(), inputSize,
            columns.inputNames()));
        float[] target = columns.targetIndex() < 0 ? input
            : w.scaleTarget(VectorRows.readFloats(row, columns.targetIndex(), columns.targetCol(), outputSize));
        batch.add(row);
        inputs.add(input);
        targets.add(target);
      } catch (InvalidRowException e) {
        if (!skipInvalid) {
          throw new InvalidRowException(e.getMessage() + " (handleInvalid = 'error'; set it to 'skip' to drop such rows)");
        }
      }
    }
    if (batch.isEmpty()) {
      return java.util.Collections.emptyIterator();
    }
    MultiLayerNetwork net = NetworkPool.borrow(weights.value());
    BatchForward.Output out;
    try {
      INDArray features = Matrices.of(inputs);
      out = BatchForward.run(net, w, features, columns.targetIndex() < 0 ? features : Matrices.of(targets),
          columns.latent() || w.latentDistance() != null && columns.scored(), columns.reconstruction(),
          columns.perColumnErrors(), columns.latentLogVar());
    } finally {
      NetworkPool.release(weights.value(), net);
    }
    List<Row> result = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      if (columns.reconstruction()) {
        w.unscaleOutput(out.reconstruction()[i]); // reconstructions come back in the data's own units
      }
      result.add(appendOutputs(batch.get(i), out, i, w));
    }
    return result.iterator();
  }

  private Row appendOutputs(Row row, BatchForward.Output out, int i, ModelWeights w) {
    int width = row.length();
    Object[] values = new Object[width + 9];
    for (int c = 0; c < width; c++) {
      values[c] = row.get(c);
    }
    int n = width;
    if (columns.latent()) {
      values[n++] = Vectors.dense(toDoubles(out.latent()[i]));
    }
    if (columns.latentLogVar()) {
      values[n++] = Vectors.dense(toDoubles(out.latentLogVar()[i]));
    }
    if (columns.reconstruction()) {
      values[n++] = Vectors.dense(toDoubles(out.reconstruction()[i]));
    }
    double error = out.errors()[i];
    if (columns.error()) {
      values[n++] = error;
    }
    // The code's distance costs k x k per row: only when a column needs it.
    LatentDistance latent = columns.scored() ? w.latentDistance() : null;
    double distance = latent == null ? Double.NaN : latent.distance(out.latent()[i]);
    double score = latent == null ? error : latent.score(error, distance);
    if (columns.outlierScore()) {
      values[n++] = score;
    }
    if (columns.latentDistance()) {
      values[n++] = distance;
    }
    if (columns.outlier()) {
      // A NaN score (the network could not score the row) is flagged rather than passed as normal.
      values[n++] = !(score <= threshold);
    }
    if (columns.featureErrors()) {
      values[n++] = Vectors.dense(toDoubles(out.columnErrors()[i]));
    }
    if (columns.explanationTopK() > 0) {
      values[n++] = Explanation.topColumns(out.columnErrors()[i], columns.featureNames(), columns.explanationTopK());
    }
    return RowFactory.create(java.util.Arrays.copyOf(values, n));
  }

  private static double[] toDoubles(float[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }
}
