package io.metron.pipeline.parse.syslog;

import io.metron.core.message.Message;
import io.metron.core.message.MessageFields;
import io.metron.pipeline.parse.BadInputException;
import io.metron.pipeline.parse.LineParser;
import io.metron.pipeline.parse.ParserConfigException;
import io.metron.pipeline.parse.ParserOption;
import io.metron.pipeline.parse.ParserSettings;
import io.metron.pipeline.parse.ParserType;
import io.metron.pipeline.parse.TextParser;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Metron's {@code Syslog5424Parser}: RFC 5424 syslog, one message per line, into {@code
 * syslog.header.*}, {@code syslog.structuredData.<id>.<param>} and {@code syslog.message}. {@code
 * nilPolicy} says what a {@code -} (nil) header value becomes: OMIT (left out), DASH (kept as
 * {@code -}) or NULL (left out, as JSON has no place for it in a flat message). As in Metron, the
 * {@code <PRI>} and the version may be missing, and a nil ({@code -}) time gives the time of
 * parsing in epoch seconds.
 */
public final class Syslog5424Parser implements TextParser {
  enum NilPolicy {
    OMIT,
    DASH,
    NULL
  }

  public static final ParserType TYPE =
      new ParserType(
          "syslog5424",
          List.of("org.apache.metron.parsers.syslog.Syslog5424Parser"),
          "RFC 5424 syslog lines, structured data included.",
          List.of(
              ParserOption.optional(
                  "nilPolicy",
                  "string",
                  "OMIT",
                  "What '-' header values become: OMIT, DASH or NULL"),
              ParserOption.optional(
                  "deviceTimeZone", "string", "UTC", "Time zone for times without an offset")),
          Map.of("nilPolicy", "DASH"),
          "<165>1 2024-03-01T10:00:00.000Z host9 app7 1234 ID47 [origin@99 ip=\"10.1.1.1\"]"
              + " started",
          settings ->
              new LineParser(settings.charset(), create(settings), "no syslog line in the input"));

  private final NilPolicy nilPolicy;
  private final Clock clock;
  private final ZoneId zone;

  private Syslog5424Parser(NilPolicy nilPolicy, Clock clock, ZoneId zone) {
    this.nilPolicy = nilPolicy;
    this.clock = clock;
    this.zone = zone;
  }

  static Syslog5424Parser create(ParserSettings settings) throws ParserConfigException {
    return new Syslog5424Parser(
        settings.choice("nilPolicy", NilPolicy.class, NilPolicy.OMIT),
        settings.clock(),
        settings.zone("deviceTimeZone", ZoneOffset.UTC));
  }

  /** A cursor over one line, reading space-separated header fields. */
  private static final class Cursor {
    final String s;
    int i;

    Cursor(String s) {
      this.s = s;
    }

    String token(String what) throws BadInputException {
      int start = i;
      while (i < s.length() && s.charAt(i) != ' ') {
        i++;
      }
      if (i == start) {
        throw new BadInputException(
            "RFC 5424 header: missing " + what + " at column " + (start + 1));
      }
      String token = s.substring(start, i);
      if (i < s.length()) {
        i++;
      }
      return token;
    }
  }

