package io.metron.pcap.afpacket;

/**
 * An AF_PACKET socket could not be opened, configured or read. The message names the interface, the
 * step and the kernel's reason (for example "setsockopt PACKET_RX_RING on eth0: Cannot allocate
 * memory (errno 12)").
 */
public final class AfPacketException extends RuntimeException {
  public AfPacketException(String message) {
    super(message);
  }

  public AfPacketException(String message, Throwable cause) {
    super(message, cause);
  }
}
