package io.metron.pipeline.parse.transform;

/** A transformation that failed on one message (a Stellar error); the message is for users. */
public final class TransformationException extends Exception {
  private static final long serialVersionUID = 1L;

  public TransformationException(String message, Throwable cause) {
    super(message, cause);
  }
}