  /** One line: {@code <PRI>VERSION TIMESTAMP HOSTNAME APP-NAME PROCID MSGID SD [MSG]}. */
  @Override
  public Message parse(String line) throws BadInputException {
    Message message = Message.empty();
    Cursor c = new Cursor(line);
    // Metron allowed the priority and the version to be missing (simple-syslog's deviations).
    if (line.startsWith("<")) {
      int close = line.indexOf('>');
      if (close < 2 || close > 4) {
        throw new BadInputException("not RFC 5424 syslog: malformed '<PRI>' at column 1");
      }
      String priText = line.substring(1, close);
      if (!priText.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
        throw new BadInputException("syslog priority '" + priText + "' is not a number");
      }
      SyslogFields.priority(message, Integer.parseInt(priText));
      c.i = close + 1;
    }
    if (c.i < line.length() && line.charAt(c.i) >= '0' && line.charAt(c.i) <= '9') {
      int end = line.indexOf(' ', c.i);
      String first = end < 0 ? line.substring(c.i) : line.substring(c.i, end);
      if (first.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
        message.put(SyslogFields.VERSION, c.token("VERSION"));
      }
    }
    String time = c.token("TIMESTAMP");
    header(message, SyslogFields.TIMESTAMP, time);
    header(message, SyslogFields.HOST, c.token("HOSTNAME"));
    header(message, SyslogFields.APP, c.token("APP-NAME"));
    header(message, SyslogFields.PROC, c.token("PROCID"));
    header(message, SyslogFields.MSG_ID, c.token("MSGID"));
    structuredData(c, message);
    if (c.i < line.length()) {
      String text = line.substring(c.i);
      if (text.startsWith("\uFEFF")) {
        text = text.substring(1);
      }
      message.put(SyslogFields.MESSAGE, text);
    }
    message.put(MessageFields.ORIGINAL_STRING, line);
    if (time.equals("-")) {
      // Metron wrote the time of parsing in epoch SECONDS here (not milliseconds); so do we.
      message.put(MessageFields.TIMESTAMP, clock.millis() / 1000);
    } else {
      try {
        message.put(MessageFields.TIMESTAMP, SyslogTime.parse(time, clock, zone));
      } catch (DateTimeException e) {
        throw new BadInputException("syslog time '" + time + "' is not an RFC 3339 time");
      }
    }
    return message;
  }

  private void header(Message message, String field, String value) {
    if (!value.equals("-")) {
      message.put(field, value);
    } else if (nilPolicy == NilPolicy.DASH) {
      message.put(field, value);
    }
  }

  private static void structuredData(Cursor c, Message message) throws BadInputException {
    String s = c.s;
    if (c.i >= s.length()) {
      return;
    }
    if (s.charAt(c.i) == '-') {
      c.i = Math.min(s.length(), c.i + 2);
      return;
    }
    if (s.charAt(c.i) != '[') {
      throw new BadInputException(
          "RFC 5424: expected structured data ('-' or '[') at column " + (c.i + 1));
    }
    while (c.i < s.length() && s.charAt(c.i) == '[') {
      c.i++;
      int idEnd = c.i;
      while (idEnd < s.length() && s.charAt(idEnd) != ' ' && s.charAt(idEnd) != ']') {
        idEnd++;
      }
      String id = s.substring(c.i, idEnd);
      c.i = idEnd;
      while (c.i < s.length() && s.charAt(c.i) == ' ') {
        c.i++;
        int eq = s.indexOf('=', c.i);
        if (eq < 0 || eq + 1 >= s.length() || s.charAt(eq + 1) != '"') {
          throw new BadInputException(
              "RFC 5424: structured data element '"
                  + id
                  + "' has a malformed parameter at column "
                  + (c.i + 1));
        }
        String name = s.substring(c.i, eq);
        StringBuilder value = new StringBuilder();
        int j = eq + 2;
        for (; j < s.length(); j++) {
          char ch = s.charAt(j);
          if (ch == '\\' && j + 1 < s.length() && "\"\\]".indexOf(s.charAt(j + 1)) >= 0) {
            value.append(s.charAt(++j));
          } else if (ch == '"') {
            break;
          } else {
            value.append(ch);
          }
        }
        if (j >= s.length()) {
          throw new BadInputException(
              "RFC 5424: parameter '" + name + "' of '" + id + "' is never closed by '\"'");
        }
        message.put(SyslogFields.STRUCTURED + id + "." + name, value.toString());
        c.i = j + 1;
      }
      if (c.i >= s.length() || s.charAt(c.i) != ']') {
        throw new BadInputException(
            "RFC 5424: structured data element '" + id + "' is not closed by ']'");
      }
      c.i++;
      while (c.i < s.length()
          && s.charAt(c.i) == ' '
          && c.i + 1 < s.length()
          && s.charAt(c.i + 1) == '[') {
        c.i++;
      }
    }
    if (c.i < s.length() && s.charAt(c.i) == ' ') {
      c.i++;
    }
  }
}
