package io.metron.pipeline.load;

/**
 * A load that cannot start or go on: a bad extractor config, an unreadable input, a failing store.
 */
public final class LoadException extends Exception {
  private static final long serialVersionUID = 1L;

  public LoadException(String message) {
    super(message);
  }

  public LoadException(String message, Throwable cause) {
    super(message, cause);
  }
}
