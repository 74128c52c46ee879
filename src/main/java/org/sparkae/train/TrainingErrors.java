package org.sparkae.train;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaDoubleRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.sparkae.nn.Nd4jThreads;
import org.sparkae.score.BatchForward;
import org.sparkae.score.Matrices;
import org.sparkae.score.ModelWeights;
import org.sparkae.score.NetworkPool;

/** Reconstruction errors of the trained network on clean training rows, computed on the executors. */
public final class TrainingErrors {
  private TrainingErrors() {}

  public static JavaDoubleRDD of(JavaRDD<TrainingRow> rows, Broadcast<ModelWeights> weights, int batchSize) {
    return rows.mapPartitionsToDouble((Iterator<TrainingRow> it) -> {
      Nd4jThreads.forCurrentTask();
      String key = "bc-" + weights.id();
      int latentIndex = weights.value().spec().latentLayerIndex();
      List<Double> errors = new ArrayList<>();
      MultiLayerNetwork net = NetworkPool.borrow(key, weights::value);
      try {
        List<float[]> inputs = new ArrayList<>(batchSize);
        List<float[]> labels = new ArrayList<>(batchSize);
        while (it.hasNext()) {
          TrainingRow row = it.next();
          inputs.add(row.input());
          labels.add(row.label());
          if (inputs.size() == batchSize || !it.hasNext()) {
            for (double e : BatchForward.run(net, latentIndex, Matrices.of(inputs), Matrices.of(labels), false, false)
                .errors()) {
              errors.add(e);
            }
            inputs.clear();
            labels.clear();
          }
        }
      } finally {
        NetworkPool.release(key, net);
      }
      return errors.iterator();
    });
  }
}
