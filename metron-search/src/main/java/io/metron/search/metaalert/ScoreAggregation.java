package io.metron.search.metaalert;

import java.util.Locale;

/**
 * Which statistic of its alerts' scores becomes a meta-alert's {@code threat.triage.score}, as
 * Metron's meta-alert {@code threatSort} setting (default {@link #SUM}).
 */
public enum ScoreAggregation {
  SUM,
  MAX,
  MIN,
  AVERAGE,
  MEDIAN,
  COUNT;

  /** The statistic named {@code name}, in any case. */
  public static ScoreAggregation parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown score aggregation '"
              + name
              + "': expected sum, max, min, average, median or count",
          e);
    }
  }

  /** The field of the meta-alert that holds this statistic. */
  public String field() {
    return name().toLowerCase(Locale.ROOT);
  }
}
