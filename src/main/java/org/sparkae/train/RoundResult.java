package org.sparkae.train;

import java.io.Serializable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What one worker sends back from an averaging round: its parameters, updater state (null when the
 * round does not average it, or for updaters without state) and last minibatch loss, as DL4J's
 * worker reports it, and the validation loss when a lone worker computed it after its epoch (else NaN).
 * DL4J's own result type is not serializable on its own; parameters are null when the worker had no
 * rows in the round.
 */
record RoundResult(INDArray parameters, INDArray updaterState, double score, double validationLoss)
    implements Serializable {}
