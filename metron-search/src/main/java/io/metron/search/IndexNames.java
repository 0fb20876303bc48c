package io.metron.search;

import io.metron.core.message.Message;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Metron's index naming, shared by both back ends: {@code <sensor>_index_<yyyy.MM.dd>} of the
 * message's own timestamp (UTC), so a replay lands where the first write did.
 */
public final class IndexNames {
  /** What separates the sensor from the day in an index name. */
  public static final String INFIX = "_index_";

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy.MM.dd", Locale.ROOT).withZone(ZoneOffset.UTC);

  private IndexNames() {}

  /** Names already made, by sensor and epoch day: formatting a date per message is costly. */
  private static final java.util.Map<String, java.util.Map<Long, String>> CACHE =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** The index a message belongs in: its sensor and the UTC day of its timestamp. */
  public static String of(Message message) {
    return of(message.sourceType(), message);
  }

  /**
   * The index a message belongs in when its sensor's indexing config names the index ({@code
   * index}, Metron's index name prefix): {@code <index>_index_<day of its timestamp>}; a null
   * {@code index} means the message's sensor.
   */
  public static String of(String index, Message message) {
    Long ts = message.timestamp();
    long millis = ts == null ? 0 : ts;
    String base = index == null ? message.sourceType() : index;
    java.util.Map<Long, String> bySensor =
        CACHE.computeIfAbsent(
            base == null ? "" : base, s -> new java.util.concurrent.ConcurrentHashMap<>());
    long day = Math.floorDiv(millis, 86_400_000L);
    String name = bySensor.get(day);
    if (name == null) {
      name = sensorPart(base) + INFIX + DAY.format(Instant.ofEpochMilli(millis));
      if (bySensor.size() < 4096) {
        bySensor.put(day, name);
      }
    }
    return name;
  }

  /** The sensor name as it appears in index names: lower case, safe characters only. */
  public static String sensorPart(String sensor) {
    return sensor == null
        ? "unknown"
        : sensor.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]", "_");
  }

  /** The UTC day an index name ends with, or null if it has none. */
  public static LocalDate dayOf(String indexName) {
    int at = indexName.lastIndexOf(INFIX);
    if (at < 0) {
      return null;
    }
    try {
      return LocalDate.parse(indexName.substring(at + INFIX.length()), DAY);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
