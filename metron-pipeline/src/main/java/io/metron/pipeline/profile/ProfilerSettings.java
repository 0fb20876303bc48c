package io.metron.pipeline.profile;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The profiler's timing, from Metron's global config keys: {@code profiler.period.duration} and
 * {@code profiler.period.duration.units} (default 15 MINUTES, as Metron), and the lag allowed to
 * late events, {@code profiler.window.lag} and {@code profiler.window.lag.units} (default 1
 * MINUTES, Metron's {@code profiler.properties} default). A period is flushed once the clock (or,
 * with a {@code timestampField}, the newest event time seen) passes its end plus the lag; an event
 * for a period already flushed is late and is dropped, as Metron dropped it.
 *
 * @param periodMillis the length of a period
 * @param lagMillis how long after a period's end its late events are still counted
 */
public record ProfilerSettings(long periodMillis, long lagMillis) {

  public static final String PERIOD = "profiler.period.duration";
  public static final String PERIOD_UNITS = "profiler.period.duration.units";
  public static final String LAG = "profiler.window.lag";
  public static final String LAG_UNITS = "profiler.window.lag.units";

  public ProfilerSettings {
    if (periodMillis <= 0) {
      throw new IllegalArgumentException(PERIOD + " must be positive");
    }
    if (lagMillis < 0) {
      throw new IllegalArgumentException(LAG + " must not be negative");
    }
  }

  /** Settings from a global config map; missing keys take Metron's defaults. */
  public static ProfilerSettings from(Map<String, ?> global) {
    return new ProfilerSettings(
        millis(global, PERIOD, 15, PERIOD_UNITS, TimeUnit.MINUTES),
        millis(global, LAG, 1, LAG_UNITS, TimeUnit.MINUTES));
  }

  /** The period a timestamp falls in. */
  public ProfilePeriod periodOf(long epochMillis) {
    return ProfilePeriod.of(epochMillis, periodMillis);
  }

  /** Whether {@code period} may be flushed once time has reached {@code nowMillis}. */
  public boolean closed(ProfilePeriod period, long nowMillis) {
    return nowMillis >= period.endMillis() + lagMillis;
  }

  /**
   * A duration from a value key and a units key of {@code config}, e.g. 15 and "MINUTES".
   *
   * @throws IllegalArgumentException naming the key when either is not what Metron accepts
   */
  static long millis(
      Map<String, ?> config, String key, long fallback, String unitsKey, TimeUnit fallbackUnits) {
    Object raw = config.get(key);
    long amount;
    if (raw == null) {
      amount = fallback;
    } else if (raw instanceof Number n) {
      amount = n.longValue();
    } else {
      try {
        amount = Long.parseLong(raw.toString().trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(key + " must be a whole number, found '" + raw + "'");
      }
    }
    Object units = config.get(unitsKey);
    return units(units == null ? fallbackUnits.name() : units.toString(), unitsKey)
        .toMillis(amount);
  }

  /** A time unit by Metron's names ({@code MINUTES}, {@code HOURS}, ...), singular or plural. */
  public static TimeUnit units(String name, String what) {
    String upper = name.trim().toUpperCase(Locale.ROOT);
    for (TimeUnit unit : TimeUnit.values()) {
      if (unit.name().equals(upper) || unit.name().equals(upper + "S")) {
        return unit;
      }
    }
    throw new IllegalArgumentException(
        what
            + " must be a time unit (MILLISECONDS, SECONDS, MINUTES, HOURS, DAYS), found '"
            + name
            + "'");
  }
}
