package io.metron.pipeline.parse.expr;

/** An expression that does not compile or fails while evaluating; the message is for users. */
public final class ExpressionException extends Exception {
  private static final long serialVersionUID = 1L;

  public ExpressionException(String message) {
    super(message);
  }

  public ExpressionException(String message, Throwable cause) {
    super(message, cause);
  }
}
