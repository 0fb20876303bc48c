package io.metron.pipeline.parse.cef;

import io.metron.core.message.Message;
import io.metron.core.message.MessageFields;
import io.metron.pipeline.parse.BadInputException;
import io.metron.pipeline.parse.ParserType;
import io.metron.pipeline.parse.TextParser;
import io.metron.pipeline.parse.syslog.SyslogTime;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Metron's {@code CEFParser}: ArcSight Common Event Format, optionally behind a syslog header. The
 * header gives {@code DeviceVendor}, {@code DeviceProduct}, {@code DeviceVersion}, {@code
 * DeviceEvent}, {@code Name} and {@code Severity} (0-10; Low/Medium/High/Very-High become 2, 5, 8,
 * 10); extensions become fields, {@code csNLabel} names renaming their {@code csN}. {@code
 * src}/{@code spt}/{@code dst}/{@code dpt} become the 5-tuple, {@code app} becomes {@code
 * protocol}, {@code act} becomes {@code deviceAction}; {@code timestamp} comes from {@code rt},
 * else the syslog time, else the clock. Values keep their CEF escapes, as in Metron.
 */
public final class CefParser implements TextParser {
  /**
   * The optional syslog header before {@code CEF:}, matched only against the text before it: a
   * single pattern spanning both backtracks without bound on long lines without a CEF header.
   */
  static final Pattern SYSLOG_PREFIX =
      Pattern.compile(
          "(?:<\\d{1,3}>)?(?:\\d\\s)?(?<time>(?:[A-Z][a-z]{2} +\\d{1,2}(?: \\d{4})?"
              + " \\d\\d:\\d\\d:\\d\\d)"
              + "|(?:\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?(?:Z|[+-]\\d\\d:\\d\\d)))?"
              + "(?<host>[a-z0-9.\\\\_-]+)?");

  private static final String[] HEADER_FIELDS = {
    "DeviceVendor", "DeviceProduct", "DeviceVersion", "DeviceEvent", "Name", "Severity"
  };

  public static final ParserType TYPE =
      new ParserType(
          "cef",
          List.of("org.apache.metron.parsers.cef.CEFParser"),
          "ArcSight Common Event Format (CEF), with or without a syslog header.",
          List.of(),
          Map.of(),
          "<134>Mar  1 10:00:00 fw9 CEF:0|Acme|Gateway|2.1|100|Connection blocked|7|src=10.1.1.1"
              + " spt=40000 dst=10.2.2.2 dpt=443 proto=TCP act=blocked cs1Label=policy cs1=strict"
              + " rt=1709287200000",
          settings -> TextParser.whole(settings.charset(), new CefParser(settings.clock())));

  private final Clock clock;

