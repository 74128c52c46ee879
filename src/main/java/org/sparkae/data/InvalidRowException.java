package org.sparkae.data;

/**
 * A row whose vector cannot be used: null, NaN/Infinity, or the wrong size. The message names the
 * column and the problem; stages either fail with it (handleInvalid = "error") or drop the row ("skip").
 */
public class InvalidRowException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidRowException(String message) {
    super(message);
  }
}
