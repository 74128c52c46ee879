package org.sparkae.train;

/** The mean minibatch loss of a round (or an epoch) and, when it was computed with it, the validation loss (else NaN). */
record RoundLoss(double training, double validation) {}
