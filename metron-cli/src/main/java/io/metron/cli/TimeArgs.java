package io.metron.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the times users type: an age (15m, 2h, 7d), an ISO instant, or a UTC date or time. */
final class TimeArgs {
  private static final Pattern AGE = Pattern.compile("(\\d+)([smhd])");

  private TimeArgs() {}

  /** An age such as 30s, 15m, 2h or 7d. */
  static Duration age(String option, String text) throws UserException {
    Matcher m = AGE.matcher(text.trim());
    if (!m.matches()) {
      throw new UserException(
          option + " expects a number and a unit (s, m, h, d), e.g. 15m; got '" + text + "'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }

  /**
   * A point in time: {@code 2h} (that long ago), {@code 2025-11-28T10:00:00Z}, {@code
   * 2025-11-28T10:00} (UTC) or {@code 2025-11-28} (its start, UTC).
   */
  static Instant instant(String option, String text, Instant now) throws UserException {
    String t = text.trim();
    if (AGE.matcher(t).matches()) {
      return now.minus(age(option, t));
    }
    try {
      return Instant.parse(t);
    } catch (DateTimeParseException e) {
      // Not an instant; try a local date-time and a date below.
    }
    try {
      return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      // Not a date-time either.
    }
    try {
      return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      throw new UserException(
          option
              + " expects an age (2h), an ISO time (2025-11-28T10:00:00Z) or a date (2025-11-28);"
              + " got '"
              + text
              + "'");
    }
  }
}
