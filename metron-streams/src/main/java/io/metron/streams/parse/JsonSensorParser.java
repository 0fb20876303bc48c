package io.metron.streams.parse;

import io.metron.core.message.ErrorMessage;
import io.metron.core.message.ErrorType;
import io.metron.core.message.Guids;
import io.metron.core.message.Message;
import io.metron.core.message.MessageCodec;
import io.metron.core.message.MessageFields;
import io.metron.core.message.MessageFormatException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The plainest parser: one JSON object per record. A Bro/Zeek record in the bro-kafka plugin's
 * shape ({@code {"conn": {...}}}) is unwrapped, its log type becomes {@code protocol}, its
 * connection tuple is named as Metron names it and {@code ts} (seconds) becomes {@code timestamp}
 * (milliseconds). Used for sensors whose parser is not available in this build.
 */
public final class JsonSensorParser implements SensorParser {
  private static final Map<String, String> BRO_NAMES =
      Map.of(
          "id.orig_h", MessageFields.SRC_ADDR,
          "id.orig_p", MessageFields.SRC_PORT,
          "id.resp_h", MessageFields.DST_ADDR,
          "id.resp_p", MessageFields.DST_PORT);

  private final String sensor;
  private final Clock clock;
  private final String hostname;

  public JsonSensorParser(String sensor, Clock clock, String hostname) {
    this.sensor = sensor;
    this.clock = clock;
    this.hostname = hostname;
  }

  @Override
  public List<Message> parse(byte[] value, byte[] key, String topic, String origin) {
    Message message;
    try {
      message = MessageCodec.read(value);
    } catch (MessageFormatException e) {
      return List.of(
          ErrorMessage.of(ErrorType.PARSER_ERROR)
              .sensor(sensor)
              .cause(e)
              .raw(value)
              .guid(Guids.derived(origin, 0))
              .toMessage(clock.millis(), hostname));
    }
    message = unwrapBro(message);
    message.put(MessageFields.SOURCE_TYPE, sensor);
    message.putIfAbsent(MessageFields.GUID, Guids.derived(origin, 0));
    message.putIfAbsent(MessageFields.ORIGINAL_STRING, new String(value, StandardCharsets.UTF_8));
    if (message.timestamp() == null) {
      message.put(MessageFields.TIMESTAMP, clock.millis());
    }
    return List.of(message);
  }

  private static Message unwrapBro(Message message) {
    if (message.fields().size() != 1) {
      return message;
    }
    Map.Entry<String, Object> only = message.fields().entrySet().iterator().next();
    if (!(only.getValue() instanceof Map<?, ?> inner)) {
      return message;
    }
    Message out = Message.empty();
    inner.forEach((k, v) -> out.put(BRO_NAMES.getOrDefault(k.toString(), k.toString()), v));
    out.put(MessageFields.PROTOCOL, only.getKey());
    if (out.get("ts") instanceof Number ts) {
      out.put("bro_timestamp", ts.toString());
      out.put(MessageFields.TIMESTAMP, (long) (ts.doubleValue() * 1000));
    }
    return out;
  }
}
