package io.metron.pipeline.parse.bro;

import io.metron.core.message.Message;
import io.metron.core.message.MessageCodec;
import io.metron.core.message.MessageFormatException;
import io.metron.pipeline.parse.BadInputException;
import io.metron.pipeline.parse.ParseResult;
import io.metron.pipeline.parse.Parser;
import io.metron.pipeline.parse.ParserType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bro logs as the Metron Bro Kafka plugin writes them: one JSON object per record, {@code {"<log
 * type>": {...record...}}} (or a flat record carrying its log type in {@code type}).
 */
public final class BroParser implements Parser {
  public static final ParserType TYPE =
      new ParserType(
          "bro",
          List.of("org.apache.metron.parsers.bro.BasicBroParser"),
          "Bro logs from the Metron Bro Kafka plugin: {\"<log type>\": {record}} JSON.",
          List.of(),
          Map.of(),
          "{\"conn\":{\"ts\":1700000000.25,\"uid\":\"Cx1\",\"id.orig_h\":\"10.1.1.1\",\"id.orig_p\":40000,"
              + "\"id.resp_h\":\"10.2.2.2\",\"id.resp_p\":53,\"proto\":\"udp\"}}",
          settings -> new BroParser());

  @Override
  public ParseResult parse(byte[] raw) {
    try {
      Message outer = MessageCodec.read(raw);
      if (outer.fields().isEmpty()) {
        throw new BadInputException("empty JSON object: expected {\"<log type>\": {record}}");
      }
      // Metron cleaned the top-level keys and, when several, took the first in hash order.
      Map<String, Object> cleaned = new LinkedHashMap<>();
      outer.fields().forEach((k, v) -> cleaned.put(BroRecords.cleanKey(k), v));
      Object type = cleaned.get("type");
      if (type != null) {
        return ParseResult.of(BroRecords.normalise(type.toString(), cleaned));
      }
      Map.Entry<String, Object> first = HashOrderText.entries(cleaned).iterator().next();
      if (!(first.getValue() instanceof Map<?, ?> record)) {
        throw new BadInputException(
            "expected {\"<log type>\": {record}}, but '" + first.getKey() + "' is not an object");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> payload = (Map<String, Object>) record;
      return ParseResult.of(BroRecords.normalise(first.getKey(), payload));
    } catch (MessageFormatException e) {
      return ParseResult.error(e.getMessage());
    } catch (BadInputException e) {
      return ParseResult.error(e);
    }
  }
}
