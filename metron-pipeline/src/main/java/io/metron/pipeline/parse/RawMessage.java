package io.metron.pipeline.parse;

/**
 * One input to a parser, as read from a sensor topic.
 *
 * @param value the raw bytes to parse (the Kafka record value)
 * @param key optional bytes sent as the Kafka key; when it holds a JSON object and the sensor reads
 *     metadata, its entries become {@code metron.metadata.*} fields
 * @param topic the topic the input came from, or {@code null}
 * @param origin a stable identity of the input, e.g. {@code "bro/0/1234"} (topic, partition,
 *     offset), or {@code null}. When present, the guids of the messages made from this input are
 *     derived from it, so a replay after a crash produces the same guids.
 */
public record RawMessage(byte[] value, byte[] key, String topic, String origin) {

  /** An input with no key, topic or origin: what {@code metron parse} and tests use. */
  public static RawMessage of(byte[] value) {
    return new RawMessage(value, null, null, null);
  }
}
