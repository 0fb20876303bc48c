package io.metron.streams.retention;

import io.metron.core.config.GlobalConfig;
import java.time.Duration;

/**
 * What the platform keeps, from the global config. A days or bytes value of 0 keeps everything by
 * that measure.
 *
 * @param interval how often retention runs ({@value #INTERVAL}, default 15 minutes)
 * @param indexAge search index day indices older than this are deleted ({@value #INDEX_DAYS},
 *     default 30 days)
 * @param indexBytes then the oldest day indices (never today's) while the index is larger ({@value
 *     #INDEX_BYTES}, default 0: no limit)
 * @param archiveAge archive files of days older than this are deleted ({@value #ARCHIVE_DAYS},
 *     default 0: the archive is the long-term record and is kept)
 * @param pcapAge packet store files whose last packet is older than this are deleted ({@value
 *     #PCAP_DAYS}, default 7 days)
 * @param pcapBytes then the oldest packet files while the store is larger ({@value #PCAP_BYTES},
 *     default 0: no limit)
 */
public record RetentionSettings(
    Duration interval,
    Duration indexAge,
    long indexBytes,
    Duration archiveAge,
    Duration pcapAge,
    long pcapBytes) {

  public static final String INTERVAL = "retention.interval.minutes";
  public static final String INDEX_DAYS = "retention.index.days";
  public static final String INDEX_BYTES = "retention.index.bytes";
  public static final String ARCHIVE_DAYS = "retention.archive.days";
  public static final String PCAP_DAYS = "retention.pcap.days";
  public static final String PCAP_BYTES = "retention.pcap.bytes";

  /**
   * Settings from the global config; absent keys take the defaults.
   *
   * @throws IllegalArgumentException naming the key whose value is not a whole number in range
   */
  public static RetentionSettings from(GlobalConfig global) {
    long minutes = number(global, INTERVAL, 15);
    if (minutes < 1) {
      throw new IllegalArgumentException(
          "global config " + INTERVAL + " must be at least 1, found " + minutes);
    }
    return new RetentionSettings(
        Duration.ofMinutes(minutes),
        days(global, INDEX_DAYS, 30),
        number(global, INDEX_BYTES, 0),
        days(global, ARCHIVE_DAYS, 0),
        days(global, PCAP_DAYS, 7),
        number(global, PCAP_BYTES, 0));
  }

  /** A days key as a duration, null for 0 (keep). */
  private static Duration days(GlobalConfig global, String key, long fallback) {
    long days = number(global, key, fallback);
    return days == 0 ? null : Duration.ofDays(days);
  }

  private static long number(GlobalConfig global, String key, long fallback) {
    Object raw = global.get(key);
    long value;
    if (raw == null) {
      return fallback;
    } else if (raw instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      value = n.longValue();
    } else {
      try {
        value = Long.parseLong(raw.toString().trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "global config " + key + " must be a whole number, found '" + raw + "'");
      }
    }
    if (value < 0) {
      throw new IllegalArgumentException(
          "global config " + key + " must not be negative, found " + value);
    }
    return value;
  }
}
