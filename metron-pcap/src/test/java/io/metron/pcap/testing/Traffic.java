package io.metron.pcap.testing;

import io.metron.pcap.file.PcapHeader;
import io.metron.pcap.file.PcapWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Reproducible synthetic traffic: TCP, UDP and ICMP over IPv4 and IPv6 between a few hosts, with
 * optional VLAN tags, IPv6 extension headers, IPv4 fragments and ARP.
 */
public final class Traffic {
  public static final String[] V4 = {"10.0.0.1", "10.0.0.2", "10.0.0.3", "192.168.7.9"};
  public static final String[] V6 = {"2001:db8::1", "2001:db8::2", "fe80::a:b"};
  public static final int[] PORTS = {53, 80, 443, 8080, 40000, 40001};

  /** A generated packet. */
  public record Pkt(long timestampNanos, byte[] data) {}

  private Traffic() {}

  /**
   * Generates {@code n} packets.
   *
   * @param exotic include VLAN tags, IPv6 extension headers and IPv4 fragments
   */
  public static List<Pkt> generate(long seed, int n, boolean exotic) {
    Random r = new Random(seed);
    List<Pkt> out = new ArrayList<>(n);
    long ts = 1_430_000_000_000_000_000L + (seed % 1000) * 1_000_000_000L;
    for (int i = 0; i < n; i++) {
      ts += 1_000 + r.nextInt(5_000_000);
      out.add(new Pkt(ts, one(r, exotic)));
    }
    return out;
  }

  private static byte[] one(Random r, boolean exotic) {
    int kind = r.nextInt(exotic ? 10 : 8);
    byte[] payload =
        ("payload-" + r.nextInt(1000) + "-" + "x".repeat(r.nextInt(300)))
            .getBytes(StandardCharsets.US_ASCII);
    int sp = PORTS[r.nextInt(PORTS.length)];
    int dp = PORTS[r.nextInt(PORTS.length)];
    String s4 = V4[r.nextInt(V4.length)];
    String d4 = V4[r.nextInt(V4.length)];
    String s6 = V6[r.nextInt(V6.length)];
    String d6 = V6[r.nextInt(V6.length)];
    byte[] l3;
    int et = 0x0800;
    switch (kind) {
      case 0, 1, 2 -> l3 = Packets.ipv4(s4, d4, 6, Packets.tcp(sp, dp, 0x18, payload));
      case 3, 4 -> l3 = Packets.ipv4(s4, d4, 17, Packets.udp(sp, dp, payload));
      case 5 -> l3 = Packets.ipv4(s4, d4, 1, Packets.icmpEcho(r.nextBoolean() ? 8 : 0, payload));
      case 6 -> {
        et = 0x86DD;
        l3 =
            r.nextBoolean()
                ? Packets.ipv6(s6, d6, 6, Packets.tcp(sp, dp, 0x02, payload))
                : Packets.ipv6(s6, d6, 17, Packets.udp(sp, dp, payload));
      }
      case 7 -> {
        if (r.nextInt(3) == 0) {
          return Packets.arp(s4, d4);
        }
        et = 0x86DD;
        l3 = Packets.ipv6(s6, d6, 58, Packets.icmpEcho(128, payload));
      }
      case 8 -> {
        et = 0x86DD;
        l3 = Packets.ipv6(s6, d6, 6, Packets.tcp(sp, dp, 0x10, payload), 0, 60, 44);
      }
      default -> {
        // An IPv4 fragment: the first carries the transport header, later ones do not.
        boolean first = r.nextBoolean();
        byte[] body = first ? Packets.udp(sp, dp, payload) : payload;
        l3 = Packets.ipv4(s4, d4, 17, body, first ? 0 : 185, first, 77);
      }
    }
    if (exotic && r.nextInt(4) == 0) {
      int[] tags = r.nextBoolean() ? new int[] {100} : new int[] {200, 300};
      return Packets.ethVlan(tags, et, l3);
    }
    return Packets.eth(et, l3);
  }

  /** Writes packets as a pcap file. */
  public static Path write(Path file, List<Pkt> packets, PcapHeader header) throws IOException {
    try (PcapWriter w = PcapWriter.create(file, header)) {
      for (Pkt p : packets) {
        w.write(p.timestampNanos(), p.data());
      }
    }
    return file;
  }
}
