package io.metron.pcap.capture;

import io.metron.pcap.libpcap.PcapHandle;
import java.io.IOException;
import java.time.InstantSource;
import java.util.function.Consumer;

/**
 * The capture loop: libpcap to a {@link PacketSink}, until {@code maxPackets}, the end of a file,
 * or {@link #stop()}.
 *
 * <p>One thread runs {@link #run}; any thread may call {@link #stop()} or {@link #counters()}.
 * Packets the sink refuses count as dropped by us; the loop never blocks on the sink, so a slow
 * sink shows up in that counter rather than as kernel drops.
 */
public final class Capture {
  private final CaptureOptions options;
  private final InstantSource clock;
  private volatile boolean stopping;
  private volatile long received;
  private volatile long accepted;
  private volatile long refused;
  private volatile long bytes;
  private volatile PcapHandle.KernelStats kernel = new PcapHandle.KernelStats(0, 0, 0);
  private volatile PacketSink sink;
  private volatile PcapHandle handle;

  public Capture(CaptureOptions options, InstantSource clock) {
    this.options = options;
    this.clock = clock;
  }

  /** Opens the libpcap handle described by the options. */
  public PcapHandle open() {
    return options.iface() != null
        ? PcapHandle.openLive(
            options.iface(),
            options.snapLength(),
            options.promiscuous(),
            options.bufferBytes(),
            100,
            options.filter())
        : PcapHandle.openOffline(options.file(), options.filter());
  }

  /**
   * Captures into {@code out} until done; closes neither the handle nor the sink.
   *
   * @param report receives counters every {@code statsInterval} (from this thread)
   * @return the final counters
   * @throws IOException when the sink fails
   * @throws io.metron.pcap.libpcap.LibPcapException when libpcap fails (interface gone, truncated
   *     file); {@link #counters()} then covers the packets handed on before it
   */
  public CaptureCounters run(PcapHandle handle, PacketSink out, Consumer<CaptureCounters> report)
      throws IOException {
    this.sink = out;
    this.handle = handle;
    long max = options.maxPackets() > 0 ? options.maxPackets() : Long.MAX_VALUE;
    long interval =
        options.statsInterval() == null ? 0 : Math.max(0, options.statsInterval().toMillis());
    long nextReport = interval > 0 ? clock.millis() + interval : Long.MAX_VALUE;
    long got = 0;
    long wire = 0;
    long ok = 0;
    long no = 0;
    try {
      while (!stopping && got < max) {
        int rc = handle.next();
        if (rc == PcapHandle.PACKET) {
          got++;
          wire += handle.originalLength();
          if (out.accept(
              handle.timestampNanos(),
              handle.originalLength(),
              handle.buffer(),
              0,
              handle.capturedLength())) {
            ok++;
          } else {
            no++;
          }
          if ((got & 1023) == 0) {
            received = got;
            bytes = wire;
            accepted = ok;
            refused = no;
          }
        } else if (rc == PcapHandle.END) {
          break;
        }
        if (interval > 0 && (rc != PcapHandle.PACKET || (got & 255) == 0)) {
          long now = clock.millis();
          if (now >= nextReport) {
            received = got;
            bytes = wire;
            accepted = ok;
            refused = no;
            kernel = handle.stats();
            report.accept(counters());
            nextReport = now + interval;
          }
        }
      }
    } finally {
      // Also when libpcap fails mid-file: the counters then say how far the capture got.
      received = got;
      bytes = wire;
      accepted = ok;
      refused = no;
    }
    out.flush();
    kernel = handle.stats();
    return counters();
  }

  /** Asks the loop to finish; it returns promptly even on an idle interface. */
  public void stop() {
    stopping = true;
    PcapHandle h = handle;
    if (h != null) {
      h.breakLoop();
    }
  }

  /** Counters as of the last update (every 1024 packets, on reports and at the end). */
  public CaptureCounters counters() {
    PacketSink s = sink;
    long failed = s == null ? 0 : s.failed();
    return new CaptureCounters(
        received,
        bytes,
        accepted - failed,
        kernel.dropped(),
        kernel.interfaceDropped(),
        refused,
        failed);
  }
}
