package io.metron.pcap.capture;

import io.metron.pcap.libpcap.PcapHandle;
import java.io.IOException;
import java.time.InstantSource;
import java.util.function.Consumer;

/** The portable engine: one libpcap handle read by {@link Capture}'s loop. */
public final class LibPcapEngine implements CaptureEngine {
  private final Capture capture;
  private final PcapHandle handle;

  private LibPcapEngine(Capture capture, PcapHandle handle) {
    this.capture = capture;
    this.handle = handle;
  }

  /**
   * Opens the interface or file of {@code options} through libpcap.
   *
   * @throws io.metron.pcap.libpcap.LibPcapException with libpcap's reason
   */
  public static LibPcapEngine open(CaptureOptions options, InstantSource clock) {
    Capture c = new Capture(options, clock);
    return new LibPcapEngine(c, c.open());
  }

  @Override
  public String name() {
    return "libpcap";
  }

  @Override
  public String source() {
    return handle.source();
  }

  @Override
  public int linkType() {
    return handle.linkType();
  }

  @Override
  public int snapLength() {
    return handle.snapLength();
  }

  @Override
  public CaptureCounters run(PacketSink sink, Consumer<CaptureCounters> report) throws IOException {
    return capture.run(handle, sink, report);
  }

  @Override
  public void stop() {
    capture.stop();
  }

  @Override
  public CaptureCounters counters() {
    return capture.counters();
  }

  @Override
  public void close() {
    handle.close();
  }
}
