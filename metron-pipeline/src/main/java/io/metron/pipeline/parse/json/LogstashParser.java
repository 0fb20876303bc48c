package io.metron.pipeline.parse.json;

import io.metron.core.message.Message;
import io.metron.core.message.MessageCodec;
import io.metron.core.message.MessageFields;
import io.metron.core.message.MessageFormatException;
import io.metron.pipeline.parse.BadInputException;
import io.metron.pipeline.parse.ParseResult;
import io.metron.pipeline.parse.Parser;
import io.metron.pipeline.parse.ParserType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * Metron's {@code BasicLogstashParser}: a Logstash JSON event. Logstash's own fields ({@code
 * @version}, {@code type}, {@code host}, {@code tags}) are dropped, {@code message} becomes {@code
 * original_string}, {@code src_ip}/{@code dst_ip}/{@code src_port}/{@code dst_port} become the
 * 5-tuple and {@code @timestamp} becomes {@code timestamp}.
 */
public final class LogstashParser implements Parser {
  public static final ParserType TYPE =
      new ParserType(
          "logstash",
          List.of("org.apache.metron.parsers.logstash.BasicLogstashParser"),
          "Logstash JSON events (@timestamp, message, src_ip/dst_ip/src_port/dst_port).",
          List.of(),
          Map.of(),
          "{\"@timestamp\":\"2024-02-03T04:05:06.789Z\",\"@version\":\"1\",\"message\":\"hello\","
              + "\"src_ip\":\"10.0.0.5\",\"dst_ip\":\"10.0.0.6\",\"type\":\"syslog\"}",
          settings -> new LogstashParser());

  @Override
  public ParseResult parse(byte[] raw) {
    try {
      Message event = MessageCodec.read(raw);
      for (String drop : List.of("@version", "type", "host", "tags")) {
        event.remove(drop);
      }
      rename(event, "message", MessageFields.ORIGINAL_STRING);
      rename(event, "src_ip", MessageFields.SRC_ADDR);
      rename(event, "dst_ip", MessageFields.DST_ADDR);
      rename(event, "src_port", MessageFields.SRC_PORT);
      rename(event, "dst_port", MessageFields.DST_PORT);
      Object time = event.remove("@timestamp");
      if (time == null) {
        throw new BadInputException("no @timestamp field");
      }
      try {
        event.put(MessageFields.TIMESTAMP, Instant.parse(time.toString()).toEpochMilli());
      } catch (DateTimeParseException e) {
        throw new BadInputException("@timestamp is not an ISO 8601 time: '" + time + "'");
      }
      return ParseResult.of(event);
    } catch (MessageFormatException e) {
      return ParseResult.error(e.getMessage());
    } catch (BadInputException e) {
      return ParseResult.error(e);
    }
  }

  private static void rename(Message message, String from, String to) {
    Object value = message.remove(from);
    if (value != null) {
      message.put(to, value);
    }
  }
}
