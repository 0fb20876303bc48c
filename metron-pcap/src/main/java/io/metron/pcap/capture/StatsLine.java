package io.metron.pcap.capture;

import java.util.Locale;

/**
 * The {@code --stats} line: rates since the previous line and totals since the start, e.g. {@code
 * stats 10.0s: 174210 pkt/s 998.1 Mbit/s | received=1742100 kernel_drops=0 queue_drops=0
 * kafka_errors=0 sent=1742100}. Not thread-safe (one reporting thread).
 */
public final class StatsLine {
  private final long startMillis;
  private final String errorsName;
  private CaptureCounters last = CaptureCounters.ZERO;
  private long lastMillis;

  /**
   * @param errorsName what the sink's errors are called ("kafka_errors", "write_errors")
   */
  public StatsLine(long startMillis, String errorsName) {
    this.startMillis = startMillis;
    this.lastMillis = startMillis;
    this.errorsName = errorsName;
  }

  /** The line for {@code now}, with rates over the time since the previous call. */
  public String next(CaptureCounters c, long nowMillis) {
    double seconds = Math.max(1, nowMillis - lastMillis) / 1000.0;
    double pps = (c.received() - last.received()) / seconds;
    double mbps = (c.bytes() - last.bytes()) * 8 / seconds / 1e6;
    last = c;
    lastMillis = nowMillis;
    return String.format(
        Locale.ROOT,
        "stats %.1fs: %.0f pkt/s %.1f Mbit/s | received=%d bytes=%d kernel_drops=%d"
            + " interface_drops=%d queue_drops=%d %s=%d sent=%d",
        (nowMillis - startMillis) / 1000.0,
        pps,
        mbps,
        c.received(),
        c.bytes(),
        c.droppedByKernel(),
        c.droppedByInterface(),
        c.queueDrops(),
        errorsName,
        c.sinkErrors(),
        c.sent());
  }
}
