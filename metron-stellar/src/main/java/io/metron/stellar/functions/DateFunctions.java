package io.metron.stellar.functions;

import static io.metron.stellar.FunctionDescriptor.builder;
import static io.metron.stellar.functions.StringFunctions.def;

import io.metron.stellar.StellarException;
import io.metron.stellar.StellarFunction;
import java.text.ParsePosition;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Date;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;

/**
 * Date functions over epoch milliseconds. Formats use Java's SimpleDateFormat patterns, as Metron
 * did; the time zone defaults to UTC. Calendar fields follow java.util.Calendar: MONTH is 0-based
 * and DAY_OF_WEEK runs from 1 (Sunday) to 7.
 */
final class DateFunctions {

  private DateFunctions() {}

  private record FormatKey(String pattern, String zone, boolean lenient) {}

  // SimpleDateFormat is not thread-safe: the cache holds one per thread per pattern and zone.
  private static final BoundedCache<FormatKey, ThreadLocal<SimpleDateFormat>> FORMATS =
      new BoundedCache<>(
          1000,
          k ->
              ThreadLocal.withInitial(
                  () -> {
                    // Locale.US, as Metron ran: zone names such as EST, English month and day names
                    SimpleDateFormat f = new SimpleDateFormat(k.pattern(), Locale.US);
                    f.setTimeZone(TimeZone.getTimeZone(k.zone()));
                    f.setLenient(k.lenient());
                    return f;
                  }));

  static SimpleDateFormat format(String pattern, String zone, String fn) {
    return format(pattern, zone, false, fn);
  }

  static SimpleDateFormat format(String pattern, String zone, boolean lenient, String fn) {
    try {
      return FORMATS.get(new FormatKey(pattern, zone == null ? "UTC" : zone, lenient)).get();
    } catch (IllegalArgumentException e) {
      throw new StellarException(fn + ": invalid date format '" + pattern + "': " + e.getMessage());
    }
  }

