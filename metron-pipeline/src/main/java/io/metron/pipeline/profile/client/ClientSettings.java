package io.metron.pipeline.profile.client;

import io.metron.pipeline.profile.ProfilerSettings;
import java.util.HashMap;
import java.util.Map;

/**
 * The profiler client's settings, Metron's {@code profiler.client.*} global config keys,
 * overridable per call with {@code config_overrides}: {@code profiler.client.period.duration} and
 * {@code .units} (the period length used to choose periods; without them the profiler's own {@code
 * profiler.period.duration}, else Metron's 15 MINUTES) and {@code profiler.default.value} (what a
 * period without a measurement reads as; without it such periods are left out). Metron's HBase keys
 * ({@code profiler.client.hbase.table}, {@code .column.family}, {@code
 * profiler.client.salt.divisor}) are accepted and have no effect: measurements are in the local
 * store.
 *
 * @param periodMillis the period length for {@code PROFILE_FIXED} and {@code PROFILE_WINDOW}
 * @param defaultValue the value of a missing period, or null to leave missing periods out
 */
record ClientSettings(long periodMillis, Object defaultValue) {

  static final String PERIOD = "profiler.client.period.duration";
  static final String PERIOD_UNITS = "profiler.client.period.duration.units";
  static final String DEFAULT_VALUE = "profiler.default.value";

  /** The settings of {@code global} with {@code overrides} (may be null) on top. */
  static ClientSettings of(Map<String, Object> global, Map<?, ?> overrides) {
    Map<String, Object> effective = new HashMap<>(global);
    if (overrides != null) {
      overrides.forEach((k, v) -> effective.put(String.valueOf(k), v));
    }
    long period =
        effective.containsKey(PERIOD)
            ? ProfilerSettings.from(
                    Map.of(
                        ProfilerSettings.PERIOD,
                        effective.get(PERIOD),
                        ProfilerSettings.PERIOD_UNITS,
                        effective.getOrDefault(PERIOD_UNITS, "MINUTES")))
                .periodMillis()
            : ProfilerSettings.from(effective).periodMillis();
    return new ClientSettings(period, effective.get(DEFAULT_VALUE));
  }
}
