package io.metron.pipeline.profile.client;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/**
 * The public holidays of a country, and optionally a region, for the window language's {@code
 * holidays[:country[:region]]} specifier. Metron looked them up in the jollyday library; no such
 * calendar is served to this build, so the rules of a documented set of countries are written out
 * here: the recurring statutory holidays, computed for any year (one-off holidays such as royal
 * jubilees are not included).
 *
 * <ul>
 *   <li>{@code us} — United States federal holidays, a Saturday one observed on the Friday before
 *       and a Sunday one on the Monday after (the observed day is the holiday);
 *   <li>{@code gb} (or {@code uk}) — United Kingdom bank holidays of England and Wales; regions
 *       {@code sct} (Scotland) and {@code nir} (Northern Ireland); a holiday on a weekend moves to
 *       the next weekday that is not already a holiday;
 *   <li>{@code de} — Germany's nationwide holidays;
 *   <li>{@code fr} — France's public holidays.
 * </ul>
 *
 * Countries are also accepted by the jollyday calendar names Metron accepted ({@code
 * UNITED_STATES}, {@code UNITED_KINGDOM}, {@code GERMANY}, {@code FRANCE}). Immutable and
 * thread-safe; each year's dates are computed once.
 */
final class HolidayCalendar {

  /** One holiday's date in a year, or null when it is not held that year. */
  private interface Rule extends IntFunction<LocalDate> {}

  /** How a holiday falling on a weekend moves. */
  private enum Weekend {
    /** It stays where it is. */
    STAYS,
    /** Saturday to the Friday before, Sunday to the Monday after (US federal). */
    NEAREST_WEEKDAY,
    /** To the next weekday not already a holiday (UK bank holidays). */
    NEXT_FREE_WEEKDAY
  }

  private record Country(
      String code, Weekend weekend, List<Rule> rules, Map<String, List<Rule>> regions) {}

  private static final Map<String, Country> COUNTRIES = new LinkedHashMap<>();
  private static final Map<String, String> ALIASES =
      Map.of(
          "uk", "gb",
          "united_states", "us",
          "united_kingdom", "gb",
          "germany", "de",
          "france", "fr");

  static {
    Rule newYear = fixed(Month.JANUARY, 1);
    Rule christmas = fixed(Month.DECEMBER, 25);
    Rule boxingDay = fixed(Month.DECEMBER, 26);
    Rule goodFriday = easter(-2);
    Rule easterMonday = easter(1);
    Rule ascension = easter(39);
    Rule whitMonday = easter(50);
    COUNTRIES.put(
        "us",
        new Country(
            "us",
            Weekend.NEAREST_WEEKDAY,
            List.of(
                newYear,
                since(1986, nth(3, DayOfWeek.MONDAY, Month.JANUARY)), // Martin Luther King Jr.
                nth(3, DayOfWeek.MONDAY, Month.FEBRUARY), // Washington's Birthday
                last(DayOfWeek.MONDAY, Month.MAY), // Memorial Day
                since(2021, fixed(Month.JUNE, 19)), // Juneteenth
                fixed(Month.JULY, 4),
                nth(1, DayOfWeek.MONDAY, Month.SEPTEMBER), // Labor Day
                nth(2, DayOfWeek.MONDAY, Month.OCTOBER), // Columbus Day
                fixed(Month.NOVEMBER, 11), // Veterans Day
                nth(4, DayOfWeek.THURSDAY, Month.NOVEMBER), // Thanksgiving
                christmas),
            Map.of()));
    Rule earlyMay = nth(1, DayOfWeek.MONDAY, Month.MAY);
    Rule spring = last(DayOfWeek.MONDAY, Month.MAY);
    List<Rule> englandAndWales =
        List.of(
            newYear,
            goodFriday,
            easterMonday,
            earlyMay,
            spring,
            last(DayOfWeek.MONDAY, Month.AUGUST),
            christmas,
            boxingDay);
    List<Rule> northernIreland = new ArrayList<>(englandAndWales);
    northernIreland.add(fixed(Month.MARCH, 17)); // St Patrick's Day
    northernIreland.add(fixed(Month.JULY, 12)); // Battle of the Boyne
    List<Rule> scotland =
        List.of(
            newYear,
            fixed(Month.JANUARY, 2),
            goodFriday,
            earlyMay,
            spring,
            nth(1, DayOfWeek.MONDAY, Month.AUGUST),
            fixed(Month.NOVEMBER, 30), // St Andrew's Day
            christmas,
            boxingDay);
    COUNTRIES.put(
        "gb",
        new Country(
            "gb",
            Weekend.NEXT_FREE_WEEKDAY,
            englandAndWales,
            Map.of(
                "eng",
                englandAndWales,
                "wls",
                englandAndWales,
                "sct",
                scotland,
                "nir",
                List.copyOf(northernIreland))));
    COUNTRIES.put(
        "de",
        new Country(
            "de",
            Weekend.STAYS,
            List.of(
                newYear,
                goodFriday,
                easterMonday,
                fixed(Month.MAY, 1),
                ascension,
                whitMonday,
                fixed(Month.OCTOBER, 3), // German Unity Day
                christmas,
                boxingDay),
            Map.of()));
    COUNTRIES.put(
        "fr",
        new Country(
            "fr",
            Weekend.STAYS,
            List.of(
                newYear,
                easterMonday,
                fixed(Month.MAY, 1),
                fixed(Month.MAY, 8),
                ascension,
                whitMonday,
                fixed(Month.JULY, 14),
                fixed(Month.AUGUST, 15),
                fixed(Month.NOVEMBER, 1),
                fixed(Month.NOVEMBER, 11),
                christmas),
            Map.of()));
  }

