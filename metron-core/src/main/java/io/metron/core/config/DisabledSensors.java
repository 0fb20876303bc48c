package io.metron.core.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Sensors switched off without deleting their configs: Metron's "deactivate" of a parser topology.
 * The names live in the global config under {@link #KEY}, so switching a sensor is a validated,
 * audited, hot-reloaded config change like any other, and every instance mirroring the configs
 * follows it. A disabled sensor's topic is not read: its records wait in Kafka (the lag grows) and
 * are parsed once it is enabled again.
 */
public final class DisabledSensors {
  /** The global config key: a list of sensor names. */
  public static final String KEY = "parser.sensors.disabled";

  private DisabledSensors() {}

  /** The disabled sensors named in a global config (values that are not strings are ignored). */
  public static Set<String> of(GlobalConfig global) {
    Set<String> out = new TreeSet<>();
    if (global.get(KEY) instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof String s) {
          out.add(s);
        }
      }
    }
    return out;
  }

  /** The configs a running pipeline reads: every sensor but the disabled ones. */
  public static Configs active(Configs configs) {
    Set<String> disabled = of(configs.global());
    if (disabled.isEmpty()) {
      return configs;
    }
    Map<String, SensorParserConfig> parsers = new LinkedHashMap<>(configs.parsers());
    parsers.keySet().removeAll(disabled);
    return new Configs(
        configs.global(), parsers, configs.enrichments(), configs.indexing(), configs.profiler());
  }

  /** A copy of the global config document with {@code sensor} disabled or enabled. */
  public static Map<String, Object> with(
      Map<String, Object> global, String sensor, boolean disabled) {
    Map<String, Object> out = new LinkedHashMap<>(global == null ? Map.of() : global);
    Set<String> names = of(new GlobalConfig(out));
    if (disabled) {
      names.add(sensor);
    } else {
      names.remove(sensor);
    }
    if (names.isEmpty()) {
      out.remove(KEY);
    } else {
      out.put(KEY, List.copyOf(names));
    }
    return out;
  }
}
