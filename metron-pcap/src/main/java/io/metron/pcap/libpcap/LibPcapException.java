package io.metron.pcap.libpcap;

/**
 * A libpcap call failed, or libpcap is not installed. The message is libpcap's own text (such as
 * "eth9: No such device exists") prefixed with what we were doing.
 */
public final class LibPcapException extends RuntimeException {
  public LibPcapException(String message) {
    super(message);
  }

  public LibPcapException(String message, Throwable cause) {
    super(message, cause);
  }
}
