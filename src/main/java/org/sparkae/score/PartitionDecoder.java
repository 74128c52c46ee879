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
import org.sparkae.data.VectorRows;
import org.sparkae.nn.BatchForward;
import org.sparkae.nn.Matrices;
import org.sparkae.nn.ModelWeights;
import org.sparkae.nn.Nd4jThreads;
import org.sparkae.nn.NetworkPool;

/**
 * Decodes a partition's codes in minibatches with the broadcast weights, appending each row's decoded
 * output in the data's own units. Lazy, one minibatch at a time, as {@link PartitionScorer}.
 */
public final class PartitionDecoder implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  private final Broadcast<ModelWeights> weights;
  private final int codeIndex;
  private final String codeCol;
  private final int batchSize;

  public PartitionDecoder(Broadcast<ModelWeights> weights, int codeIndex, String codeCol, int batchSize) {
    this.weights = weights;
    this.codeIndex = codeIndex;
    this.codeCol = codeCol;
    this.batchSize = batchSize;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    Nd4jThreads.forCurrentTask();
    return LazyBatches.of(rows, this::decodeNextBatch);
  }

  private Iterator<Row> decodeNextBatch(Iterator<Row> rows) {
    ModelWeights w = weights.value();
    int width = w.spec().latentWidth();
    List<Row> batch = new ArrayList<>(batchSize);
    List<float[]> codes = new ArrayList<>(batchSize);
    while (batch.size() < batchSize && rows.hasNext()) {
      Row row = rows.next();
      batch.add(row);
      codes.add(VectorRows.readFloats(row, codeIndex, codeCol, width));
    }
    MultiLayerNetwork net = NetworkPool.borrow(w);
    float[][] outputs;
    try {
      outputs = BatchForward.decode(net, w.spec(), Matrices.of(codes));
    } finally {
      NetworkPool.release(w, net);
    }
    List<Row> result = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      Row row = batch.get(i);
      Object[] values = new Object[row.length() + 1];
      for (int c = 0; c < row.length(); c++) {
        values[c] = row.get(c);
      }
      float[] output = w.unscaleOutput(outputs[i]);
      double[] doubles = new double[output.length];
      for (int j = 0; j < output.length; j++) {
        doubles[j] = output[j];
      }
      values[row.length()] = Vectors.dense(doubles);
      result.add(RowFactory.create(values));
    }
    return result.iterator();
  }
}
