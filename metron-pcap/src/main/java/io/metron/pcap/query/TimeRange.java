package io.metron.pcap.query;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * A half-open interval {@code [startNanos, endNanos)} of packet timestamps.
 *
 * @param startNanos first included timestamp, nanoseconds since the epoch
 * @param endNanos first excluded timestamp
 */
public record TimeRange(long startNanos, long endNanos) {
  /** Every timestamp. */
  public static final TimeRange ALL = new TimeRange(Long.MIN_VALUE, Long.MAX_VALUE);

  public TimeRange {
    if (endNanos < startNanos) {
      throw new IllegalArgumentException(
          "end time "
              + Instant.ofEpochSecond(0, endNanos)
              + " is before start time "
              + Instant.ofEpochSecond(0, startNanos));
    }
  }

  public boolean contains(long ts) {
    return ts >= startNanos && ts < endNanos;
  }

  /**
   * Parses user input; either side may be null or blank for "unbounded".
   *
   * @param start epoch milliseconds (Metron's unit) or ISO-8601
   * @param end epoch milliseconds or ISO-8601; exclusive
   */
  public static TimeRange parse(String start, String end) {
    long s = start == null || start.isBlank() ? Long.MIN_VALUE : parseInstant("start time", start);
    long e = end == null || end.isBlank() ? Long.MAX_VALUE : parseInstant("end time", end);
    return new TimeRange(s, e);
  }

  /**
   * Parses epoch milliseconds ({@code 1430431896000}) or ISO-8601 ({@code 2015-05-01T22:11:36Z},
   * {@code 2015-05-01T22:11:36.5+02:00}, {@code 2015-05-01T22:11:36} as UTC, or {@code 2015-05-01}
   * for midnight UTC) into nanoseconds.
   *
   * @throws IllegalArgumentException naming {@code what} and the accepted forms
   */
  public static long parseInstant(String what, String text) {
    String t = text.trim();
    try {
      if (t.matches("-?\\d+")) {
        return Math.multiplyExact(Long.parseLong(t), 1_000_000L);
      }
      Instant i;
      try {
        i = OffsetDateTime.parse(t).toInstant();
      } catch (DateTimeParseException e) {
        try {
          i = LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e2) {
          i = LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
        }
      }
      return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000_000L), i.getNano());
    } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException(
          what
              + ": '"
              + text
              + "' is neither epoch milliseconds nor ISO-8601 (e.g. 2015-05-07T20:51:36Z)");
    }
  }
}
