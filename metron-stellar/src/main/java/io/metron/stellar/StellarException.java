package io.metron.stellar;

/**
 * An error in a Stellar expression: a syntax error (with {@link #line()} and {@link #column()}), an
 * unknown function or wrong number of arguments found while compiling, or a failure while
 * evaluating. The message is meant for the person who wrote the expression.
 */
public class StellarException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int line;
  private final int column;

  public StellarException(String message) {
    this(message, null, 0, 0);
  }

  public StellarException(String message, Throwable cause) {
    this(message, cause, 0, 0);
  }

  public StellarException(String message, int line, int column) {
    this(message, null, line, column);
  }

  private StellarException(String message, Throwable cause, int line, int column) {
    super(message, cause);
    this.line = line;
    this.column = column;
  }

  /** The 1-based line of a syntax error, or 0 when the error has no position. */
  public int line() {
    return line;
  }

  /** The 1-based column of a syntax error, or 0 when the error has no position. */
  public int column() {
    return column;
  }

  /** Whether this error points at a position in the source. */
  public boolean hasPosition() {
    return line > 0;
  }
}
