package io.metron.streams.parse;

import io.metron.pipeline.parse.ParseOutcome;
import io.metron.pipeline.parse.RawMessage;
import java.util.List;

/**
 * Turns one raw record from a sensor topic into outcomes: parsed messages (each optionally routed
 * to its own topic), error messages, or nothing (filtered). Implementations never throw for bad
 * input. Thread-safe. {@link io.metron.pipeline.parse.ParserRunner#process} is the usual one.
 */
@FunctionalInterface
public interface SensorParser {
  List<ParseOutcome> parse(RawMessage raw);
}
