package io.metron.cli.pcap;

import io.metron.pcap.file.PcapHeader;
import io.metron.pcap.file.PcapWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Reproducible IPv4 traffic for the command-line tests: TCP and UDP among four hosts on a few
 * ports, Ethernet frames with microsecond timestamps; some payloads carry the word {@code token=},
 * for byte-pattern queries.
 */
final class TestTraffic {
  static final String[] HOSTS = {"10.1.0.1", "10.1.0.2", "10.1.0.3", "172.16.5.5"};
  static final int[] PORTS = {22, 53, 80, 443, 50000, 50001};

  /**
   * One generated packet.
   *
   * @param micros capture time in microseconds since the epoch
   * @param frame the Ethernet frame
   */
  record Packet(long micros, byte[] frame) {}

  private TestTraffic() {}

  static List<Packet> generate(long seed, int count) {
    Random r = new Random(seed);
    List<Packet> out = new ArrayList<>(count);
    long micros = 1_600_000_000_000_000L + seed * 1_000_000L;
    for (int i = 0; i < count; i++) {
      micros += 1 + r.nextInt(20_000);
      String src = HOSTS[r.nextInt(HOSTS.length)];
      String dst = HOSTS[r.nextInt(HOSTS.length)];
      int proto = r.nextInt(3) == 0 ? 17 : 6;
      String text =
          (r.nextInt(5) == 0 ? "token=" + r.nextInt(100) : "data") + "-".repeat(r.nextInt(400));
      out.add(
          new Packet(
              micros,
              frame(
                  src,
                  dst,
                  proto,
                  PORTS[r.nextInt(PORTS.length)],
                  PORTS[r.nextInt(PORTS.length)],
                  text.getBytes(StandardCharsets.US_ASCII))));
    }
    return out;
  }

  /** An Ethernet/IPv4 frame carrying TCP (6) or UDP (17). */
  static byte[] frame(String src, String dst, int proto, int sport, int dport, byte[] payload) {
    int l4 = proto == 6 ? 20 : 8;
    int ipLength = 20 + l4 + payload.length;
    ByteBuffer b = ByteBuffer.allocate(Math.max(60, 14 + ipLength));
    b.put(new byte[] {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1}).putShort((short) 0x0800);
    int ip = b.position();
    b.put((byte) 0x45).put((byte) 0).putShort((short) ipLength);
    b.putShort((short) 1).putShort((short) 0x4000).put((byte) 64).put((byte) proto);
    b.putShort((short) 0).put(address(src)).put(address(dst));
    int sum = 0;
    for (int i = ip; i < ip + 20; i += 2) {
      sum += b.getShort(i) & 0xffff;
    }
    sum = (sum & 0xffff) + (sum >>> 16);
    sum = (sum & 0xffff) + (sum >>> 16);
    b.putShort(ip + 10, (short) ~sum);
    b.putShort((short) sport).putShort((short) dport);
    if (proto == 6) {
      b.putInt(1).putInt(0).put((byte) 0x50).put((byte) 0x18).putShort((short) 8192).putInt(0);
    } else {
      b.putShort((short) (8 + payload.length)).putShort((short) 0);
    }
    b.put(payload);
    return b.array();
  }

  private static byte[] address(String dotted) {
    String[] parts = dotted.split("\\.");
    byte[] a = new byte[4];
    for (int i = 0; i < 4; i++) {
      a[i] = (byte) Integer.parseInt(parts[i]);
    }
    return a;
  }

  /** Writes a classic microsecond pcap (little-endian, Ethernet, snap length 262144). */
  static Path write(Path file, List<Packet> packets) throws IOException {
    try (PcapWriter w = PcapWriter.create(file, PcapHeader.ethernet(false))) {
      for (Packet p : packets) {
        w.write(p.micros() * 1000, p.frame());
      }
    }
    return file;
  }
}
