package io.metron.pipeline.parse;

import io.metron.core.message.Message;
import java.nio.charset.Charset;

/**
 * Parses one record of text, an input or a line of one, into a message. Most parsers are one of
 * these, wrapped by {@link #whole} (an input is one record) or by {@link LineParser} (each line is
 * one), which do the decoding and turn a {@link BadInputException} into the input's error.
 *
 * <p>Contract: as for {@link Parser}, thread-safe and never throwing for bad data other than by a
 * {@link BadInputException} whose message names what is wrong and where.
 */
@FunctionalInterface
public interface TextParser {
  /**
   * The message {@code text} holds.
   *
   * @throws BadInputException when {@code text} is not such a record
   */
  Message parse(String text) throws BadInputException;

  /** A parser that decodes each input with {@code charset} and parses it as one record. */
  static Parser whole(Charset charset, TextParser records) {
    return raw -> {
      try {
        return ParseResult.of(records.parse(new String(raw, charset)));
      } catch (BadInputException e) {
        return ParseResult.error(e);
      }
    };
  }
}
