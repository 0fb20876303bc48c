package io.metron.pcap.kafka;

/** Where a consumer starts: pycapa's {@code --kafka-offset begin|end|stored}. */
public enum OffsetStart {
  /** The earliest retained record of every partition. */
  BEGIN,
  /** Only records produced after the consumer starts. */
  END,
  /** The consumer group's committed offsets (the earliest where the group has none). */
  STORED;

  public static OffsetStart parse(String text) {
    return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "begin", "beginning", "earliest" -> BEGIN;
      case "end", "latest" -> END;
      case "stored", "committed" -> STORED;
      default ->
          throw new IllegalArgumentException(
              "--kafka-offset '" + text + "': use begin, end or stored");
    };
  }
}
