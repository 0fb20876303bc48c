package io.metron.pipeline.parse;

import io.metron.core.message.Message;
import java.util.List;

/**
 * What a {@link Parser} made of one input: the messages it produced and, for inputs holding several
 * records (multi-line grok), the records it could not parse.
 */
public record ParseResult(List<Message> messages, List<Problem> errors) {

  /**
   * One part of the input that could not be parsed.
   *
   * @param reason what was wrong, for the person reading the error message
   * @param raw the bytes at fault, or {@code null} for the whole input
   * @param cause an unexpected exception (a bug), or {@code null} for plainly bad data
   */
  public record Problem(String reason, byte[] raw, Throwable cause) {}

  public static ParseResult of(Message message) {
    return new ParseResult(List.of(message), List.of());
  }

  public static ParseResult of(List<Message> messages) {
    return new ParseResult(messages, List.of());
  }

  /** The whole input is bad. */
  public static ParseResult error(String reason) {
    return new ParseResult(List.of(), List.of(new Problem(reason, null, null)));
  }

  public static ParseResult error(BadInputException e) {
    return error(e.getMessage());
  }
}
