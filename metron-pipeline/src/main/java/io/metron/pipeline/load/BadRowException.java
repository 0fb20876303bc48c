package io.metron.pipeline.load;

/**
 * A row an extractor cannot turn into a table row; the loader reports it with its line and skips
 * it.
 */
public final class BadRowException extends Exception {
  private static final long serialVersionUID = 1L;

  public BadRowException(String message) {
    super(message);
  }
}
