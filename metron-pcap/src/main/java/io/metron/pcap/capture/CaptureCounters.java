package io.metron.pcap.capture;

/**
 * Capture statistics, as printed at {@code --stats-interval} and on exit.
 *
 * @param received packets read from libpcap
 * @param sent packets the sink took (and, for asynchronous sinks, did not later fail)
 * @param droppedByKernel packets libpcap reports the kernel dropped (buffer full)
 * @param droppedByInterface packets the interface or driver dropped
 * @param droppedByUs packets we read but could not hand on (sink full or failed)
 */
public record CaptureCounters(
    long received, long sent, long droppedByKernel, long droppedByInterface, long droppedByUs) {

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
        + droppedByUs;
  }
}
