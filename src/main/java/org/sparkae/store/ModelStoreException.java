package org.sparkae.store;

/** A model store operation failed; the message says which object and why, never a credential. */
public class ModelStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ModelStoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public ModelStoreException(String message) {
    super(message);
  }
}
