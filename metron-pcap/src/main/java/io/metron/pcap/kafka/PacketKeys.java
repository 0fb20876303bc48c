package io.metron.pcap.kafka;

/**
 * Kafka record keys of the {@code pcap} topic: the timestamp as 8 big-endian bytes, in a unit
 * (Metron's {@code kafka.pcap.ts_granularity}; pycapa writes microseconds).
 */
public enum PacketKeys {
  MILLISECONDS(1_000_000L),
  MICROSECONDS(1_000L),
  NANOSECONDS(1L);

  private final long nanosPerUnit;

  PacketKeys(long nanosPerUnit) {
    this.nanosPerUnit = nanosPerUnit;
  }

  /** The key for a packet captured at {@code timestampNanos}. */
  public byte[] key(long timestampNanos) {
    long v = Long.divideUnsigned(timestampNanos, nanosPerUnit);
    byte[] k = new byte[8];
    for (int i = 7; i >= 0; i--) {
      k[i] = (byte) v;
      v >>>= 8;
    }
    return k;
  }

  /**
   * The timestamp in a key, in nanoseconds.
   *
   * @return -1 when the key is not 8 bytes
   */
  public long timestampNanos(byte[] key) {
    if (key == null || key.length != 8) {
      return -1;
    }
    long v = 0;
    for (byte b : key) {
      v = (v << 8) | (b & 0xff);
    }
    return v * nanosPerUnit;
  }

  /** Parses {@code MICROSECONDS}, {@code micro}, {@code us}, ... */
  public static PacketKeys parse(String text) {
    String t = text.trim().toLowerCase(java.util.Locale.ROOT);
    if (t.startsWith("milli") || t.equals("ms")) {
      return MILLISECONDS;
    }
    if (t.startsWith("micro") || t.equals("us")) {
      return MICROSECONDS;
    }
    if (t.startsWith("nano") || t.equals("ns")) {
      return NANOSECONDS;
    }
    throw new IllegalArgumentException(
        "timestamp unit '" + text + "': use milliseconds, microseconds or nanoseconds");
  }
}
