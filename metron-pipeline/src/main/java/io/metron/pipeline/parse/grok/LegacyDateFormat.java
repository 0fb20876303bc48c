package io.metron.pipeline.parse.grok;

import java.text.ParsePosition;
import java.text.SimpleDateFormat;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;

/**
 * A date pattern in {@link SimpleDateFormat} syntax, parsed exactly as Metron's grok parser parsed
 * it (its lenient rules included: {@code S} reads the whole number as milliseconds), since users'
 * {@code dateFormat} settings were written against that behaviour. Thread-safe.
 *
 * <p>Patterns made only of numeric fields ({@code yyyy MM dd HH mm ss S}) and literals take a fast
 * path for well-formed values, several times quicker than {@link SimpleDateFormat}; anything
 * unusual (an out-of-range field, a zone, text months) goes to {@link SimpleDateFormat} itself, so
 * the results are the same either way.
 */
public final class LegacyDateFormat {
  private record Token(char field, int width, String literal) {}

  private final String pattern;
  private final ThreadLocal<SimpleDateFormat> format;
  private final List<Token> tokens;
  private final ZoneOffset fixedOffset;
  private final ZoneRules rules;

  /**
   * @throws IllegalArgumentException when {@code pattern} is not a valid date pattern
   */
  public LegacyDateFormat(String pattern, ZoneId zone) {
    SimpleDateFormat prototype = new SimpleDateFormat(pattern, Locale.ENGLISH);
    prototype.setTimeZone(TimeZone.getTimeZone(zone));
    this.pattern = pattern;
    this.format = ThreadLocal.withInitial(() -> (SimpleDateFormat) prototype.clone());
    this.tokens = fastTokens(pattern);
    this.fixedOffset = zone instanceof ZoneOffset offset ? offset : null;
    this.rules = zone.getRules();
  }

  /** Epoch milliseconds of {@code text}, or {@code null} when it does not fit the pattern. */
  public Long parse(String text) {
    if (tokens != null) {
      long fast = fastParse(text);
      if (fast != Long.MIN_VALUE) {
        return fast;
      }
    }
    ParsePosition position = new ParsePosition(0);
    Date date = format.get().parse(text, position);
    return date == null ? null : date.getTime();
  }

  public String pattern() {
    return pattern;
  }

  /** The pattern as tokens when every field is one the fast path handles, else {@code null}. */
  private static List<Token> fastTokens(String pattern) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    while (i < pattern.length()) {
      char c = pattern.charAt(i);
      int j = i;
      while (j < pattern.length() && pattern.charAt(j) == c) {
        j++;
      }
      int count = j - i;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        boolean supported =
            switch (c) {
              case 'y' -> count == 4;
              case 'M', 'd', 'H', 'm', 's' -> count <= 2;
              case 'S' -> true;
              default -> false;
            };
        if (!supported) {
          return null;
        }
        out.add(new Token(c, count, null));
      } else if (c == '\'') {
        return null;
      } else {
        out.add(new Token('\0', 0, pattern.substring(i, j)));
      }
      i = j;
    }
    return List.copyOf(out);
  }

  /** The fast result, or {@code Long.MIN_VALUE} to hand the text to SimpleDateFormat. */
  private long fastParse(String text) {
    int year = 1970;
    int month = 1;
    int day = 1;
    int hour = 0;
    int minute = 0;
    int second = 0;
    int millis = 0;
    int at = 0;
    int n = text.length();
    for (int t = 0; t < tokens.size(); t++) {
      Token token = tokens.get(t);
      if (token.literal() != null) {
        if (!text.startsWith(token.literal(), at)) {
          return Long.MIN_VALUE;
        }
        at += token.literal().length();
        continue;
      }
      boolean abutting = t + 1 < tokens.size() && tokens.get(t + 1).literal() == null;
      int limit = abutting ? Math.min(n, at + token.width()) : Math.min(n, at + 9);
      int start = at;
      int value = 0;
      while (at < limit) {
        char c = text.charAt(at);
        if (c < '0' || c > '9') {
          break;
        }
        value = value * 10 + (c - '0');
        at++;
      }
      if (at == start) {
        return Long.MIN_VALUE;
      }
      switch (token.field()) {
        case 'y' -> year = value;
        case 'M' -> month = value;
        case 'd' -> day = value;
        case 'H' -> hour = value;
        case 'm' -> minute = value;
        case 's' -> second = value;
        default -> millis = value;
      }
    }
    if (month < 1
        || month > 12
        || day < 1
        || day > 28 && day > monthLength(year, month)
        || hour > 23
        || minute > 59
        || second > 59
        || millis > 999) {
      return Long.MIN_VALUE;
    }
    LocalDateTime time = LocalDateTime.of(year, month, day, hour, minute, second);
    ZoneOffset offset = fixedOffset;
    if (offset == null) {
      List<ZoneOffset> valid = rules.getValidOffsets(time);
      if (valid.size() != 1) {
        return Long.MIN_VALUE;
      }
      offset = valid.getFirst();
    }
    return time.toEpochSecond(offset) * 1000 + millis;
  }

  private static int monthLength(int year, int month) {
    return java.time.YearMonth.of(year, month).lengthOfMonth();
  }
}
