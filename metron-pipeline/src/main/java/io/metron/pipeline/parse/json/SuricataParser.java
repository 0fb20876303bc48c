package io.metron.pipeline.parse.json;

import io.metron.core.message.Message;
import io.metron.core.message.MessageCodec;
import io.metron.core.message.MessageFields;
import io.metron.core.message.MessageFormatException;
import io.metron.pipeline.parse.BadInputException;
import io.metron.pipeline.parse.ParseResult;
import io.metron.pipeline.parse.Parser;
import io.metron.pipeline.parse.ParserType;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Suricata EVE JSON, every {@code event_type} (alert, flow, dns, http, tls, fileinfo, anomaly,
 * stats, ...). Nested objects become dotted fields ({@code alert.signature}); {@code src_ip},
 * {@code src_port}, {@code dest_ip}, {@code dest_port} and {@code proto} become Metron's 5-tuple;
 * {@code flow_id}, {@code community_id} and {@code event_type} are kept; {@code timestamp} becomes
 * epoch milliseconds (the original text in {@code suricata_timestamp}); alerts get {@code is_alert:
 * "true"}.
 */
public final class SuricataParser implements Parser {
  public static final ParserType TYPE =
      new ParserType(
          "suricata",
          List.of(),
          "Suricata EVE JSON of every event_type, with flow_id and community_id kept.",
          List.of(),
          Map.of(),
          "{\"timestamp\":\"2024-03-01T10:00:00.123456+0000\",\"flow_id\":1234567890123,"
              + "\"event_type\":\"alert\",\"src_ip\":\"10.0.0.1\",\"src_port\":51000,"
              + "\"dest_ip\":\"10.0.0.2\",\"dest_port\":80,\"proto\":\"TCP\","
              + "\"alert\":{\"signature_id\":2000001,\"signature\":\"example\",\"severity\":2}}",
          settings -> new SuricataParser());

  // Suricata writes "2024-03-01T10:00:00.123456+0000"; ISO offsets with a colon are accepted too.
  private static final DateTimeFormatter TIME =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .appendLiteral('T')
          .appendValue(ChronoField.HOUR_OF_DAY, 2)
          .appendLiteral(':')
          .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
          .appendLiteral(':')
          .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HHMM", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH:MM", "Z")
          .optionalEnd()
          .toFormatter();

  private static final Map<String, String> TUPLE =
      Map.of(
          "src_ip", MessageFields.SRC_ADDR,
          "src_port", MessageFields.SRC_PORT,
          "dest_ip", MessageFields.DST_ADDR,
          "dest_port", MessageFields.DST_PORT,
          "proto", MessageFields.PROTOCOL);

  @Override
  public ParseResult parse(byte[] raw) {
    try {
      Message event = MessageCodec.read(raw);
      if (!event.has("event_type")) {
        throw new BadInputException("not a Suricata EVE record: no event_type");
      }
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<String, Object> e : event.fields().entrySet()) {
        String key = e.getKey();
        Object value = e.getValue();
        if (value == null) {
          continue;
        }
        if (value instanceof Map<?, ?> nested) {
          Flattening.unfold(key, nested, out);
        } else if (key.equals("timestamp")) {
          out.put("suricata_timestamp", value);
          out.put(MessageFields.TIMESTAMP, millis(value.toString()));
        } else {
          out.put(TUPLE.getOrDefault(key, key), value);
        }
      }
      if ("alert".equals(event.get("event_type"))) {
        out.put(MessageFields.IS_ALERT, "true");
      }
      return ParseResult.of(Message.of(out));
    } catch (MessageFormatException e) {
      return ParseResult.error(e.getMessage());
    } catch (BadInputException e) {
      return ParseResult.error(e);
    }
  }

  private static long millis(String text) throws BadInputException {
    try {
      return OffsetDateTime.parse(text, TIME).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new BadInputException(
          "field 'timestamp' is not an ISO 8601 time with offset: '" + text + "'");
    }
  }
}
