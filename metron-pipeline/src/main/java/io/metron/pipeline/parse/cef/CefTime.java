package io.metron.pipeline.parse.cef;

import io.metron.pipeline.parse.BadInputException;
import io.metron.pipeline.parse.syslog.SyslogTime;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * The time formats CEF and LEEF devices write in {@code rt} and {@code devTime}: epoch
 * milliseconds, {@code MMM dd yyyy HH:mm:ss[.SSS][ zone]}, syslog-style times and ISO 8601.
 */
final class CefTime {
  private static final List<DateTimeFormatter> ZONED =
      List.of(
          DateTimeFormatter.ofPattern("MMM dd yyyy HH:mm:ss.SSS zzz", Locale.ENGLISH),
          DateTimeFormatter.ofPattern("MMM dd yyyy HH:mm:ss zzz", Locale.ENGLISH));

  private CefTime() {}

  static long parse(String text, Clock clock) throws BadInputException {
    String t = text.strip();
    if (!t.isEmpty() && t.chars().allMatch(c -> c >= '0' && c <= '9')) {
      // 18 digits reach the year 33 million: longer is no time, and would overflow a long.
      if (t.length() > 18) {
        throw new BadInputException("time '" + text + "' is too large for epoch milliseconds");
      }
      return Long.parseLong(t);
    }
    for (DateTimeFormatter format : ZONED) {
      try {
        return ZonedDateTime.parse(t, format).toInstant().toEpochMilli();
      } catch (DateTimeParseException e) {
        // try the next format
      }
    }
    try {
      return SyslogTime.parse(t, clock, ZoneOffset.UTC);
    } catch (DateTimeException e) {
      throw new BadInputException("time '" + text + "' is in no known CEF time format");
    }
  }
}
