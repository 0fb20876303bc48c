package io.metron.pcap.decode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link PacketDecoder} could read from one packet. Mutable and reused from packet to packet,
 * so it belongs to one thread; fields of layers that were not present read as -1 (numbers) or 0
 * ({@link #ipVersion()}).
 *
 * <p>The packet bytes are not copied: {@link #buffer()}, {@link #offset()} and {@link #length()}
 * point into the caller's buffer and are valid only as long as that buffer is.
 */
public final class DecodedPacket {
  /** Most VLAN tags kept from a stack; deeper tags are skipped but still decoded past. */
  public static final int MAX_VLANS = 8;

  byte[] buffer;
  int offset;
  int length;
  int originalLength;
  long timestampNanos;
  int linkType;
  int etherType;
  final int[] vlanIds = new int[MAX_VLANS];
  int vlanCount;
  int ipVersion;
  int ipOffset;
  final byte[] srcAddr = new byte[16];
  final byte[] dstAddr = new byte[16];
  int protocol;
  boolean laterFragment;
  int srcPort;
  int dstPort;
  int tcpFlags;
  int icmpType;
  int icmpCode;
  int l4Offset;
  int payloadOffset;
  int payloadLength;

  void reset(byte[] buf, int off, int len, int link) {
    buffer = buf;
    offset = off;
    length = len;
    linkType = link;
    etherType = -1;
    vlanCount = 0;
    ipVersion = 0;
    ipOffset = -1;
    protocol = -1;
    laterFragment = false;
    srcPort = -1;
    dstPort = -1;
    tcpFlags = -1;
    icmpType = -1;
    icmpCode = -1;
    l4Offset = -1;
    payloadOffset = -1;
    payloadLength = 0;
  }

  public byte[] buffer() {
    return buffer;
  }

  public int offset() {
    return offset;
  }

  /** Captured length of the packet. */
  public int length() {
    return length;
  }

  public int originalLength() {
    return originalLength;
  }

  public long timestampNanos() {
    return timestampNanos;
  }

  public int linkType() {
    return linkType;
  }

  /** Innermost EtherType (after VLAN tags), or -1 when the link layer has none. */
  public int etherType() {
    return etherType;
  }

  public int vlanCount() {
    return vlanCount;
  }

  /** VLAN id of the {@code i}-th tag from the outside. */
  public int vlanId(int i) {
    return vlanIds[i];
  }

  /** 4, 6, or 0 when the packet is not IP. */
  public int ipVersion() {
    return ipVersion;
  }

  /** IP protocol number of the transport (after IPv6 extension headers), or -1. */
  public int protocol() {
    return protocol;
  }

  /** True for an IP fragment other than the first: it has no transport header. */
  public boolean laterFragment() {
    return laterFragment;
  }

  public int srcPort() {
    return srcPort;
  }

  public int dstPort() {
    return dstPort;
  }

  public int tcpFlags() {
    return tcpFlags;
  }

  public int icmpType() {
    return icmpType;
  }

  public int icmpCode() {
    return icmpCode;
  }

  /** Offset in {@link #buffer()} of the IP header, or -1. */
  public int ipOffset() {
    return ipOffset;
  }

  /** Offset in {@link #buffer()} of the transport payload, or -1. */
  public int payloadOffset() {
    return payloadOffset;
  }

  public int payloadLength() {
    return payloadLength;
  }

  /** True when the source address is {@code addr} (4 bytes for IPv4, 16 for IPv6). */
  public boolean srcAddressEquals(byte[] addr) {
    return addressEquals(srcAddr, addr);
  }

  /** True when the destination address is {@code addr} (4 bytes for IPv4, 16 for IPv6). */
  public boolean dstAddressEquals(byte[] addr) {
    return addressEquals(dstAddr, addr);
  }

  private boolean addressEquals(byte[] mine, byte[] other) {
    int n = ipVersion == 4 ? 4 : ipVersion == 6 ? 16 : 0;
    if (n == 0 || other.length != n) {
      return false;
    }
    return Arrays.equals(mine, 0, n, other, 0, n);
  }

  /** Copies the source address (4 or 16 bytes) into {@code out} at {@code at}. */
  public void copySrcAddress(byte[] out, int at) {
    System.arraycopy(srcAddr, 0, out, at, ipVersion == 4 ? 4 : 16);
  }

  public void copyDstAddress(byte[] out, int at) {
    System.arraycopy(dstAddr, 0, out, at, ipVersion == 4 ? 4 : 16);
  }

  /** Source address as text (dotted quad or RFC 5952 IPv6), or null when not IP. */
  public String ipSrcAddr() {
    return ipVersion == 0 ? null : AddressText.format(srcAddr, ipVersion == 4 ? 4 : 16);
  }

  public String ipDstAddr() {
    return ipVersion == 0 ? null : AddressText.format(dstAddr, ipVersion == 4 ? 4 : 16);
  }

  /** The captured packet bytes (a copy). */
  public byte[] packetBytes() {
    return Arrays.copyOfRange(buffer, offset, offset + length);
  }

  /** The transport payload bytes (a copy; empty when there is none). */
  public byte[] payloadBytes() {
    return payloadOffset < 0
        ? new byte[0]
        : Arrays.copyOfRange(buffer, payloadOffset, payloadOffset + payloadLength);
  }

  /**
   * Metron's packet fields, for the Stellar query filter and for display. Keys that do not apply to
   * this packet are absent, as in Metron. {@code packet} holds the raw packet bytes and {@code
   * payload} the transport payload.
   */
  public Map<String, Object> toFields() {
    Map<String, Object> m = new LinkedHashMap<>();
    if (ipVersion != 0) {
      m.put("ip_src_addr", ipSrcAddr());
      m.put("ip_dst_addr", ipDstAddr());
      m.put("ip_version", ipVersion);
    }
    if (srcPort >= 0) {
      m.put("ip_src_port", srcPort);
      m.put("ip_dst_port", dstPort);
    }
    if (protocol >= 0) {
      m.put("protocol", protocol);
    }
    if (etherType >= 0) {
      m.put("ethertype", etherType);
    }
    if (vlanCount > 0) {
      List<Integer> vlans = new ArrayList<>(vlanCount);
      for (int i = 0; i < vlanCount; i++) {
        vlans.add(vlanIds[i]);
      }
      m.put("vlan", vlans);
    }
    if (tcpFlags >= 0) {
      m.put("tcp_flags", tcpFlags);
    }
    if (icmpType >= 0) {
      m.put("icmp_type", icmpType);
      m.put("icmp_code", icmpCode);
    }
    m.put("packet_timestamp", timestampNanos);
    m.put("timestamp", Math.floorDiv(timestampNanos, 1_000_000L));
    m.put("captured_length", length);
    m.put("original_length", originalLength);
    m.put("packet", packetBytes());
    m.put("payload", payloadBytes());
    return m;
  }
}
