package io.metron.streams.demo;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The packets a sensor would have captured for a demo flow, as Ethernet frames: for TCP a three-way
 * handshake, one request and one answer segment (HTTP on port 80; none for other services, whose
 * bytes we cannot make up) and the closing FIN/ACKs; for UDP a request and its answer (a real DNS
 * query and answer on port 53). IPv4 and TCP/UDP checksums are computed, so tcpdump and tshark
 * decode the frames without complaint.
 *
 * <p>Stateless; the frames depend only on the flow.
 */
public final class DemoPackets {
  /** One captured frame and when it was captured. */
  public record Packet(long timestampNanos, byte[] frame) {}

  private static final byte[] CLIENT_MAC = {0x02, 0x42, 0x0a, 0x00, 0x00, 0x01};
  private static final byte[] GATEWAY_MAC = {0x02, 0x42, 0x0a, 0x00, 0x00, (byte) 0xfe};
  private static final int SYN = 0x02;
  private static final int ACK = 0x10;
  private static final int PSH_ACK = 0x18;
  private static final int FIN_ACK = 0x11;
  private static final int SYN_ACK = 0x12;
  private static final long STEP_NANOS = 7_000_000L;

  private DemoPackets() {}

  /** The frames of {@code flow}, the first at the flow's start, a few milliseconds apart. */
  public static List<Packet> of(BroDemoEvents.Flow flow) {
    int client = ipv4(flow.src());
    int server = ipv4(flow.dst());
    long t = flow.epochMillis() * 1_000_000L;
    List<Packet> out = new ArrayList<>();
    if (flow.udp()) {
      int id = flow.srcPort() & 0xffff;
      out.add(
          new Packet(t, udp(client, server, flow.srcPort(), flow.dstPort(), request(flow, id))));
      out.add(
          new Packet(
              t + STEP_NANOS,
              udp(server, client, flow.dstPort(), flow.srcPort(), answer(flow, id, server))));
      return out;
    }
    long c = 0x1000_0000L + (flow.srcPort() * 7919L);
    long s = 0x5000_0000L + (flow.dstPort() * 104_729L);
    byte[] ask = request(flow, 0);
    byte[] reply = answer(flow, 0, server);
    int cp = flow.srcPort();
    int sp = flow.dstPort();
    out.add(new Packet(t, tcp(client, server, cp, sp, c, 0, SYN, none())));
    out.add(new Packet(t += STEP_NANOS, tcp(server, client, sp, cp, s, c + 1, SYN_ACK, none())));
    out.add(new Packet(t += STEP_NANOS, tcp(client, server, cp, sp, c + 1, s + 1, ACK, none())));
    if (ask.length > 0) {
      out.add(new Packet(t += STEP_NANOS, tcp(client, server, cp, sp, c + 1, s + 1, PSH_ACK, ask)));
    }
    long c2 = c + 1 + ask.length;
    if (reply.length > 0) {
      out.add(new Packet(t += STEP_NANOS, tcp(server, client, sp, cp, s + 1, c2, PSH_ACK, reply)));
    }
    long s2 = s + 1 + reply.length;
    out.add(new Packet(t += STEP_NANOS, tcp(client, server, cp, sp, c2, s2, FIN_ACK, none())));
    out.add(new Packet(t += STEP_NANOS, tcp(server, client, sp, cp, s2, c2 + 1, FIN_ACK, none())));
    out.add(new Packet(t + STEP_NANOS, tcp(client, server, cp, sp, c2 + 1, s2 + 1, ACK, none())));
    return out;
  }

  private static byte[] none() {
    return new byte[0];
  }

