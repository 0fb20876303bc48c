package io.metron.search;

/**
 * A search that cannot run: a malformed query (the message points at the bad part) or a store that
 * cannot be read.
 */
public final class SearchException extends Exception {
  public SearchException(String message, Throwable cause) {
    super(message, cause);
  }

  public SearchException(String message) {
    super(message);
  }
}
