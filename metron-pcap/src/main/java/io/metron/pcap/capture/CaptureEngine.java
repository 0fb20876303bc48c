package io.metron.pcap.capture;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * A source of captured packets: libpcap ({@link LibPcapEngine}, portable, also reads files) or the
 * Linux AF_PACKET ring ({@code io.metron.pcap.afpacket.AfPacketEngine}).
 *
 * <p>One thread calls {@link #run}; any thread may call {@link #stop()} or {@link #counters()}.
 * {@link #close()} after {@link #run} has returned.
 */
public interface CaptureEngine extends AutoCloseable {
  /** "afpacket" or "libpcap", for messages. */
  String name();

  /** The interface or file captured. */
  String source();

  /** The pcap link type of the packets (1: Ethernet). */
  int linkType();

  /** Bytes kept per packet. */
  int snapLength();

  /**
   * Captures into {@code sink} until the packet limit, the end of a file or {@link #stop()}; closes
   * neither itself nor the sink, but flushes the sink before returning.
   *
   * @param report receives counters every statistics interval (from the calling thread)
   * @return the final counters
   * @throws IOException when the sink fails
   */
  CaptureCounters run(PacketSink sink, Consumer<CaptureCounters> report) throws IOException;

  /** Asks {@link #run} to finish; it returns promptly, also on an idle interface. */
  void stop();

  /** Counters as of now (or the last update). */
  CaptureCounters counters();

  @Override
  void close();
}