  static List<StellarFunction> functions() {
    List<StellarFunction> f = new ArrayList<>();
    f.add(
        def(
            builder("DATE_FORMAT")
                .param("format", "String", "a SimpleDateFormat pattern")
                .optional(
                    "timestampField",
                    "Long",
                    "epoch milliseconds (default: now); with two arguments, a string here is the"
                        + " time zone")
                .optional("timezone", "String", "a time zone id (default UTC)")
                .returns("String")
                .description("Formats epoch milliseconds as a date string.")
                .example("DATE_FORMAT('yyyy-MM-dd HH:mm', 1500000000000L)", "'2017-07-14 02:40'")
                .example(
                    "DATE_FORMAT('yyyy-MM-dd HH:mm', 1500000000000L, 'America/New_York')",
                    "'2017-07-13 22:40'")
                .nondeterministic(),
            (a, c) -> {
              String pattern = Args.string(a, 0, "DATE_FORMAT");
              if (pattern == null) {
                return null;
              }
              // Metron: with two arguments, a string second argument is the time zone (of now)
              Object second = Args.get(a, 1);
              String zone = Args.text(a, 2);
              Number ts = null;
              if (a.size() == 2 && second instanceof String s) {
                zone = s;
              } else if (a.size() > 1) {
                ts = Args.number(a, 1, "DATE_FORMAT");
                if (ts == null) {
                  return null;
                }
              }
              long millis = ts == null ? System.currentTimeMillis() : ts.longValue();
              return format(pattern, zone, "DATE_FORMAT").format(new Date(millis));
            }));
    f.add(
        def(
            builder("TO_EPOCH_TIMESTAMP")
                .param("dateTime", "String", "the date string")
                .param("format", "String", "its SimpleDateFormat pattern")
                .optional("timezone", "String", "a time zone id (default UTC)")
                .returns("Long: epoch milliseconds; null when the string does not match the format")
                .description(
                    "Parses a date string into epoch milliseconds. As in Metron, parsing is lenient"
                        + " (2017-02-30 is 2017-03-02) and text after the date is ignored.")
                .example("TO_EPOCH_TIMESTAMP('2017-02-30', 'yyyy-MM-dd')", "1488412800000L")
                .example(
                    "TO_EPOCH_TIMESTAMP('2017-07-14 02:40:00', 'yyyy-MM-dd HH:mm:ss')",
                    "1500000000000L")
                .example("TO_EPOCH_TIMESTAMP('yesterday', 'yyyy-MM-dd')", "null"),
            (a, c) -> {
              String s = Args.text(a, 0);
              String pattern = Args.string(a, 1, "TO_EPOCH_TIMESTAMP");
              if (s == null || pattern == null) {
                return null;
              }
              SimpleDateFormat lenient =
                  format(pattern, Args.text(a, 2), true, "TO_EPOCH_TIMESTAMP");
              Date d = lenient.parse(s, new ParsePosition(0));
              return d == null ? null : d.getTime();
            }));
    f.add(
        def(
            builder("IS_DATE")
                .param("date", "String", "the date string")
                .param("format", "String", "its SimpleDateFormat pattern")
                .returns("Boolean: whether the whole string is a valid date in that format")
                .description("Tests whether a string is a date in a format.")
                .example("IS_DATE('2017-02-28', 'yyyy-MM-dd')", "true")
                .example("IS_DATE('2017-02-30', 'yyyy-MM-dd')", "false"),
            (a, c) -> {
              String s = Args.text(a, 0);
              String pattern = Args.string(a, 1, "IS_DATE");
              return s != null
                  && pattern != null
                  && parse(s, format(pattern, "UTC", "IS_DATE")) != null;
            }));
    f.add(field("DAY_OF_MONTH", Calendar.DAY_OF_MONTH, "the day of the month (1-31)", "14"));
    f.add(
        field(
            "DAY_OF_WEEK",
            Calendar.DAY_OF_WEEK,
            "the day of the week (1 = Sunday ... 7 = Saturday)",
            "6"));
    f.add(field("DAY_OF_YEAR", Calendar.DAY_OF_YEAR, "the day of the year (1-366)", "195"));
    f.add(field("MONTH", Calendar.MONTH, "the month, 0-based (0 = January)", "6"));
    f.add(field("WEEK_OF_MONTH", Calendar.WEEK_OF_MONTH, "the week of the month", "3"));
    f.add(field("WEEK_OF_YEAR", Calendar.WEEK_OF_YEAR, "the week of the year", "28"));
    f.add(field("YEAR", Calendar.YEAR, "the year", "2017"));
    return f;
  }

  /** Metron reads a 10-digit timestamp as epoch seconds. */
  static long epochMillis(long t) {
    long abs = Math.abs(t);
    return abs >= 1_000_000_000L && abs < 10_000_000_000L ? t * 1000 : t;
  }

  private static Date parse(String s, SimpleDateFormat format) {
    ParsePosition pos = new ParsePosition(0);
    Date d = format.parse(s, pos);
    return d == null || pos.getIndex() != s.length() ? null : d;
  }

  private static StellarFunction field(String name, int field, String what, String expected) {
    return def(
        builder(name)
            .optional(
                "dateTime",
                "Long",
                "epoch milliseconds, or seconds if 10 digits long (default: now)")
            .returns("Integer: " + what + ", in UTC")
            .description("Extracts " + what + " from a timestamp.")
            .example(name + "(1500000000000L)", expected)
            .example(name + "(1500000000)", expected)
            .nondeterministic(),
        (a, c) -> {
          long millis;
          if (a.isEmpty()) {
            millis = System.currentTimeMillis();
          } else {
            Number n = Args.number(a, 0, name);
            if (n == null) {
              return null;
            }
            millis = epochMillis(n.longValue());
          }
          Calendar cal = new GregorianCalendar(TimeZone.getTimeZone("UTC"), Locale.US);
          cal.setTimeInMillis(millis);
          return cal.get(field);
        });
  }
}
