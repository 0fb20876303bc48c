package io.metron.pipeline.parse.syslog;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * Syslog header times: RFC 3164's {@code Mmm dd hh:mm:ss} (no year, no zone), the same with a year
 * (Cisco), and ISO 8601. A year-less time takes the device clock's current year, or the year before
 * when that would put it more than a day in the future (a December line read in January).
 * Thread-safe.
 */
public final class SyslogTime {
  private static final DateTimeFormatter NO_YEAR =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .appendPattern("MMM")
          .appendLiteral(' ')
          .optionalStart()
          .appendLiteral(' ')
          .optionalEnd()
          .appendValue(ChronoField.DAY_OF_MONTH, 1, 2, java.time.format.SignStyle.NOT_NEGATIVE)
          .appendLiteral(' ')
          .optionalStart()
          .appendValue(ChronoField.YEAR, 4)
          .appendLiteral(' ')
          .optionalEnd()
          .appendPattern("HH:mm:ss")
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
          .optionalEnd()
          .toFormatter(Locale.ENGLISH)
          .withResolverStyle(ResolverStyle.SMART);

  private SyslogTime() {}

  /**
   * Epoch milliseconds of a syslog time read in {@code zone}, with {@code clock} supplying a
   * missing year.
   *
   * @throws DateTimeParseException when the text is no syslog time
   */
  public static long parse(String text, Clock clock, ZoneId zone) {
    String t = text.strip();
    long fast = rfc3164(t, clock, zone);
    if (fast != Long.MIN_VALUE) {
      return fast;
    }
    if (!t.isEmpty() && Character.isDigit(t.charAt(0))) {
      try {
        return OffsetDateTime.parse(t).toInstant().toEpochMilli();
      } catch (DateTimeParseException e) {
        return LocalDateTime.parse(t).atZone(zone).toInstant().toEpochMilli();
      }
    }
    var parsed = NO_YEAR.parse(t);
    ZonedDateTime now = ZonedDateTime.now(clock.withZone(zone));
    int year = parsed.isSupported(ChronoField.YEAR) ? parsed.get(ChronoField.YEAR) : now.getYear();
    ZonedDateTime time =
        ZonedDateTime.of(
            year,
            parsed.get(ChronoField.MONTH_OF_YEAR),
            parsed.get(ChronoField.DAY_OF_MONTH),
            parsed.get(ChronoField.HOUR_OF_DAY),
            parsed.get(ChronoField.MINUTE_OF_HOUR),
            parsed.get(ChronoField.SECOND_OF_MINUTE),
            parsed.isSupported(ChronoField.NANO_OF_SECOND)
                ? parsed.get(ChronoField.NANO_OF_SECOND)
                : 0,
            zone);
    if (!parsed.isSupported(ChronoField.YEAR) && time.isAfter(now.plusDays(1))) {
      time = time.minusYears(1);
    }
    return time.toInstant().toEpochMilli();
  }

  private static final String MONTHS = "janfebmaraprmayjunjulaugsepoctnovdec";

  /**
   * The common {@code Mmm dd hh:mm:ss} form read without a formatter (it is on every syslog line),
   * or {@code Long.MIN_VALUE} for anything else, which the general path then reads.
   */
  private static long rfc3164(String t, Clock clock, ZoneId zone) {
    int n = t.length();
    if (n < 14 || n > 16 || t.charAt(3) != ' ') {
      return Long.MIN_VALUE;
    }
    int month = MONTHS.indexOf(t.substring(0, 3).toLowerCase(java.util.Locale.ROOT));
    if (month < 0 || month % 3 != 0) {
      return Long.MIN_VALUE;
    }
    int at = 4;
    if (t.charAt(at) == ' ') {
      at++;
    }
    int day = 0;
    int digits = 0;
    while (at < n && Character.isDigit(t.charAt(at)) && digits < 2) {
      day = day * 10 + (t.charAt(at++) - '0');
      digits++;
    }
    if (digits == 0
        || at + 9 != n
        || t.charAt(at) != ' '
        || t.charAt(at + 3) != ':'
        || t.charAt(at + 6) != ':') {
      return Long.MIN_VALUE;
    }
    int hour = twoDigits(t, at + 1);
    int minute = twoDigits(t, at + 4);
    int second = twoDigits(t, at + 7);
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
      return Long.MIN_VALUE;
    }
    ZonedDateTime now = ZonedDateTime.now(clock.withZone(zone));
    int m = month / 3 + 1;
    if (day < 1 || day > java.time.YearMonth.of(now.getYear(), m).lengthOfMonth()) {
      return Long.MIN_VALUE;
    }
    ZonedDateTime time = ZonedDateTime.of(now.getYear(), m, day, hour, minute, second, 0, zone);
    if (time.isAfter(now.plusDays(1))) {
      time = time.minusYears(1);
    }
    return time.toInstant().toEpochMilli();
  }

  private static int twoDigits(String t, int at) {
    char a = t.charAt(at);
    char b = t.charAt(at + 1);
    if (a < '0' || a > '9' || b < '0' || b > '9') {
      return -1;
    }
    return (a - '0') * 10 + (b - '0');
  }
}
