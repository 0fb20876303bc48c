package io.metron.streams.ingest.http;

import io.metron.streams.ingest.SensorName;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A HEC token: the secret a shipper sends as {@code Authorization: Splunk <token>}, the sensor its
 * events go to by default (HEC's default index), and the other sensors an event may name in its
 * {@code index} field.
 *
 * @param token the secret
 * @param sensor the default sensor topic
 * @param indexes further sensors events may choose with {@code index}; the default is always
 *     allowed
 * @param disabled whether the token is refused (HEC code 1)
 */
public record HecToken(String token, String sensor, Set<String> indexes, boolean disabled) {

  public HecToken {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("HEC token: the token is empty");
    }
    SensorName.check(sensor, "HEC token for sensor");
    indexes = Set.copyOf(indexes);
    for (String index : indexes) {
      SensorName.check(index, "HEC token index");
    }
  }

  public static HecToken of(String token, String sensor) {
    return new HecToken(token, sensor, Set.of(), false);
  }

  /** Whether an event of this token may go to {@code sensor}. */
  public boolean allows(String sensor) {
    return this.sensor.equals(sensor) || indexes.contains(sensor);
  }

  /**
   * Reads tokens from a config value: a list of objects {@code {"token": "...", "sensor": "...",
   * "indexes": [...], "disabled": false}} ({@code indexes} and {@code disabled} optional).
   *
   * @param where the config path, for messages
   * @throws IllegalArgumentException listing every problem, each with its path
   */
  public static List<HecToken> fromConfig(Object value, String where) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw new IllegalArgumentException(where + ": expected a list of token objects");
    }
    List<HecToken> tokens = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String at = where + "[" + i + "]";
      if (!(list.get(i) instanceof Map<?, ?> map)) {
        problems.add(at + ": expected an object with token and sensor");
        continue;
      }
      for (Object key : map.keySet()) {
        if (!Set.of("token", "sensor", "indexes", "disabled").contains(key)) {
          problems.add(
              at + "." + key + ": unknown key (expected token, sensor, indexes, disabled)");
        }
      }
      Object token = map.get("token");
      Object sensor = map.get("sensor");
      Object indexes = map.get("indexes");
      Object disabled = map.get("disabled");
      if (!(token instanceof String t) || t.isBlank()) {
        problems.add(at + ".token: expected a non-empty string");
        continue;
      }
      if (!seen.add(t)) {
        problems.add(at + ".token: the same token appears twice");
      }
      if (!(sensor instanceof String s) || !SensorName.isLegal(s)) {
        problems.add(at + ".sensor: expected a sensor name (a legal topic name)");
        continue;
      }
      Set<String> allowed = new LinkedHashSet<>();
      if (indexes instanceof List<?> names) {
        for (int j = 0; j < names.size(); j++) {
          if (names.get(j) instanceof String n && SensorName.isLegal(n)) {
            allowed.add(n);
          } else {
            problems.add(at + ".indexes[" + j + "]: expected a sensor name");
          }
        }
      } else if (indexes != null) {
        problems.add(at + ".indexes: expected a list of sensor names");
      }
      if (disabled != null && !(disabled instanceof Boolean)) {
        problems.add(at + ".disabled: expected true or false");
      }
      tokens.add(new HecToken(t, s, allowed, Boolean.TRUE.equals(disabled)));
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("\n", problems));
    }
    return List.copyOf(tokens);
  }

  @Override
  public String toString() {
    // Never print the secret.
    return "HecToken[sensor=" + sensor + ", indexes=" + indexes + ", disabled=" + disabled + "]";
  }
}
