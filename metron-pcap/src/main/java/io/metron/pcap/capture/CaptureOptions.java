package io.metron.pcap.capture;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What to capture.
 *
 * @param iface live interface name, or null when reading {@code file}
 * @param file pcap file to read through libpcap instead of an interface, or null
 * @param snapLength bytes kept per packet (pycapa's default is 65535)
 * @param promiscuous promiscuous mode for a live interface
 * @param filter tcpdump expression, or null
 * @param maxPackets stop after this many packets; 0 or less for no limit
 * @param bufferBytes kernel capture buffer
 * @param statsInterval print counters this often; null or zero for only at the end
 */
public record CaptureOptions(
    String iface,
    Path file,
    int snapLength,
    boolean promiscuous,
    String filter,
    long maxPackets,
    int bufferBytes,
    Duration statsInterval) {

  public CaptureOptions {
    if ((iface == null) == (file == null)) {
      throw new IllegalArgumentException("give exactly one of --interface or --file");
    }
    if (snapLength <= 0 || snapLength > 262144) {
      throw new IllegalArgumentException(
          "--snaplen must be between 1 and 262144, got " + snapLength);
    }
    if (bufferBytes < 65536) {
      throw new IllegalArgumentException("capture buffer must be at least 64 KiB");
    }
  }

  /** Live capture of an interface with pycapa's defaults. */
  public static CaptureOptions live(String iface) {
    return new CaptureOptions(iface, null, 65535, true, null, 0, 64 << 20, null);
  }

  /** Reading a pcap file through libpcap. */
  public static CaptureOptions file(Path file) {
    return new CaptureOptions(null, file, 65535, false, null, 0, 64 << 20, null);
  }

  public CaptureOptions withFilter(String f) {
    return new CaptureOptions(
        iface, file, snapLength, promiscuous, f, maxPackets, bufferBytes, statsInterval);
  }

  public CaptureOptions withMaxPackets(long n) {
    return new CaptureOptions(
        iface, file, snapLength, promiscuous, filter, n, bufferBytes, statsInterval);
  }

  public CaptureOptions withSnapLength(int n) {
    return new CaptureOptions(
        iface, file, n, promiscuous, filter, maxPackets, bufferBytes, statsInterval);
  }

  public CaptureOptions withPromiscuous(boolean p) {
    return new CaptureOptions(
        iface, file, snapLength, p, filter, maxPackets, bufferBytes, statsInterval);
  }

  public CaptureOptions withStatsInterval(Duration d) {
    return new CaptureOptions(
        iface, file, snapLength, promiscuous, filter, maxPackets, bufferBytes, d);
  }
}
