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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Metron's {@code Syslog3164Parser}: BSD syslog ({@code <PRI>Mmm dd hh:mm:ss host text}), one
 * message per line, into Metron's {@code syslog.header.*} and {@code syslog.message} fields. The
 * header time has no year or zone: the device clock ({@code deviceTimeZone}) supplies them. As in
 * Metron, the {@code <PRI>} may be missing; the message then has no priority fields.
 */
public final class Syslog3164Parser implements TextParser {
  private static final Pattern LINE =
      Pattern.compile(
          "^(?:<(\\d{1,3})>)?(?:(\\w{3} [ \\d]\\d(?: \\d{4})? \\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?)"
              + "|(\\d{4}-\\d\\d-\\d\\dT\\S+)) (?:(\\S+) )?(.*)$",
          Pattern.DOTALL);
  private static final Pattern TAG =
      Pattern.compile("^([A-Za-z0-9_./-]{1,48})(?:\\[(\\d+)\\])?: (.*)$", Pattern.DOTALL);

  public static final ParserType TYPE =
      new ParserType(
          "syslog3164",
          List.of("org.apache.metron.parsers.syslog.Syslog3164Parser"),
          "RFC 3164 (BSD) syslog lines into syslog.header.* and syslog.message fields.",
          List.of(
              ParserOption.optional(
                  "deviceTimeZone", "string", "UTC", "Time zone of the devices' clocks")),
          Map.of(),
          "<34>Mar  1 10:00:00 host9 sshd[42]: Accepted publickey for alice",
          settings ->
              new LineParser(settings.charset(), create(settings), "no syslog line in the input"));

  private final Clock clock;
  private final ZoneId zone;

  private Syslog3164Parser(Clock clock, ZoneId zone) {
    this.clock = clock;
    this.zone = zone;
  }

  static Syslog3164Parser create(ParserSettings settings) throws ParserConfigException {
    return new Syslog3164Parser(settings.clock(), settings.zone("deviceTimeZone", ZoneOffset.UTC));
  }

  /** One line: {@code <PRI>}, time, optional host, optional {@code tag[pid]:}, text. */
  @Override
  public Message parse(String line) throws BadInputException {
    Matcher m = LINE.matcher(line);
    if (!m.matches()) {
      throw new BadInputException(
          "not RFC 3164 syslog: expected '<PRI>Mmm dd hh:mm:ss host message'");
    }
    String time = m.group(2) != null ? m.group(2) : m.group(3);
    Message message = Message.empty();
    if (m.group(1) != null) {
      // Metron allowed the priority to be missing (simple-syslog's PRIORITY deviation).
      SyslogFields.priority(message, Integer.parseInt(m.group(1)));
    }
    message.put(SyslogFields.TIMESTAMP, time);
    message.put(SyslogFields.HOST, m.group(4));
    String text = m.group(5);
    Matcher tag = TAG.matcher(text);
    if (tag.matches()) {
      message.put(SyslogFields.APP, tag.group(1));
      message.put(SyslogFields.PROC, tag.group(2));
      text = tag.group(3);
    }
    message.put(SyslogFields.MESSAGE, text);
    message.put(MessageFields.ORIGINAL_STRING, line);
    try {
      message.put(MessageFields.TIMESTAMP, SyslogTime.parse(time, clock, zone));
    } catch (DateTimeException e) {
      throw new BadInputException("syslog time '" + time + "' is not a valid date");
    }
    return message;
  }
}
