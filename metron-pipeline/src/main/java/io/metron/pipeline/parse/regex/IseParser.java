package io.metron.pipeline.parse.regex;

import io.metron.core.message.Message;
import io.metron.core.message.MessageFields;
import io.metron.pipeline.parse.BadInputException;
import io.metron.pipeline.parse.ParserType;
import io.metron.pipeline.parse.TextParser;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Metron's {@code BasicIseParser}: Cisco ISE syslog, whose body is a list of {@code key=value}
 * attributes separated by {@code ", "} (a {@code \,} inside a value is a comma). Each attribute
 * becomes a field; {@code timestamp} is the event time in the ISE header ({@code yyyy-MM-dd
 * HH:mm:ss.SSS +hh:mm}) when present, else the clock.
 */
public final class IseParser implements TextParser {
  private static final Pattern HEADER_TIME =
      Pattern.compile("(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}) ([+-]\\d\\d:\\d\\d)");
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS XXX");
  private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_.\\-]*");

  public static final ParserType TYPE =
      new ParserType(
          "ise",
          List.of("org.apache.metron.parsers.ise.BasicIseParser"),
          "Cisco ISE syslog with key=value attributes.",
          List.of(),
          Map.of(),
          "Mar  1 10:00:00 10.9.9.9 Mar  1 10:00:00 ise-01 CISE_Passed_Authentications 0000000001"
              + " 1 0 2024-03-01 10:00:00.123 +00:00 0000000002 5200 NOTICE Passed-Authentication:"
              + " Authentication succeeded, ConfigVersionId=7, Device IP Address=10.8.8.8,"
              + " UserName=alice, NetworkDeviceName=switch-1",
          settings -> TextParser.whole(settings.charset(), new IseParser(settings.clock())));

  private final Clock clock;

  IseParser(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Message parse(String text) throws BadInputException {
    String line = text.strip();
    Message message = Message.empty();
    int fields = 0;
    for (String part : split(line)) {
      int eq = part.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String key = part.substring(0, eq).strip();
      if (!KEY.matcher(key.replace(' ', '_')).matches()) {
        continue;
      }
      message.put(key, part.substring(eq + 1).strip().replace("\\,", ","));
      fields++;
    }
    if (fields == 0) {
      throw new BadInputException("not Cisco ISE syslog: no 'key=value' attributes");
    }
    message.put(MessageFields.ORIGINAL_STRING, line);
    Matcher time = HEADER_TIME.matcher(line);
    long millis = clock.millis();
    if (time.find()) {
      try {
        millis =
            OffsetDateTime.parse(time.group(1) + " " + time.group(2), TIME)
                .toInstant()
                .toEpochMilli();
      } catch (DateTimeParseException e) {
        // a header time that is no date leaves the clock's time
      }
    }
    message.put(MessageFields.TIMESTAMP, millis);
    return message;
  }

  /** Splits on ", " except where the comma is escaped. */
  private static List<String> split(String line) {
    java.util.ArrayList<String> parts = new java.util.ArrayList<>();
    int start = 0;
    for (int i = 0; i < line.length() - 1; i++) {
      if (line.charAt(i) == ','
          && line.charAt(i + 1) == ' '
          && (i == 0 || line.charAt(i - 1) != '\\')) {
        parts.add(line.substring(start, i));
        start = i + 2;
      }
    }
    parts.add(line.substring(start));
    return parts;
  }
}
