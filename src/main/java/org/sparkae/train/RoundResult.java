package org.sparkae.train;

import java.io.Serializable;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingResult;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What one worker sends back from an averaging round: its parameters, updater state (null for
 * updaters without state) and mean minibatch loss. DL4J's own result type is not serializable on
 * its own; parameters are null when the worker had no rows in the round.
 */
record RoundResult(INDArray parameters, INDArray updaterState, double score) implements Serializable {
  static RoundResult of(ParameterAveragingTrainingResult result) {
    return new RoundResult(result.getParameters(), result.getUpdaterState(), result.getScore());
  }
}
