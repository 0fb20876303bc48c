package io.metron.pipeline.parse;

import io.metron.core.message.Message;
import io.metron.core.message.MessageFields;

/**
 * Turns the bytes of one input into zero or more messages.
 *
 * <p>Contract: an instance is built once per sensor config by its {@link ParserType} and is then
 * used from many threads, so implementations are immutable (or otherwise thread-safe). {@link
 * #parse} never throws for bad data: input that cannot be parsed comes back as an error in the
 * {@link ParseResult}, with a reason naming what was expected and where. The runner still guards
 * against bugs, turning any exception into a {@code parser_error} message.
 *
 * <p>A parser sets the fields it knows, including {@code timestamp} (epoch milliseconds) and, when
 * the raw text is not what should be kept, {@code original_string}. Everything else Metron did per
 * message (metadata, {@code source.type}, transformations, {@code guid}, filters, validation) is
 * done by the {@link ParserRunner}.
 */
@FunctionalInterface
public interface Parser {
  ParseResult parse(byte[] raw);

  /**
   * The parser's own check of a finished message (after transformations and filtering, before the
   * global {@code fieldValidations}), as Metron's parsers each had one: {@code null} when valid,
   * else the reason, which makes the message a {@code parser_invalid} error. The default is
   * Metron's common rule: {@code original_string} and {@code timestamp} are present, whatever their
   * values.
   */
  default String invalid(Message message) {
    if (!message.has(MessageFields.ORIGINAL_STRING)) {
      return "invalid message: no original_string";
    }
    if (!message.has(MessageFields.TIMESTAMP)) {
      return "invalid message: no timestamp";
    }
    return null;
  }
}
