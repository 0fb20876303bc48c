package io.metron.pcap.capture;

import java.io.IOException;

/**
 * Where captured packets go (a pcap file, a Kafka topic, a test list).
 *
 * <p>Contract: called by one capture thread at a time, unless {@link #threadSafe()} says several
 * may call at once (the AF_PACKET engine with {@code --threads} above one wraps other sinks in
 * {@link #synchronizedSink}). {@link #accept} copies what it keeps (the buffer is reused) and never
 * blocks for long: a sink that cannot take a packet now returns false and the packet counts as
 * dropped by us. Packet content never causes an exception; an {@link IOException} means the sink
 * itself failed and stops the capture.
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

  /** True when {@link #accept} may be called from several threads at once. */
  default boolean threadSafe() {
    return false;
  }

  /** {@code sink} itself when it is thread-safe, else a wrapper taking one call at a time. */
  static PacketSink synchronizedSink(PacketSink sink) {
    if (sink.threadSafe()) {
      return sink;
    }
    return new PacketSink() {
      @Override
      public synchronized boolean accept(
          long ts, int originalLength, byte[] data, int offset, int length) throws IOException {
        return sink.accept(ts, originalLength, data, offset, length);
      }

      @Override
      public synchronized void flush() throws IOException {
        sink.flush();
      }

      @Override
      public long failed() {
        return sink.failed();
      }

      @Override
      public boolean threadSafe() {
        return true;
      }

      @Override
      public synchronized void close() throws IOException {
        sink.close();
      }
    };
  }

  @Override
  void close() throws IOException;
}
