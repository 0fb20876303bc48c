package io.metron.stellar;

/**
 * A problem the lint finds in an expression that still compiles and runs as Metron would run it: a
 * call to a function this deployment does not have, or a call with an argument count outside the
 * function's documented range. Metron resolved functions only when a call was evaluated, so such an
 * expression fails only if (and when) the call is reached; the lint says so at load time.
 *
 * @param function the function's name as written
 * @param problem what kind of problem it is
 * @param line the 1-based line of the call in the expression
 * @param column the 1-based column of the call in the expression
 * @param message one sentence for the person who wrote the expression
 */
public record StellarWarning(
    String function, Problem problem, int line, int column, String message) {

  /** The kinds of problem the lint reports. */
  public enum Problem {
    /** No function of that name is registered. */
    UNKNOWN_FUNCTION,
    /** Fewer or more arguments than the function's documented parameters. */
    WRONG_ARGUMENT_COUNT
  }

  @Override
  public String toString() {
    return message + " (line " + line + ", column " + column + ")";
  }
}
