package io.metron.pipeline.parse;

import io.metron.core.message.Message;

/** What became of one message produced from a raw input. */
public sealed interface ParseOutcome {

  /** The message to emit (the error message for failures), or {@code null} when filtered. */
  Message message();

  /**
   * A parsed, transformed and valid message.
   *
   * @param outputTopic the topic chosen for this message: the value of the field named by {@code
   *     parserConfig."kafka.topicField"}, else {@code parserConfig."kafka.topic"}, else the
   *     sensor's {@code outputTopic}; {@code null} means the pipeline's default ({@code
   *     enrichments})
   * @param derivedGuid whether the message's guid was derived here from its input's position (not
   *     taken from the input), so that no message from any other input carries it
   */
  record Parsed(Message message, String outputTopic, boolean derivedGuid) implements ParseOutcome {
    public Parsed(Message message) {
      this(message, null);
    }

    public Parsed(Message message, String outputTopic) {
      this(message, outputTopic, false);
    }
  }

  /** A message that failed validation: a {@code parser_invalid} error message. */
  record Invalid(Message error) implements ParseOutcome {
    @Override
    public Message message() {
      return error;
    }
  }

  /** An input (or one line of it) that could not be parsed: a {@code parser_error} message. */
  record Failed(Message error) implements ParseOutcome {
    @Override
    public Message message() {
      return error;
    }
  }

  /** A message dropped by the sensor's filter (or lacking its routing field), silently. */
  record Filtered() implements ParseOutcome {
    @Override
    public Message message() {
      return null;
    }
  }
}
