package io.metron.pcap.testing;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Builds packets layer by layer, outermost call last: {@code eth(ipv4(tcp(...)))}. */
public final class Packets {
  public static final byte[] MAC_A = {0x02, 0, 0, 0, 0, 0x0a};
  public static final byte[] MAC_B = {0x02, 0, 0, 0, 0, 0x0b};

  private Packets() {}

  public static byte[] ip(String text) {
    try {
      byte[] raw = InetAddress.getByName(text).getAddress();
      return raw;
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  public static byte[] eth(int etherType, byte[] payload) {
    return eth(MAC_B, MAC_A, etherType, payload);
  }

  public static byte[] eth(byte[] dst, byte[] src, int etherType, byte[] payload) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    o.writeBytes(dst);
    o.writeBytes(src);
    u16(o, etherType);
    o.writeBytes(payload);
    // Ethernet minimum frame (without FCS) is 60 bytes: pad like a NIC would.
    while (o.size() < 60) {
      o.write(0);
    }
    return o.toByteArray();
  }

  /** Ethernet with VLAN tags, outermost first; inner EtherType last. */
  public static byte[] ethVlan(int[] vlanIds, int etherType, byte[] payload) {
    ByteArrayOutputStream f = new ByteArrayOutputStream();
    f.writeBytes(MAC_B);
    f.writeBytes(MAC_A);
    for (int i = 0; i < vlanIds.length; i++) {
      // each tag is a TPID then the tag control field; the outer one of a stack is 802.1ad
      u16(f, i == 0 && vlanIds.length > 1 ? 0x88A8 : 0x8100);
      u16(f, vlanIds[i] & 0x0fff);
    }
    u16(f, etherType);
    f.writeBytes(payload);
    while (f.size() < 60) {
      f.write(0);
    }
    return f.toByteArray();
  }

  public static byte[] arp(String senderIp, String targetIp) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    u16(o, 1);
    u16(o, 0x0800);
    o.write(6);
    o.write(4);
    u16(o, 1);
    o.writeBytes(MAC_A);
    o.writeBytes(ip(senderIp));
    o.writeBytes(new byte[6]);
    o.writeBytes(ip(targetIp));
    return eth(new byte[] {-1, -1, -1, -1, -1, -1}, MAC_A, 0x0806, o.toByteArray());
  }

  public static byte[] ipv4(String src, String dst, int proto, byte[] payload) {
    return ipv4(src, dst, proto, payload, 0, false, 1);
  }

  /** IPv4 with fragment fields: {@code fragOffset} in 8-byte units. */
  public static byte[] ipv4(
      String src, String dst, int proto, byte[] payload, int fragOffset, boolean more, int id) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    o.write(0x45);
    o.write(0);
    u16(o, 20 + payload.length);
    u16(o, id);
    u16(o, (more ? 0x2000 : 0) | (fragOffset & 0x1fff));
    o.write(64);
    o.write(proto);
    u16(o, 0);
    o.writeBytes(ip(src));
    o.writeBytes(ip(dst));
    byte[] h = o.toByteArray();
    int sum = 0;
    for (int i = 0; i < 20; i += 2) {
      sum += ((h[i] & 0xff) << 8) | (h[i + 1] & 0xff);
    }
    while ((sum >> 16) != 0) {
      sum = (sum & 0xffff) + (sum >> 16);
    }
    int ck = ~sum & 0xffff;
    h[10] = (byte) (ck >> 8);
    h[11] = (byte) ck;
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.writeBytes(h);
    all.writeBytes(payload);
    return all.toByteArray();
  }

  /**
   * IPv6; {@code extHeaders} lists extension header types (0 hop-by-hop, 60 destination options, 44
   * fragment) placed before the transport.
   */
  public static byte[] ipv6(String src, String dst, int proto, byte[] payload, int... extHeaders) {
    ByteArrayOutputStream ext = new ByteArrayOutputStream();
    for (int i = 0; i < extHeaders.length; i++) {
      int next = i + 1 < extHeaders.length ? extHeaders[i + 1] : proto;
      if (extHeaders[i] == 44) {
        ext.write(next);
        ext.write(0);
        u16(ext, 0); // offset 0, M=0: an atomic fragment
        u32(ext, 0x1234);
      } else {
        ext.write(next);
        ext.write(0); // 8 bytes
        ext.writeBytes(new byte[] {1, 4, 0, 0, 0, 0}); // PadN option
      }
    }
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    u32(o, 0x60000000);
    u16(o, ext.size() + payload.length);
    o.write(extHeaders.length > 0 ? extHeaders[0] : proto);
    o.write(64);
    o.writeBytes(ip(src));
    o.writeBytes(ip(dst));
    o.writeBytes(ext.toByteArray());
    o.writeBytes(payload);
    return o.toByteArray();
  }

  public static byte[] tcp(int sport, int dport, int flags, byte[] payload) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    u16(o, sport);
    u16(o, dport);
    u32(o, 1000);
    u32(o, 0);
    o.write(0x50);
    o.write(flags);
    u16(o, 65535);
    u16(o, 0);
    u16(o, 0);
    o.writeBytes(payload);
    return o.toByteArray();
  }

  public static byte[] udp(int sport, int dport, byte[] payload) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    u16(o, sport);
    u16(o, dport);
    u16(o, 8 + payload.length);
    u16(o, 0);
    o.writeBytes(payload);
    return o.toByteArray();
  }

  public static byte[] icmpEcho(int type, byte[] payload) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    o.write(type);
    o.write(0);
    u16(o, 0);
    u16(o, 7);
    u16(o, 1);
    o.writeBytes(payload);
    return o.toByteArray();
  }

  static void u16(ByteArrayOutputStream o, int v) {
    o.write((v >>> 8) & 0xff);
    o.write(v & 0xff);
  }

  static void u32(ByteArrayOutputStream o, int v) {
    u16(o, v >>> 16);
    u16(o, v);
  }
}
