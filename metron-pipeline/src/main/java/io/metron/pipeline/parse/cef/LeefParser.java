package io.metron.pipeline.parse.cef;

import io.metron.core.message.Message;
import io.metron.core.message.MessageFields;
import io.metron.pipeline.parse.BadInputException;
import io.metron.pipeline.parse.ParserType;
import io.metron.pipeline.parse.TextParser;
import io.metron.pipeline.parse.grok.LegacyDateFormat;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Metron's {@code LEEFParser}: IBM QRadar's Log Event Extended Format 1.0 and 2.0. The header gives
 * {@code DeviceVendor}, {@code DeviceProduct}, {@code DeviceVersion} and {@code DeviceEvent};
 * attributes are {@code key=value} separated by tabs (or LEEF 2.0's declared delimiter); {@code
 * src}/{@code srcPort}/{@code dst}/{@code dstPort}/{@code proto} become the 5-tuple and {@code
 * devTime} (with {@code devTimeFormat}) the timestamp, else the clock.
 */
public final class LeefParser implements TextParser {
  public static final ParserType TYPE =
      new ParserType(
          "leef",
          List.of("org.apache.metron.parsers.leef.LEEFParser"),
          "IBM LEEF 1.0 and 2.0 events.",
          List.of(),
          Map.of(),
          "LEEF:2.0|Acme|Sensor|1.2|4001|cat=Malware\tsrc=10.1.1.1\tdst=10.2.2.2\tsrcPort=40000"
              + "\tdstPort=80\tproto=TCP\tdevTime=1709287200000",
          settings -> TextParser.whole(settings.charset(), new LeefParser(settings.clock())));

  private final Clock clock;

  LeefParser(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Message parse(String line) throws BadInputException {
    int start = line.indexOf("LEEF:");
    if (start < 0) {
      throw new BadInputException("not LEEF: no 'LEEF:' header");
    }
    String body = line.substring(start + 5);
    String[] head = new String[6];
    int at = 0;
    for (int i = 0; i < 5; i++) {
      int bar = body.indexOf('|', at);
      if (bar < 0) {
        throw new BadInputException("LEEF header has fewer than 5 '|'-separated fields");
      }
      head[i] = body.substring(at, bar);
      at = bar + 1;
    }
    String delimiter = "\t";
    if (head[0].startsWith("2")) {
      int bar = body.indexOf('|', at);
      String candidate = bar < 0 ? null : body.substring(at, bar);
      if (candidate != null && !candidate.contains("=") && candidate.length() <= 6) {
        delimiter = delimiter(candidate);
        at = bar + 1;
      }
    }
    Message message = Message.empty();
    message.put("DeviceVendor", head[1]);
    message.put("DeviceProduct", head[2]);
    message.put("DeviceVersion", head[3]);
    message.put("DeviceEvent", head[4]);
    for (String pair : body.substring(at).split(java.util.regex.Pattern.quote(delimiter))) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        message.put(pair.substring(0, eq).strip(), pair.substring(eq + 1));
      }
    }
    rename(message, "src", MessageFields.SRC_ADDR);
    rename(message, "srcPort", MessageFields.SRC_PORT);
    rename(message, "dst", MessageFields.DST_ADDR);
    rename(message, "dstPort", MessageFields.DST_PORT);
    rename(message, "proto", MessageFields.PROTOCOL);
    message.put(MessageFields.ORIGINAL_STRING, line);
    Object devTime = message.get("devTime");
    if (devTime != null) {
      Object format = message.get("devTimeFormat");
      Long millis = null;
      if (format != null) {
        try {
          millis =
              new LegacyDateFormat(format.toString(), ZoneOffset.UTC).parse(devTime.toString());
        } catch (IllegalArgumentException e) {
          millis = null;
        }
      }
      message.put(
          MessageFields.TIMESTAMP,
          millis != null ? millis : CefTime.parse(devTime.toString(), clock));
    } else {
      message.put(MessageFields.TIMESTAMP, clock.millis());
    }
    return message;
  }

  private static String delimiter(String declared) {
    if (declared.isEmpty()) {
      return "\t";
    }
    String hex =
        declared.startsWith("0x") || declared.startsWith("0X")
            ? declared.substring(2)
            : declared.startsWith("x") || declared.startsWith("X") ? declared.substring(1) : null;
    if (hex != null && !hex.isEmpty()) {
      try {
        return String.valueOf((char) Integer.parseInt(hex, 16));
      } catch (NumberFormatException e) {
        return declared;
      }
    }
    return declared;
  }

  private static void rename(Message message, String from, String to) {
    Object value = message.remove(from);
    if (value != null) {
      message.put(to, value);
    }
  }
}