  CefParser(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Message parse(String line) throws BadInputException {
    try {
      int cef = -1;
      int at = -1;
      while (at < 0) {
        cef = line.indexOf("CEF:", cef + 1);
        if (cef < 0) {
          throw new BadInputException("not CEF: no 'CEF:0|' header");
        }
        at = afterVersion(line, cef + 4);
      }
      Matcher m = SYSLOG_PREFIX.matcher(line).region(0, cef);
      m.lookingAt();
      Message message = Message.empty();
      for (String field : HEADER_FIELDS) {
        int bar = headerEnd(line, at);
        if (bar < 0) {
          throw new BadInputException(
              "CEF header ends before its " + field + " field (expected 7 '|'-separated fields)");
        }
        message.put(field, line.substring(at, bar));
        at = bar + 1;
      }
      message.put("Severity", severity(message.get("Severity").toString()));
      Map<String, String> extensions = extensions(line.substring(at));
      extensions.forEach(message::put);
      rename(message, "dst", MessageFields.DST_ADDR);
      rename(message, "dpt", MessageFields.DST_PORT);
      rename(message, "src", MessageFields.SRC_ADDR);
      rename(message, "spt", MessageFields.SRC_PORT);
      rename(message, "act", "deviceAction");
      rename(message, "app", MessageFields.PROTOCOL);
      toNumber(message, MessageFields.DST_PORT);
      toNumber(message, MessageFields.SRC_PORT);
      message.put(MessageFields.ORIGINAL_STRING, line);
      Object rt = message.get("rt");
      if (rt != null) {
        message.put(MessageFields.TIMESTAMP, CefTime.parse(rt.toString(), clock));
      } else if (m.group("time") != null) {
        message.put(
            MessageFields.TIMESTAMP, SyslogTime.parse(m.group("time"), clock, ZoneOffset.UTC));
      } else {
        message.put(MessageFields.TIMESTAMP, clock.millis());
      }
      // As in Metron, a host counts only right after the priority or time, with no space between
      // (so a usual "<PRI>time host CEF:" header gives none), and only in lower case.
      if (m.group("host") != null) {
        message.put("host", m.group("host"));
      }
      return message;
    } catch (DateTimeException e) {
      throw new BadInputException("CEF time is not a valid date: " + e.getMessage());
    }
  }

  /** The index after the version ({@code 0|}, or {@code 1|}) at {@code from}, or -1. */
  private static int afterVersion(String line, int from) {
    int i = from < line.length() && line.charAt(from) == ' ' ? from + 1 : from;
    int digits = i;
    while (i < line.length() && line.charAt(i) >= '0' && line.charAt(i) <= '9') {
      i++;
    }
    return i > digits && i < line.length() && line.charAt(i) == '|' ? i + 1 : -1;
  }

  private static int headerEnd(String line, int from) {
    for (int i = from; i < line.length(); i++) {
      char c = line.charAt(i);
      // Metron's header fields ran to the next '|', escaped or not.
      if (c == '|') {
        return i;
      }
    }
    return -1;
  }

  /**
   * Metron's reading of the header severity: one or two characters are a number; longer texts are
   * Low, Medium, High, Very-High (2, 5, 8, 10), anything else 0.
   */
  static Object severity(String text) throws BadInputException {
    if (text.length() < 3) {
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException e) {
        throw new BadInputException("CEF severity '" + text + "' is not a number");
      }
    }
    return switch (text) {
      case "Low" -> 2L;
      case "Medium" -> 5L;
      case "High" -> 8L;
      case "Very-High" -> 10L;
      default -> 0L;
    };
  }

  /**
   * Splits {@code key=value key2=value two} on unescaped '=' signs as Metron did: a value runs to
   * the last space before the next '=' (trimmed; the last value is kept as it is), escapes are left
   * in place, and a value with no space before the next '=' is dropped, its key then taking the
   * next value. {@code csNLabel=name} renames {@code csN} to {@code name}.
   */
  static Map<String, String> extensions(String text) throws BadInputException {
    List<Integer> equals = new ArrayList<>();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '=' && (i == 0 || text.charAt(i - 1) != '\\')) {
        equals.add(i);
      }
    }
    if (equals.isEmpty()) {
      throw new BadInputException("CEF has no extensions (no key=value after the header)");
    }
    Map<String, String> out = new LinkedHashMap<>();
    Map<String, String> labels = new LinkedHashMap<>();
    String key = text.substring(0, equals.getFirst());
    int index = equals.getFirst() + 1;
    for (int k = 1; k < equals.size(); k++) {
      String value = text.substring(index, equals.get(k));
      index = equals.get(k) + 1;
      int space = value.lastIndexOf(' ');
      if (space > 0) {
        put(key, value.substring(0, space).trim(), out, labels);
        key = value.substring(space).trim();
      }
    }
    put(key, text.substring(index), out, labels);
    labels.forEach(
        (field, label) -> {
          String value = out.remove(field);
          if (value != null) {
            out.put(label, value);
          }
        });
    return out;
  }

  private static void put(
      String key, String value, Map<String, String> out, Map<String, String> labels) {
    if (key.endsWith("Label")) {
      labels.put(key.substring(0, key.length() - 5), value);
    } else {
      out.put(key, value);
    }
  }

  static void rename(Message message, String from, String to) {
    Object value = message.remove(from);
    if (value != null) {
      message.put(to, value);
    }
  }

  static void toNumber(Message message, String field) throws BadInputException {
    Object value = message.get(field);
    if (value instanceof String s) {
      try {
        message.put(field, Long.parseLong(s.strip()));
      } catch (NumberFormatException e) {
        throw new BadInputException("CEF field " + field + " '" + s + "' is not a port number");
      }
    }
  }
}