  private final String name;
  private final Weekend weekend;
  private final List<Rule> rules;
  private final Map<Integer, Set<LocalDate>> byYear = new ConcurrentHashMap<>();

  private HolidayCalendar(String name, Weekend weekend, List<Rule> rules) {
    this.name = name;
    this.weekend = weekend;
    this.rules = rules;
  }

  /** The country codes with rules, for messages and docs. */
  static Set<String> countries() {
    return COUNTRIES.keySet();
  }

  /**
   * The calendar a specifier's arguments name: {@code [country[, region]]}. Without a country, the
   * JVM's default locale's country as Metron (through jollyday) used, or {@code us} when the locale
   * names none.
   *
   * @throws IllegalArgumentException naming the unknown country or region and the known ones
   */
  static HolidayCalendar of(List<String> args) {
    String code =
        args.isEmpty() || args.getFirst().isBlank()
            ? Locale.getDefault().getCountry()
            : args.getFirst();
    code = code.isBlank() ? "us" : code.toLowerCase(Locale.ROOT);
    Country country = COUNTRIES.get(ALIASES.getOrDefault(code, code));
    if (country == null) {
      throw new IllegalArgumentException(
          "no holiday rules for country '"
              + code
              + "'; known countries: "
              + String.join(", ", COUNTRIES.keySet())
              + " (see docs/profiler.md)");
    }
    if (args.size() > 2) {
      throw new IllegalArgumentException(
          "holidays take at most a country and a region, e.g. holidays:gb:sct");
    }
    if (args.size() < 2 || args.get(1).isBlank()) {
      return new HolidayCalendar(country.code(), country.weekend(), country.rules());
    }
    String region = args.get(1).toLowerCase(Locale.ROOT);
    List<Rule> rules = country.regions().get(region);
    if (rules == null) {
      throw new IllegalArgumentException(
          "no holiday rules for region '"
              + region
              + "' of '"
              + country.code()
              + "'"
              + (country.regions().isEmpty()
                  ? ": only the nationwide holidays are known"
                  : "; known regions: " + String.join(", ", country.regions().keySet())));
    }
    return new HolidayCalendar(country.code() + ":" + region, country.weekend(), rules);
  }

  /** Whether {@code day} is a holiday (a weekend one moved by the country's rule counts moved). */
  boolean isHoliday(LocalDate day) {
    // a holiday of next year can move back into this one (US New Year on a Saturday)
    return holidays(day.getYear()).contains(day) || holidays(day.getYear() + 1).contains(day);
  }

  /** The holidays of {@code year}, after weekend moves. */
  Set<LocalDate> holidays(int year) {
    return byYear.computeIfAbsent(year, this::compute);
  }

  private Set<LocalDate> compute(int year) {
    List<LocalDate> dates = new ArrayList<>();
    for (Rule r : rules) {
      LocalDate d = r.apply(year);
      if (d != null) {
        dates.add(d);
      }
    }
    return switch (weekend) {
      case STAYS -> Set.copyOf(dates);
      case NEAREST_WEEKDAY -> {
        Set<LocalDate> out = new HashSet<>();
        for (LocalDate d : dates) {
          out.add(
              switch (d.getDayOfWeek()) {
                case SATURDAY -> d.minusDays(1);
                case SUNDAY -> d.plusDays(1);
                default -> d;
              });
        }
        yield Set.copyOf(out);
      }
      case NEXT_FREE_WEEKDAY -> {
        // weekday holidays keep their day; then each weekend one, in date order, takes the next
        // weekday still free (Christmas on a Sunday after Boxing Day's Monday goes to Tuesday)
        dates.sort(null);
        Set<LocalDate> out = new HashSet<>();
        dates.stream().filter(d -> !weekend(d)).forEach(out::add);
        for (LocalDate d : dates) {
          if (weekend(d)) {
            LocalDate moved = d;
            while (weekend(moved) || out.contains(moved)) {
              moved = moved.plusDays(1);
            }
            out.add(moved);
          }
        }
        yield Set.copyOf(out);
      }
    };
  }

  private static boolean weekend(LocalDate d) {
    return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
  }

  @Override
  public String toString() {
    return "holidays:" + name;
  }

  private static Rule fixed(Month month, int day) {
    return year -> LocalDate.of(year, month, day);
  }

  private static Rule nth(int n, DayOfWeek dow, Month month) {
    return year -> LocalDate.of(year, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(n, dow));
  }

  private static Rule last(DayOfWeek dow, Month month) {
    return year -> LocalDate.of(year, month, 1).with(TemporalAdjusters.lastInMonth(dow));
  }

  private static Rule since(int firstYear, Rule rule) {
    return year -> year >= firstYear ? rule.apply(year) : null;
  }

  private static Rule easter(int offsetDays) {
    return year -> easterSunday(year).plusDays(offsetDays);
  }

  /** Western (Gregorian) Easter Sunday, by the anonymous Gregorian algorithm. */
  static LocalDate easterSunday(int year) {
    int a = year % 19;
    int b = year / 100;
    int c = year % 100;
    int d = b / 4;
    int e = b % 4;
    int f = (b + 8) / 25;
    int g = (b - f + 1) / 3;
    int h = (19 * a + b - d - g + 15) % 30;
    int i = c / 4;
    int k = c % 4;
    int l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * m + 114) / 31;
    int day = (h + l - 7 * m + 114) % 31 + 1;
    return LocalDate.of(year, month, day);
  }
}
