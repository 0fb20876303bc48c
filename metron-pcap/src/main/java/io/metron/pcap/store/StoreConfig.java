package io.metron.pcap.store;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Packet store settings.
 *
 * @param root directory holding the day directories
 * @param topic name written into file names (Metron used the Kafka topic, {@code pcap})
 * @param rollBytes start a new file once the current one reaches this size
 * @param rollAge start a new file once the current one's first packet is this old (wall clock)
 * @param retainAge delete sealed files whose last packet is older than this; null keeps all
 * @param retainBytes delete the oldest sealed files while the store is larger; 0 or less keeps all
 * @param linkType link type of the stored packets (Kafka carries Ethernet frames: 1)
 * @param snapLength snap length written into file headers
 */
public record StoreConfig(
    Path root,
    String topic,
    long rollBytes,
    Duration rollAge,
    Duration retainAge,
    long retainBytes,
    int linkType,
    int snapLength) {

  /** Largest roll size: data files are memory-mapped whole when queried. */
  public static final long MAX_ROLL_BYTES = 1L << 30;

  public StoreConfig {
    if (root == null) {
      throw new IllegalArgumentException("packet store: root directory is required");
    }
    if (topic == null || topic.isBlank() || !topic.matches("[A-Za-z0-9.-]+")) {
      throw new IllegalArgumentException(
          "packet store: topic '" + topic + "' must be letters, digits, '.' or '-'");
    }
    if (rollBytes < 4096 || rollBytes > MAX_ROLL_BYTES) {
      throw new IllegalArgumentException(
          "packet store: rollBytes " + rollBytes + " must be between 4096 and " + MAX_ROLL_BYTES);
    }
    if (rollAge == null || rollAge.isNegative() || rollAge.isZero()) {
      throw new IllegalArgumentException("packet store: rollAge must be positive");
    }
    if (retainAge != null && (retainAge.isNegative() || retainAge.isZero())) {
      throw new IllegalArgumentException("packet store: retainAge must be positive when set");
    }
  }

  /** Defaults: 128 MiB or 5 minutes per file, keep everything, Ethernet. */
  public static StoreConfig defaults(Path root) {
    return new StoreConfig(root, "pcap", 128L << 20, Duration.ofMinutes(5), null, 0, 1, 262144);
  }

  public StoreConfig withRoll(long bytes, Duration age) {
    return new StoreConfig(root, topic, bytes, age, retainAge, retainBytes, linkType, snapLength);
  }

  public StoreConfig withRetention(Duration age, long bytes) {
    return new StoreConfig(root, topic, rollBytes, rollAge, age, bytes, linkType, snapLength);
  }
}
