package io.metron.pcap.capture;

/**
 * Capture statistics, as printed at {@code --stats-interval} and on exit.
 *
 * @param received packets read from the capture engine
 * @param bytes their length on the wire, added up
 * @param sent packets the sink took (and, for asynchronous sinks, did not later fail)
 * @param droppedByKernel packets the kernel dropped (capture buffer or ring full)
 * @param droppedByInterface packets the interface or driver dropped
 * @param queueDrops packets we read but the sink refused (its bounded queue was full)
 * @param sinkErrors packets the sink took but then failed to deliver (Kafka send errors)
 */
public record CaptureCounters(
    long received,
    long bytes,
    long sent,
    long droppedByKernel,
    long droppedByInterface,
    long queueDrops,
    long sinkErrors) {

  /** Nothing yet. */
  public static final CaptureCounters ZERO = new CaptureCounters(0, 0, 0, 0, 0, 0, 0);

  /** Packets we read but did not deliver: refused by the sink, or failed in it. */
  public long droppedByUs() {
    return queueDrops + sinkErrors;
  }

  /** One line for logs and the terminal. */
  public String line() {
    return "received="
        + received
        + " sent="
        + sent
        + " dropped_by_kernel="
        + droppedByKernel
        + " dropped_by_interface="
        + droppedByInterface
        + " dropped_by_us="
        + droppedByUs();
  }
}
