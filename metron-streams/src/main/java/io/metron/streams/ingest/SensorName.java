package io.metron.streams.ingest;

import java.util.regex.Pattern;

/** The rule for sensor names an edge writes to: they are Kafka topic names. */
public final class SensorName {
  private static final Pattern LEGAL = Pattern.compile("[A-Za-z0-9._-]{1,249}");

  private SensorName() {}

  /** Whether {@code name} can be a sensor topic. */
  public static boolean isLegal(String name) {
    return name != null && LEGAL.matcher(name).matches() && !name.equals(".") && !name.equals("..");
  }

  /**
   * Returns {@code name} if legal.
   *
   * @throws IllegalArgumentException naming the sensor and the rule, when not
   */
  public static String check(String name, String where) {
    if (!isLegal(name)) {
      throw new IllegalArgumentException(
          where
              + ": sensor name '"
              + name
              + "' is not a legal topic name (1 to 249 of letters, digits, '.', '_' and '-')");
    }
    return name;
  }
}