  /** What the client sends: a DNS query, an HTTP request, or nothing (other services). */
  private static byte[] request(BroDemoEvents.Flow flow, int id) {
    if (flow.dstPort() == 53) {
      return dns(id, flow.name(), false, 0);
    }
    if (flow.dstPort() == 80) {
      return ("GET "
              + (flow.path() == null ? "/" : flow.path())
              + " HTTP/1.1\r\nHost: "
              + (flow.name() == null ? flow.dst() : flow.name())
              + "\r\nUser-Agent: metron-demo\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII);
    }
    // Other services (ssh, tls, smb, rdp) get no payload: any bytes we made up would read as a
    // malformed packet of that protocol in Wireshark.
    return none();
  }

  private static byte[] answer(BroDemoEvents.Flow flow, int id, int server) {
    if (flow.dstPort() == 53) {
      return dns(id, flow.name(), true, server);
    }
    if (flow.dstPort() == 80) {
      return "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    }
    return none();
  }

  /** A DNS query for {@code name} (type A), or its answer with one A record. */
  private static byte[] dns(int id, String name, boolean answer, int address) {
    String qname = name == null ? "example.com" : name;
    ByteBuffer b = ByteBuffer.allocate(64 + qname.length() * 2);
    b.putShort((short) id).putShort((short) (answer ? 0x8180 : 0x0100));
    b.putShort((short) 1)
        .putShort((short) (answer ? 1 : 0))
        .putShort((short) 0)
        .putShort((short) 0);
    for (String label : qname.split("\\.")) {
      byte[] l = label.getBytes(StandardCharsets.US_ASCII);
      b.put((byte) l.length).put(l);
    }
    b.put((byte) 0).putShort((short) 1).putShort((short) 1);
    if (answer) {
      // The name as a pointer to the question (offset 12), type A, class IN, TTL 300.
      b.putShort((short) 0xc00c).putShort((short) 1).putShort((short) 1).putInt(300);
      b.putShort((short) 4).putInt(address);
    }
    byte[] out = new byte[b.position()];
    b.flip().get(out);
    return out;
  }

  private static byte[] tcp(
      int src, int dst, int sport, int dport, long seq, long ack, int flags, byte[] payload) {
    ByteBuffer seg = ByteBuffer.allocate(20 + payload.length);
    seg.putShort((short) sport).putShort((short) dport).putInt((int) seq).putInt((int) ack);
    seg.put((byte) 0x50).put((byte) flags).putShort((short) 64240).putShort((short) 0);
    seg.putShort((short) 0).put(payload);
    byte[] s = seg.array();
    int sum = checksum(pseudoHeader(src, dst, 6, s.length), s);
    s[16] = (byte) (sum >> 8);
    s[17] = (byte) sum;
    return frame(src, dst, 6, s);
  }

  private static byte[] udp(int src, int dst, int sport, int dport, byte[] payload) {
    ByteBuffer dg = ByteBuffer.allocate(8 + payload.length);
    dg.putShort((short) sport).putShort((short) dport).putShort((short) (8 + payload.length));
    dg.putShort((short) 0).put(payload);
    byte[] d = dg.array();
    int sum = checksum(pseudoHeader(src, dst, 17, d.length), d);
    if (sum == 0) {
      sum = 0xffff;
    }
    d[6] = (byte) (sum >> 8);
    d[7] = (byte) sum;
    return frame(src, dst, 17, d);
  }

  /** Ethernet and IPv4 headers around {@code l4}; the client's MAC is on its side of the link. */
  private static byte[] frame(int src, int dst, int protocol, byte[] l4) {
    boolean fromClient = isInternal(src);
    ByteBuffer f = ByteBuffer.allocate(14 + 20 + l4.length);
    f.put(fromClient ? GATEWAY_MAC : CLIENT_MAC).put(fromClient ? CLIENT_MAC : GATEWAY_MAC);
    f.putShort((short) 0x0800);
    int ipStart = f.position();
    f.put((byte) 0x45).put((byte) 0).putShort((short) (20 + l4.length));
    f.putShort((short) (l4.length * 31 + src)).putShort((short) 0x4000);
    f.put((byte) 64).put((byte) protocol).putShort((short) 0).putInt(src).putInt(dst);
    byte[] bytes = f.array();
    int sum = checksum(new byte[0], Arrays.copyOfRange(bytes, ipStart, ipStart + 20));
    bytes[ipStart + 10] = (byte) (sum >> 8);
    bytes[ipStart + 11] = (byte) sum;
    f.put(l4);
    return bytes;
  }

  private static boolean isInternal(int address) {
    return (address >>> 24) == 10 || (address >>> 16) == ((192 << 8) | 168);
  }

  private static byte[] pseudoHeader(int src, int dst, int protocol, int length) {
    return ByteBuffer.allocate(12)
        .putInt(src)
        .putInt(dst)
        .put((byte) 0)
        .put((byte) protocol)
        .putShort((short) length)
        .array();
  }

  /** The Internet checksum (RFC 1071) of {@code a} followed by {@code b}. */
  private static int checksum(byte[] a, byte[] b) {
    long sum = 0;
    byte[] all = new byte[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    for (int i = 0; i < all.length; i += 2) {
      int hi = all[i] & 0xff;
      int lo = i + 1 < all.length ? all[i + 1] & 0xff : 0;
      sum += (hi << 8) | lo;
    }
    while ((sum >> 16) != 0) {
      sum = (sum & 0xffff) + (sum >> 16);
    }
    return (int) (~sum & 0xffff);
  }

  private static int ipv4(String text) {
    String[] parts = text.split("\\.");
    if (parts.length != 4) {
      throw new IllegalArgumentException("not an IPv4 address: " + text);
    }
    int v = 0;
    for (String p : parts) {
      v = (v << 8) | Integer.parseInt(p);
    }
    return v;
  }
}
