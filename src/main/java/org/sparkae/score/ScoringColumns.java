package org.sparkae.score;

import java.io.Serializable;

/**
 * Where a scorer reads and what it appends. Indices refer to the input row; an output whose name is
 * empty is left out. {@code targetIndex} is -1 when errors are measured against the input.
 */
public record ScoringColumns(int inputIndex, String inputCol, int targetIndex, String targetCol,
    boolean latent, boolean reconstruction, boolean error, boolean outlier) implements Serializable {}
