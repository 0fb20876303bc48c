package io.metron.streams.parse;

import io.metron.core.message.Message;
import java.util.List;

/**
 * Turns one raw record from a sensor topic into messages. Implementations never throw for bad
 * input: they return error messages ({@code source.type: error}) in its place. Thread-safe.
 */
@FunctionalInterface
public interface SensorParser {

  /**
   * @param value the record's bytes
   * @param key the record's key (Metron's JSON metadata), or null
   * @param origin a stable identity of the record ({@code topic/partition/offset}); outputs without
   *     a guid get one derived from it, so a replay produces the same guids
   */
  List<Message> parse(byte[] value, byte[] key, String topic, String origin);
}
