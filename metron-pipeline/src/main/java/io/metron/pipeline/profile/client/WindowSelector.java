package io.metron.pipeline.profile.client;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import java.util.function.LongPredicate;

/**
 * A parsed window selector of {@code PROFILE_WINDOW}, in Metron's window language ({@code
 * Window.g4}):
 *
 * <pre>
 * [N unit [window] [every N unit]] from N unit [ago] [to N unit [ago]]
 *     [including specifier, ...] [excluding specifier, ...]
 * </pre>
 *
 * or just a width ({@code 1 hour}, meaning the last hour). Units are second, minute, hour and day
 * in any plural or capitalisation; an amount of 1 may be left out ({@code every hour}). Specifiers:
 * a day name ({@code mondays}), {@code weekdays}, {@code weekends}, {@code this day of the week},
 * {@code date:yyyy/MM/dd} (with an optional format, {@code date:20170704:yyyyMMdd}) and {@code
 * holidays[:country[:region]]} (the countries {@link HolidayCalendar} has rules for). Days are UTC
 * days. An interval is kept when an inclusion (if any) and no exclusion matches its start.
 *
 * @param fromMillis how long before now the window starts
 * @param toMillis how long before now the window ends
 * @param widthMillis each interval's width, or 0 for one dense interval
 * @param skipMillis the distance between interval starts, or 0 for no repetition
 */
