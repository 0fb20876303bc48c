package io.metron.pcap.decode;

/**
 * Decodes link, network and transport headers into a {@link DecodedPacket}.
 *
 * <p>Stateless and thread-safe; each thread passes its own {@link DecodedPacket}. Never throws for
 * bad data: a header that is cut short or inconsistent stops decoding at the layer before it, and
 * what was read so far stays in the result.
 */
public final class PacketDecoder {
  private static final int ETH_IPV4 = 0x0800;
  private static final int ETH_IPV6 = 0x86DD;
  private static final int ETH_VLAN = 0x8100;
  private static final int ETH_QINQ = 0x88A8;
  private static final int ETH_QINQ_OLD = 0x9100;
  private static final int PROTO_ICMP = 1;
  private static final int PROTO_TCP = 6;
  private static final int PROTO_UDP = 17;
  private static final int PROTO_ICMPV6 = 58;
  private static final int PROTO_SCTP = 132;

  /**
   * Decodes one packet.
   *
   * @param linkType LINKTYPE_ of the capture
   * @param buf bytes holding the packet
   * @param off where the packet starts in {@code buf}
   * @param len captured length
   * @param out reused result, overwritten
   * @return {@code out}
   */
  public DecodedPacket decode(int linkType, byte[] buf, int off, int len, DecodedPacket out) {
    out.reset(buf, off, len, linkType);
    out.originalLength = len;
    int end = off + len;
    switch (linkType) {
      case LinkType.ETHERNET -> ethernet(buf, off, end, out);
      case LinkType.RAW, LinkType.RAW_BSD12, LinkType.RAW_BSD14 -> rawIp(buf, off, end, out);
      case LinkType.IPV4 -> ipv4(buf, off, end, out);
      case LinkType.IPV6 -> ipv6(buf, off, end, out);
      case LinkType.LINUX_SLL -> {
        if (end - off >= 16) {
          etherPayload(u16(buf, off + 14), buf, off + 16, end, out);
        }
      }
      case LinkType.LINUX_SLL2 -> {
        if (end - off >= 20) {
          etherPayload(u16(buf, off), buf, off + 20, end, out);
        }
      }
      case LinkType.NULL, LinkType.LOOP -> loopback(buf, off, end, out, linkType);
      default -> {}
    }
    return out;
  }

  /** Decodes and also records the timestamp and wire length, for readers of pcap records. */
  public DecodedPacket decode(
      int linkType,
      byte[] buf,
      int off,
      int len,
      int originalLength,
      long timestampNanos,
      DecodedPacket out) {
    decode(linkType, buf, off, len, out);
    out.originalLength = originalLength;
    out.timestampNanos = timestampNanos;
    return out;
  }

  private static int u16(byte[] b, int i) {
    return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
  }

  private void ethernet(byte[] b, int p, int end, DecodedPacket out) {
    if (end - p < 14) {
      return;
    }
    int type = u16(b, p + 12);
    p += 14;
    if (type <= 1500) {
      // 802.3 length field: only LLC/SNAP frames carry an EtherType.
      if (end - p >= 8
          && (b[p] & 0xff) == 0xAA
          && (b[p + 1] & 0xff) == 0xAA
          && (b[p + 2] & 0xff) == 0x03) {
        type = u16(b, p + 6);
        p += 8;
      } else {
        return;
      }
    }
    etherPayload(type, b, p, end, out);
  }

  private void etherPayload(int type, byte[] b, int p, int end, DecodedPacket out) {
    while (type == ETH_VLAN || type == ETH_QINQ || type == ETH_QINQ_OLD) {
      if (end - p < 4) {
        out.etherType = type;
        return;
      }
      if (out.vlanCount < DecodedPacket.MAX_VLANS) {
        out.vlanIds[out.vlanCount++] = u16(b, p) & 0x0fff;
      }
      type = u16(b, p + 2);
      p += 4;
    }
    out.etherType = type;
    if (type == ETH_IPV4) {
      ipv4(b, p, end, out);
    } else if (type == ETH_IPV6) {
      ipv6(b, p, end, out);
    }
  }

  private void rawIp(byte[] b, int p, int end, DecodedPacket out) {
    if (end - p < 1) {
      return;
    }
    int version = (b[p] & 0xff) >>> 4;
    if (version == 4) {
      ipv4(b, p, end, out);
    } else if (version == 6) {
      ipv6(b, p, end, out);
    }
  }

