package io.metron.pipeline.parse.grok;

/** A grok pattern file or expression that cannot be used; the message says which and why. */
public final class GrokException extends Exception {
  private static final long serialVersionUID = 1L;

  public GrokException(String message) {
    super(message);
  }
}
