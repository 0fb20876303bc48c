package io.metron.pcap.capture;

import java.io.IOException;

/**
 * Where captured packets go (a pcap file, a Kafka topic, a test list).
 *
 * <p>Contract: called from the capture thread only. {@link #accept} copies what it keeps (the
 * buffer is reused) and never blocks for long: a sink that cannot take a packet now returns false
 * and the packet counts as dropped by us. Packet content never causes an exception; an {@link
 * IOException} means the sink itself failed and stops the capture.
 */
public interface PacketSink extends AutoCloseable {

  /**
   * Offers one packet.
   *
   * @return true when taken, false when dropped for lack of room
   */
  boolean accept(long timestampNanos, int originalLength, byte[] data, int offset, int length)
      throws IOException;

  /** Pushes out whatever is buffered. */
  void flush() throws IOException;

  /** Packets accepted earlier that the sink later failed to deliver (asynchronous sinks). */
  default long failed() {
    return 0;
  }

  @Override
  void close() throws IOException;
}
