package io.metron.pipeline.parse.json;

import io.metron.core.message.Message;
import io.metron.core.message.MessageCodec;
import io.metron.core.message.MessageFields;
import io.metron.core.message.MessageFormatException;
import io.metron.pipeline.parse.BadInputException;
import io.metron.pipeline.parse.ParseResult;
import io.metron.pipeline.parse.Parser;
import io.metron.pipeline.parse.ParserType;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * Metron's {@code BasicLancopeParser}: StealthWatch syslog forwarded by Logstash as JSON. The
 * {@code message} field's words 6 to 8 (split on single spaces, as Metron did) are the event time,
 * source and destination addresses; the message becomes {@code original_string}.
 */
public final class LancopeParser implements Parser {
  public static final ParserType TYPE =
      new ParserType(
          "lancope",
          List.of("org.apache.metron.parsers.lancope.BasicLancopeParser"),
          "Lancope StealthWatch alarms, as JSON from Logstash with the syslog line in message.",
          List.of(),
          Map.of(),
          "{\"message\":\"<131>Mar 11 10:00:00 smc-9 StealthWatch[100]: 2024-03-01T09:59:30Z"
              + " 10.9.9.9 10.8.8.8 Major Example Alarm text\",\"@version\":\"1\","
              + "\"@timestamp\":\"2024-03-01T10:00:01.000Z\",\"type\":\"syslog\","
              + "\"host\":\"10.7.7.7\"}",
          settings -> new LancopeParser());

  @Override
  public ParseResult parse(byte[] raw) {
    try {
      Message payload = MessageCodec.read(raw);
      Object text = payload.remove("message");
      if (text == null) {
        throw new BadInputException("no 'message' field holding the StealthWatch syslog line");
      }
      String message = text.toString();
      // Metron split on single spaces, so a padded day ("Jul  7") shifts the words; so do we.
      String[] parts = message.split(" ");
      if (parts.length < 8) {
        throw new BadInputException(
            "message has "
                + parts.length
                + " words; expected at least 8 (time, source, destination"
                + " at words 6 to 8)");
      }
      payload.put(MessageFields.SRC_ADDR, parts[6]);
      payload.put(MessageFields.DST_ADDR, parts[7]);
      String time = parts[5].replace('T', ' ').replace('Z', ' ').trim().replace(' ', 'T');
      try {
        payload.put(
            MessageFields.TIMESTAMP,
            LocalDateTime.parse(time).toInstant(ZoneOffset.UTC).toEpochMilli());
      } catch (DateTimeParseException e) {
        throw new BadInputException("word 6 of message is not a time: '" + parts[5] + "'");
      }
      payload.remove("@timestamp");
      payload.put(MessageFields.ORIGINAL_STRING, message);
      return ParseResult.of(payload);
    } catch (MessageFormatException e) {
      return ParseResult.error(e.getMessage());
    } catch (BadInputException e) {
      return ParseResult.error(e);
    }
  }
}
