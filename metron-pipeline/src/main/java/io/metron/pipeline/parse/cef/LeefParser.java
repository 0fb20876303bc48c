package io.metron.pipeline.parse.cef;

import io.metron.core.message.Message;
import io.metron.core.message.MessageFields;
import io.metron.pipeline.parse.BadInputException;
import io.metron.pipeline.parse.ParserType;
import io.metron.pipeline.parse.TextParser;
import io.metron.pipeline.parse.grok.LegacyDateFormat;
import io.metron.pipeline.parse.syslog.SyslogTime;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * Metron's {@code LEEFParser}: IBM QRadar's Log Event Extended Format, read as Metron read it. The
 * header gives {@code DeviceVendor}, {@code DeviceProduct}, {@code DeviceVersion} and {@code
 * DeviceEvent}; a further {@code |}-ended segment, when the line has one, is the delimiter (used by
 * LEEF 2.0 only: each of its characters separates attributes, tab when empty). LEEF 1.0 attributes
 * are tab-separated; a version other than 1.0 and 2.0 is read with CEF's extension rules. An
 * attribute's value runs to its next {@code =}. {@code src}/{@code srcPort}/{@code dst}/{@code
 * dstPort} become the 5-tuple (ports as numbers); {@code timestamp} comes from {@code devTime}
 * (with {@code devTimeFormat}), else the syslog time, else the clock; {@code host} as for CEF.
 */
public final class LeefParser implements TextParser {
  public static final ParserType TYPE =
      new ParserType(
          "leef",
          List.of("org.apache.metron.parsers.leef.LEEFParser"),
          "IBM LEEF 1.0 and 2.0 events.",
          List.of(),
          Map.of(),
          "LEEF:2.0|Acme|Sensor|1.2|4001|^|cat=Malware^src=10.1.1.1^dst=10.2.2.2^srcPort=40000"
              + "^dstPort=80^proto=TCP^devTime=1709287200000",
          settings -> TextParser.whole(settings.charset(), new LeefParser(settings.clock())));

  private final Clock clock;

  LeefParser(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Message parse(String line) throws BadInputException {
    int start = line.lastIndexOf("LEEF:");
    if (start < 0) {
      throw new BadInputException("not LEEF: no 'LEEF:' header");
    }
    String body = line.substring(start + 5);
    List<String> head = new ArrayList<>();
    int at = 0;
    for (int i = 0; i < 5; i++) {
      int bar = body.indexOf('|', at);
      if (bar < 0) {
        throw new BadInputException("LEEF header has fewer than 5 '|'-separated fields");
      }
      head.add(body.substring(at, bar));
      at = bar + 1;
    }
    String version = head.getFirst();
    if (!version.isEmpty()
        && !version.equals("1.0")
        && !version.equals("2.0")
        && !version.equals("0")) {
      throw new BadInputException("LEEF version '" + version + "' is not 1.0, 2.0 or 0");
    }
    String delimiter = null;
    int bar = body.indexOf('|', at);
    if (bar >= 0) {
      delimiter = body.substring(at, bar);
      at = bar + 1;
    }
    String ext = body.substring(at);
    if (ext.startsWith(" ")) {
      ext = ext.substring(1);
    }
    Message message = Message.empty();
    message.put("DeviceVendor", head.get(1));
    message.put("DeviceProduct", head.get(2));
    message.put("DeviceVersion", head.get(3));
    message.put("DeviceEvent", head.get(4));
    if (version.equals("2.0")) {
      attributes(ext, delimiter == null || delimiter.isEmpty() ? "\t" : delimiter, message);
    } else if (version.equals("1.0") || version.isEmpty()) {
      attributes(ext, "\t", message);
    } else {
      CefParser.extensions(ext).forEach(message::put);
    }
    CefParser.rename(message, "dst", MessageFields.DST_ADDR);
    CefParser.rename(message, "dstPort", MessageFields.DST_PORT);
    CefParser.toNumber(message, MessageFields.DST_PORT);
    CefParser.rename(message, "src", MessageFields.SRC_ADDR);
    CefParser.rename(message, "srcPort", MessageFields.SRC_PORT);
    CefParser.toNumber(message, MessageFields.SRC_PORT);
    message.put(MessageFields.ORIGINAL_STRING, line);
    Matcher m = CefParser.SYSLOG_PREFIX.matcher(line).region(0, start);
    m.lookingAt();
    if (m.group("host") != null) {
      message.put("host", m.group("host"));
    }
    message.put(MessageFields.TIMESTAMP, timestamp(message, m.group("time")));
    return message;
  }

  /**
   * Splits on any one of the delimiter's characters not preceded by a backslash (Metron made a
   * character class of it); each attribute's value is the text between its first and second {@code
   * =}.
   */
  private static void attributes(String ext, String delimiter, Message message)
      throws BadInputException {
    int from = 0;
    for (int i = 0; i <= ext.length(); i++) {
      boolean end = i == ext.length();
      if (end || (delimiter.indexOf(ext.charAt(i)) >= 0 && (i == 0 || ext.charAt(i - 1) != '\\'))) {
        String kv = ext.substring(from, i);
        from = i + 1;
        if (end && kv.isEmpty()) {
          break;
        }
        String[] parts = kv.split("=");
        if (parts.length < 2) {
          throw new BadInputException("LEEF attribute '" + kv + "' has no value");
        }
        message.put(parts[0], parts[1]);
      }
    }
  }

  private long timestamp(Message message, String syslogTime) throws BadInputException {
    Object devTime = message.get("devTime");
    try {
      if (devTime != null) {
        Object format = message.get("devTimeFormat");
        if (format != null) {
          Long millis;
          try {
            millis =
                new LegacyDateFormat(format.toString(), ZoneOffset.UTC).parse(devTime.toString());
          } catch (IllegalArgumentException e) {
            millis = null;
          }
          if (millis == null) {
            throw new BadInputException(
                "devTime '" + devTime + "' does not fit devTimeFormat '" + format + "'");
          }
          return millis;
        }
        return CefTime.parse(devTime.toString(), clock);
      }
      if (syslogTime != null) {
        return SyslogTime.parse(syslogTime, clock, ZoneOffset.UTC);
      }
      return clock.millis();
    } catch (DateTimeException e) {
      throw new BadInputException("LEEF time is not a valid date: " + e.getMessage());
    }
  }
}
