package io.metron.pipeline.parse.grok;

import java.util.function.Supplier;

/**
 * Text handed to {@link java.util.regex} with a cap on how many characters a match may read, so a
 * pattern that backtracks badly on hostile input ends with an error instead of a hang.
 *
 * <p>The cap is a count of character reads, not a time, so the outcome is the same on every
 * machine. Not thread-safe: wrap the text once per match.
 */
public final class RegexBudget implements CharSequence {
  /** Thrown out of a match whose budget ran out. */
  public static final class ExceededException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ExceededException() {
      this("the pattern needed too much backtracking on this input");
    }

    private ExceededException(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Runs a match, turning the {@link StackOverflowError} that {@link java.util.regex} ends in when
   * a repeated group matches thousands of times into an {@link ExceededException}: that is bad
   * input for the pattern, not a broken program.
   */
  public static <T> T guard(Supplier<T> match) {
    try {
      return match.get();
    } catch (StackOverflowError e) {
      throw new ExceededException("the input repeats a part of the pattern too often to match");
    }
  }

  private final String text;
  private long remaining;

  private RegexBudget(String text, long budget) {
    this.text = text;
    this.remaining = budget;
  }

  /** {@code text} with a budget proportional to its length. */
  public static RegexBudget of(String text) {
    return new RegexBudget(text, 200_000L + 64L * text.length());
  }

  @Override
  public char charAt(int index) {
    if (--remaining < 0) {
      throw new ExceededException();
    }
    return text.charAt(index);
  }

  @Override
  public int length() {
    return text.length();
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return text.substring(start, end);
  }

  @Override
  public String toString() {
    return text;
  }
}
