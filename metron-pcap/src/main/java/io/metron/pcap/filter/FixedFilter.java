package io.metron.pcap.filter;

import io.metron.pcap.decode.AddressText;
import io.metron.pcap.decode.DecodedPacket;

/**
 * Metron's fixed pcap filter: every field that is set must equal the packet's; with {@code
 * includeReverse} the packet also matches when source and destination are swapped. A packet that
 * lacks a field (no IP layer, no ports) does not match a filter that sets it. Immutable and
 * thread-safe.
 *
 * @param srcAddr source address bytes (4 or 16), or null for any
 * @param dstAddr destination address bytes, or null for any
 * @param srcPort source port, or -1 for any
 * @param dstPort destination port, or -1 for any
 * @param protocol IP protocol number, or -1 for any
 * @param includeReverse also accept the reverse direction
 */
public record FixedFilter(
    byte[] srcAddr, byte[] dstAddr, int srcPort, int dstPort, int protocol, boolean includeReverse)
    implements PacketPredicate {

  /** A filter that accepts every packet. */
  public static final FixedFilter ANY = new FixedFilter(null, null, -1, -1, -1, false);

  /**
   * Builds a filter from user text; null or blank means "any".
   *
   * @throws IllegalArgumentException naming the option when a value is not valid
   */
  public static FixedFilter parse(
      String srcAddr,
      String dstAddr,
      String srcPort,
      String dstPort,
      String protocol,
      boolean includeReverse) {
    return new FixedFilter(
        addr("ip_src_addr", srcAddr),
        addr("ip_dst_addr", dstAddr),
        port("ip_src_port", srcPort),
        port("ip_dst_port", dstPort),
        protocol(protocol),
        includeReverse);
  }

  private static byte[] addr(String field, String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return AddressText.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + ": " + e.getMessage());
    }
  }

  private static int port(String field, String text) {
    if (text == null || text.isBlank()) {
      return -1;
    }
    try {
      int p = Integer.parseInt(text.trim());
      if (p < 0 || p > 65535) {
        throw new NumberFormatException();
      }
      return p;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(field + ": '" + text + "' is not a port number (0-65535)");
    }
  }

  private static int protocol(String text) {
    if (text == null || text.isBlank()) {
      return -1;
    }
    String t = text.trim().toLowerCase(java.util.Locale.ROOT);
    switch (t) {
      case "icmp":
        return 1;
      case "tcp":
        return 6;
      case "udp":
        return 17;
      case "icmp6", "icmpv6", "ipv6-icmp":
        return 58;
      case "sctp":
        return 132;
      default:
        break;
    }
    try {
      int p = Integer.parseInt(t);
      if (p < 0 || p > 255) {
        throw new NumberFormatException();
      }
      return p;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "protocol: '" + text + "' is not an IP protocol number (0-255) or tcp/udp/icmp/icmp6");
    }
  }

  /** True when no field is set, so every packet matches. */
  public boolean isAny() {
    return srcAddr == null && dstAddr == null && srcPort < 0 && dstPort < 0 && protocol < 0;
  }

  @Override
  public boolean test(DecodedPacket p) {
    if (isAny()) {
      return true;
    }
    if (protocol >= 0 && p.protocol() != protocol) {
      return false;
    }
    if (forward(p)) {
      return true;
    }
    return includeReverse && reverse(p);
  }

  private boolean forward(DecodedPacket p) {
    return (srcAddr == null || p.srcAddressEquals(srcAddr))
        && (dstAddr == null || p.dstAddressEquals(dstAddr))
        && (srcPort < 0 || p.srcPort() == srcPort)
        && (dstPort < 0 || p.dstPort() == dstPort);
  }

  private boolean reverse(DecodedPacket p) {
    return (srcAddr == null || p.dstAddressEquals(srcAddr))
        && (dstAddr == null || p.srcAddressEquals(dstAddr))
        && (srcPort < 0 || p.dstPort() == srcPort)
        && (dstPort < 0 || p.srcPort() == dstPort);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FixedFilter f
        && java.util.Arrays.equals(srcAddr, f.srcAddr)
        && java.util.Arrays.equals(dstAddr, f.dstAddr)
        && srcPort == f.srcPort
        && dstPort == f.dstPort
        && protocol == f.protocol
        && includeReverse == f.includeReverse;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(
        java.util.Arrays.hashCode(srcAddr),
        java.util.Arrays.hashCode(dstAddr),
        srcPort,
        dstPort,
        protocol,
        includeReverse);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("FixedFilter[");
    if (srcAddr != null) {
      sb.append("ip_src_addr=").append(AddressText.format(srcAddr, srcAddr.length)).append(' ');
    }
    if (dstAddr != null) {
      sb.append("ip_dst_addr=").append(AddressText.format(dstAddr, dstAddr.length)).append(' ');
    }
    if (srcPort >= 0) {
      sb.append("ip_src_port=").append(srcPort).append(' ');
    }
    if (dstPort >= 0) {
      sb.append("ip_dst_port=").append(dstPort).append(' ');
    }
    if (protocol >= 0) {
      sb.append("protocol=").append(protocol).append(' ');
    }
    if (includeReverse) {
      sb.append("include_reverse ");
    }
    return sb.toString().trim() + "]";
  }
}
