package io.metron.pipeline.parse;

/**
 * Input that a parser cannot read. Parsers throw it internally and turn it into a {@link
 * ParseResult} error; its message is shown to users, so it names the field or position at fault.
 */
public final class BadInputException extends Exception {
  private static final long serialVersionUID = 1L;

  public BadInputException(String reason) {
    super(reason, null, false, false);
  }
}