  private void loopback(byte[] b, int p, int end, DecodedPacket out, int linkType) {
    if (end - p < 4) {
      return;
    }
    int family;
    if (linkType == LinkType.LOOP) {
      family = ((b[p] & 0xff) << 24) | ((b[p + 1] & 0xff) << 16) | u16(b, p + 2);
    } else {
      // DLT_NULL stores the family in the capturing host's byte order: accept either.
      int be = ((b[p] & 0xff) << 24) | ((b[p + 1] & 0xff) << 16) | u16(b, p + 2);
      family = (be & 0xffff0000) != 0 ? Integer.reverseBytes(be) : be;
    }
    if (family == 2) {
      ipv4(b, p + 4, end, out);
    } else if (family == 10 || family == 24 || family == 28 || family == 30) {
      ipv6(b, p + 4, end, out);
    }
  }

  private void ipv4(byte[] b, int p, int end, DecodedPacket out) {
    if (end - p < 20 || ((b[p] & 0xff) >>> 4) != 4) {
      return;
    }
    int ihl = (b[p] & 0x0f) * 4;
    if (ihl < 20 || end - p < ihl) {
      return;
    }
    int total = u16(b, p + 2);
    out.ipVersion = 4;
    out.ipOffset = p;
    System.arraycopy(b, p + 12, out.srcAddr, 0, 4);
    System.arraycopy(b, p + 16, out.dstAddr, 0, 4);
    out.protocol = b[p + 9] & 0xff;
    int fragOffset = u16(b, p + 6) & 0x1fff;
    // The captured bytes may include link-layer padding past the datagram's end.
    int ipEnd = total >= ihl ? Math.min(end, p + total) : end;
    if (fragOffset != 0) {
      out.laterFragment = true;
      return;
    }
    transport(out.protocol, b, p + ihl, ipEnd, out);
  }

  private void ipv6(byte[] b, int p, int end, DecodedPacket out) {
    if (end - p < 40 || ((b[p] & 0xff) >>> 4) != 6) {
      return;
    }
    out.ipVersion = 6;
    out.ipOffset = p;
    System.arraycopy(b, p + 8, out.srcAddr, 0, 16);
    System.arraycopy(b, p + 24, out.dstAddr, 0, 16);
    int payloadLen = u16(b, p + 4);
    int ipEnd = payloadLen == 0 ? end : Math.min(end, p + 40 + payloadLen);
    int next = b[p + 6] & 0xff;
    int q = p + 40;
    for (int hops = 0; hops < 16; hops++) {
      switch (next) {
        case 0, 43, 60, 135, 139, 140 -> {
          // hop-by-hop, routing, destination options, mobility, HIP, shim6: (len + 1) * 8
          if (ipEnd - q < 8) {
            out.protocol = next;
            return;
          }
          next = b[q] & 0xff;
          q += ((b[q + 1] & 0xff) + 1) * 8;
        }
        case 44 -> {
          if (ipEnd - q < 8) {
            out.protocol = next;
            return;
          }
          int fragOffset = u16(b, q + 2) >>> 3;
          next = b[q] & 0xff;
          q += 8;
          if (fragOffset != 0) {
            out.protocol = next;
            out.laterFragment = true;
            return;
          }
        }
        case 51 -> {
          if (ipEnd - q < 8) {
            out.protocol = next;
            return;
          }
          next = b[q] & 0xff;
          q += ((b[q + 1] & 0xff) + 2) * 4;
        }
        default -> {
          out.protocol = next;
          if (q <= ipEnd) {
            transport(next, b, q, ipEnd, out);
          }
          return;
        }
      }
    }
    out.protocol = next;
  }

  private void transport(int proto, byte[] b, int p, int end, DecodedPacket out) {
    out.l4Offset = p;
    switch (proto) {
      case PROTO_TCP -> {
        if (end - p < 20) {
          return;
        }
        out.srcPort = u16(b, p);
        out.dstPort = u16(b, p + 2);
        out.tcpFlags = ((b[p + 12] & 0x01) << 8) | (b[p + 13] & 0xff);
        int hl = ((b[p + 12] & 0xff) >>> 4) * 4;
        if (hl >= 20 && end - p >= hl) {
          payload(p + hl, end, out);
        }
      }
      case PROTO_UDP -> {
        if (end - p < 8) {
          return;
        }
        out.srcPort = u16(b, p);
        out.dstPort = u16(b, p + 2);
        payload(p + 8, end, out);
      }
      case PROTO_SCTP -> {
        if (end - p < 12) {
          return;
        }
        out.srcPort = u16(b, p);
        out.dstPort = u16(b, p + 2);
        payload(p + 12, end, out);
      }
      case PROTO_ICMP, PROTO_ICMPV6 -> {
        if (end - p < 4) {
          return;
        }
        out.icmpType = b[p] & 0xff;
        out.icmpCode = b[p + 1] & 0xff;
        payload(p + 4, end, out);
      }
      default -> payload(p, end, out);
    }
  }

  private static void payload(int p, int end, DecodedPacket out) {
    out.payloadOffset = Math.min(p, end);
    out.payloadLength = Math.max(0, end - p);
  }
}