public record WindowSelector(
    long fromMillis,
    long toMillis,
    long widthMillis,
    long skipMillis,
    List<LongFunction<LongPredicate>> includes,
    List<LongFunction<LongPredicate>> excludes) {

  /** One selected stretch of time, {@code [start, end]}. */
  public record Interval(long start, long end) {
    /** Whether {@code ts} is in the interval, both ends included (as Metron's predicate). */
    public boolean contains(long ts) {
      return ts >= start && ts <= end;
    }
  }

  /**
   * Parses a selector.
   *
   * @throws IllegalArgumentException naming the position and what was expected
   */
  public static WindowSelector parse(String selector) {
    if (selector == null || selector.isBlank()) {
      throw new IllegalArgumentException("a window selector is required, e.g. 'from 1 hour ago'");
    }
    return new Parser(selector).window();
  }

  public long startMillis(long now) {
    return now - Math.max(fromMillis, toMillis);
  }

  public long endMillis(long now) {
    return now - Math.min(fromMillis, toMillis);
  }

  /** The intervals selected when "now" is {@code now}, oldest first. */
  public List<Interval> intervals(long now) {
    long start = startMillis(now);
    long end = endMillis(now);
    long width = widthMillis > 0 ? widthMillis : end - start;
    long skip = skipMillis > 0 ? skipMillis : Long.MAX_VALUE / 4;
    List<LongPredicate> in = includes.stream().map(f -> f.apply(now)).toList();
    List<LongPredicate> out = excludes.stream().map(f -> f.apply(now)).toList();
    List<Interval> intervals = new ArrayList<>();
    for (long left = start; left + width <= end; left += skip) {
      long l = left;
      boolean keep = in.isEmpty() || in.stream().anyMatch(p -> p.test(l));
      if (keep && out.stream().noneMatch(p -> p.test(l))) {
        intervals.add(new Interval(left, left + width));
      }
    }
    return intervals;
  }

  /** Whether {@code ts} falls in one of the intervals selected at {@code now}. */
  public static boolean inAny(List<Interval> intervals, long ts) {
    for (Interval i : intervals) {
      if (i.contains(ts)) {
        return true;
      }
    }
    return false;
  }

  /** A recursive-descent parser over the selector's words. */
  private static final class Parser {
    private final String source;
    private final List<String> words = new ArrayList<>();
    private int pos;

    Parser(String source) {
      this.source = source;
      tokenize(source.trim());
    }

    private void tokenize(String s) {
      int i = 0;
      while (i < s.length()) {
        char c = s.charAt(i);
        if (Character.isWhitespace(c)) {
          i++;
        } else if (c == ',') {
          words.add(",");
          i++;
        } else {
          int j = i;
          while (j < s.length() && !Character.isWhitespace(s.charAt(j)) && s.charAt(j) != ',') {
            j++;
          }
          words.add(s.substring(i, j));
          i = j;
        }
      }
    }

    WindowSelector window() {
      long width = 0;
      long skip = 0;
      long[] fromTo;
      if (is("from") || is("starting")) {
        fromTo = duration();
      } else {
        width = interval("a width such as '1 hour' or 'from'");
        if (is("window") || is("windows")) {
          pos++;
        }
        if (is("every")) {
          pos++;
          skip = interval("a distance after 'every'");
          fromTo = duration();
        } else {
          fromTo = new long[] {width, 0};
        }
      }
      List<LongFunction<LongPredicate>> includes = List.of();
      List<LongFunction<LongPredicate>> excludes = List.of();
      while (pos < words.size()) {
        String w = lower(peek());
        if (w.startsWith("includ")) {
          pos++;
          includes = specifiers();
        } else if (w.startsWith("exclud")) {
          pos++;
          excludes = specifiers();
        } else {
          throw error("'including', 'excluding' or the end");
        }
      }
      return new WindowSelector(fromTo[0], fromTo[1], width, skip, includes, excludes);
    }

    private long[] duration() {
      if (is("starting")) {
        pos++;
      }
      expect("from");
      long from = interval("a time such as '1 day' after 'from'");
      skipAgo();
      long to = 0;
      if (is("to") || is("until")) {
        pos++;
        to = interval("a time such as '1 hour' after 'to'");
        skipAgo();
      }
      return new long[] {from, to};
    }

    private void skipAgo() {
      if (is("ago")) {
        pos++;
      }
    }

    private long interval(String expected) {
      String amount = peek();
      if (amount != null && amount.matches("[a-zA-Z()]+") && unit(amount) != null) {
        amount = "1"; // 'every hour' for 'every 1 hour'
      } else if (amount == null || !amount.matches("[1-9][0-9]*")) {
        throw error(expected);
      } else {
        pos++;
      }
      String unit = peek();
      if (unit == null) {
        throw error("a time unit (second, minute, hour, day)");
      }
      TimeUnit tu = unit(unit);
      if (tu == null) {
        throw error("a time unit (second, minute, hour, day with any plural or capitalisation)");
      }
      pos++;
      return tu.toMillis(Long.parseLong(amount));
    }

    private static TimeUnit unit(String word) {
      String u = lower(word).replaceAll("[^a-z]", "");
      if (u.endsWith("s")) {
        u = u.substring(0, u.length() - 1);
      }
      return switch (u) {
        case "second" -> TimeUnit.SECONDS;
        case "minute" -> TimeUnit.MINUTES;
        case "hour" -> TimeUnit.HOURS;
        case "day" -> TimeUnit.DAYS;
        default -> null;
      };
    }

    private List<LongFunction<LongPredicate>> specifiers() {
      List<LongFunction<LongPredicate>> out = new ArrayList<>();
      out.add(specifier());
      while (is(",")) {
        pos++;
        out.add(specifier());
      }
      return out;
    }

    private LongFunction<LongPredicate> specifier() {
      String word = peek();
      if (word == null) {
        throw error("a day specifier (e.g. weekends, mondays, holidays, date:2017/07/04)");
      }
      if (lower(word).equals("this")) {
        int start = pos;
        for (String w : new String[] {"this", "day", "of"}) {
          if (!is(w)) {
            pos = start;
            throw error("'this day of the week'");
          }
          pos++;
        }
        if (is("the")) {
          pos++;
        }
        if (!is("week")) {
          throw error("'this day of the week'");
        }
        pos++;
        return now -> {
          DayOfWeek today = day(now);
          return ts -> day(ts) == today;
        };
      }
      pos++;
      String[] parts = word.split(":", -1);
      String name = lower(parts[0]);
      if (name.endsWith("s")) {
        name = name.substring(0, name.length() - 1);
      }
      List<String> args = new ArrayList<>(List.of(parts).subList(1, parts.length));
      LongPredicate p = dayPredicate(name, args, word);
      return now -> p;
    }

    private LongPredicate dayPredicate(String name, List<String> args, String word) {
      switch (name) {
        case "weekend":
          return ts -> day(ts) == DayOfWeek.SATURDAY || day(ts) == DayOfWeek.SUNDAY;
        case "weekday":
          return ts -> day(ts) != DayOfWeek.SATURDAY && day(ts) != DayOfWeek.SUNDAY;
        case "holiday":
          HolidayCalendar calendar;
          try {
            calendar = HolidayCalendar.of(args);
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                "window selector '" + source + "': '" + word + "': " + e.getMessage());
          }
          return ts -> calendar.isHoliday(utcDate(ts));
        case "date":
          return datePredicate(args, word);
        default:
          for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().toLowerCase(Locale.ROOT).equals(name)) {
              return ts -> day(ts) == d;
            }
          }
          pos--;
          throw error("a day specifier (e.g. weekends, mondays, holidays, date:2017/07/04)");
      }
    }

    private LongPredicate datePredicate(List<String> args, String word) {
      if (args.isEmpty() || args.getFirst().isEmpty()) {
        throw new IllegalArgumentException(
            "window selector '" + source + "': '" + word + "' needs a date, e.g. date:2017/07/04");
      }
      String format = args.size() > 1 ? args.get(1) : "yyyy/MM/dd";
      LocalDate date;
      try {
        date = LocalDate.parse(args.getFirst(), DateTimeFormatter.ofPattern(format, Locale.ROOT));
      } catch (DateTimeParseException | IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "window selector '"
                + source
                + "': '"
                + args.getFirst()
                + "' is not a date in the format "
                + format);
      }
      return ts -> utcDate(ts).equals(date);
    }

    private static LocalDate utcDate(long ts) {
      return Instant.ofEpochMilli(ts).atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static DayOfWeek day(long ts) {
      return Instant.ofEpochMilli(ts).atZone(ZoneOffset.UTC).getDayOfWeek();
    }

    private String peek() {
      return pos < words.size() ? words.get(pos) : null;
    }

    private boolean is(String word) {
      String w = peek();
      return w != null && lower(w).equals(word);
    }

    private void expect(String word) {
      if (!is(word)) {
        throw error("'" + word + "'");
      }
      pos++;
    }

    private static String lower(String s) {
      return s.toLowerCase(Locale.ROOT);
    }

    private IllegalArgumentException error(String expected) {
      String found = peek() == null ? "the end" : "'" + peek() + "'";
      return new IllegalArgumentException(
          "window selector '"
              + source
              + "': expected "
              + expected
              + " at word "
              + (pos + 1)
              + ", found "
              + found);
    }
  }
}
