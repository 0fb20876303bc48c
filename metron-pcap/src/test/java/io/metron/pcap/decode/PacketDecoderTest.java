package io.metron.pcap.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.metron.pcap.file.PcapHeader;
import io.metron.pcap.testing.Packets;
import io.metron.pcap.testing.Records;
import io.metron.pcap.testing.Tools;
import io.metron.pcap.testing.Traffic;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PacketDecoderTest {
  @TempDir Path dir;
  private final PacketDecoder decoder = new PacketDecoder();

  private DecodedPacket decode(byte[] frame) {
    return decoder.decode(LinkType.ETHERNET, frame, 0, frame.length, new DecodedPacket());
  }

  @Test
  void decodesTcpOverIpv4WithMetronFieldNames() {
    byte[] f =
        Packets.eth(
            0x0800,
            Packets.ipv4(
                "10.0.0.1", "10.0.0.2", 6, Packets.tcp(40000, 80, 0x12, "GET /".getBytes())));
    Map<String, Object> fields = decode(f).toFields();
    assertThat(fields)
        .containsEntry("ip_src_addr", "10.0.0.1")
        .containsEntry("ip_dst_addr", "10.0.0.2")
        .containsEntry("ip_src_port", 40000)
        .containsEntry("ip_dst_port", 80)
        .containsEntry("protocol", 6)
        .containsEntry("tcp_flags", 0x12)
        .containsKeys("packet_timestamp", "timestamp", "packet");
    assertThat((byte[]) fields.get("payload")).isEqualTo("GET /".getBytes());
  }

  @Test
  void seesThroughStackedVlansAndIpv6ExtensionHeaders() {
    byte[] f =
        Packets.ethVlan(
            new int[] {200, 300},
            0x86DD,
            Packets.ipv6(
                "2001:db8::1", "2001:db8::2", 17, Packets.udp(53, 5353, new byte[4]), 0, 60, 44));
    DecodedPacket p = decode(f);
    assertThat(p.vlanCount()).isEqualTo(2);
    assertThat(p.vlanId(0)).isEqualTo(200);
    assertThat(p.vlanId(1)).isEqualTo(300);
    assertThat(p.ipSrcAddr()).isEqualTo("2001:db8::1");
    assertThat(p.protocol()).isEqualTo(17);
    assertThat(p.srcPort()).isEqualTo(53);
    assertThat(p.dstPort()).isEqualTo(5353);
  }

  @Test
  void laterFragmentsHaveAddressesButNoPorts() {
    byte[] f =
        Packets.eth(0x0800, Packets.ipv4("10.0.0.1", "10.0.0.3", 17, new byte[40], 185, false, 9));
    DecodedPacket p = decode(f);
    assertThat(p.laterFragment()).isTrue();
    assertThat(p.protocol()).isEqualTo(17);
    assertThat(p.srcPort()).isEqualTo(-1);
    assertThat(p.toFields())
        .doesNotContainKey("ip_src_port")
        .containsEntry("ip_dst_addr", "10.0.0.3");
  }

  @Test
  void keepsWhatItCanFromTruncatedOrForeignFrames() {
    byte[] full =
        Packets.eth(
            0x0800, Packets.ipv4("10.0.0.1", "10.0.0.2", 6, Packets.tcp(1, 2, 0, new byte[0])));
    DecodedPacket p = decode(Arrays.copyOf(full, 14 + 20 + 3));
    assertThat(p.ipVersion()).isEqualTo(4);
    assertThat(p.protocol()).isEqualTo(6);
    assertThat(p.srcPort()).isEqualTo(-1);
    DecodedPacket arp = decode(Packets.arp("10.0.0.1", "10.0.0.2"));
    assertThat(arp.ipVersion()).isZero();
    assertThat(arp.etherType()).isEqualTo(0x0806);
    assertThat(arp.toFields()).doesNotContainKeys("ip_src_addr", "protocol");
    for (int len = 0; len < full.length; len++) {
      decode(Arrays.copyOf(full, len)); // never throws
    }
  }

  @Test
  void formatsIpv6LikeRfc5952() {
    assertThat(AddressText.format(Packets.ip("2001:db8:0:0:1:0:0:1"), 16))
        .isEqualTo("2001:db8::1:0:0:1");
    assertThat(AddressText.format(Packets.ip("fe80::a:b"), 16)).isEqualTo("fe80::a:b");
    assertThat(AddressText.format(AddressText.parse("::ffff:10.1.2.3"), 16))
        .isEqualTo("::ffff:10.1.2.3");
    assertThat(AddressText.format(Packets.ip("::"), 16)).isEqualTo("::");
  }

  /** Every field we decode agrees with tshark's dissection of the same file. */
  @Test
  void agreesWithTshark() throws Exception {
    List<Traffic.Pkt> pkts = Traffic.generate(42, 600, true);
    Path f = Traffic.write(dir.resolve("mixed.pcap"), pkts, PcapHeader.ethernet(false));
    String out =
        Tools.check(
            "tshark",
            "-r",
            f.toString(),
            "-n",
            "-o",
            "ip.defragment:FALSE",
            "-o",
            "ipv6.defragment:FALSE",
            "-T",
            "fields",
            "-E",
            "separator=|",
            "-E",
            "occurrence=l",
            "-e",
            "ip.src",
            "-e",
            "ip.dst",
            "-e",
            "ipv6.src",
            "-e",
            "ipv6.dst",
            "-e",
            "tcp.srcport",
            "-e",
            "tcp.dstport",
            "-e",
            "udp.srcport",
            "-e",
            "udp.dstport",
            "-e",
            "ip.proto",
            "-e",
            "frame.protocols",
            "-e",
            "vlan.id",
            "-e",
            "icmp.type",
            "-e",
            "icmpv6.type");
    List<Records.Rec> recs = Records.read(f);
    String[] lines = out.split("\n");
    assertThat(lines).hasSize(recs.size());
    DecodedPacket p = new DecodedPacket();
    for (int i = 0; i < lines.length; i++) {
      String[] c = (lines[i] + "|end").split("\\|", -1);
      byte[] data = recs.get(i).data();
      decoder.decode(LinkType.ETHERNET, data, 0, data.length, p);
      String where = "packet " + (i + 1) + ": " + lines[i];
      String src = !c[0].isEmpty() ? c[0] : c[2];
      String dst = !c[1].isEmpty() ? c[1] : c[3];
      assertThat(nullToEmpty(p.ipSrcAddr())).as(where).isEqualTo(src);
      assertThat(nullToEmpty(p.ipDstAddr())).as(where).isEqualTo(dst);
      String sport = !c[4].isEmpty() ? c[4] : c[6];
      String dport = !c[5].isEmpty() ? c[5] : c[7];
      assertThat(p.srcPort() < 0 ? "" : String.valueOf(p.srcPort())).as(where).isEqualTo(sport);
      assertThat(p.dstPort() < 0 ? "" : String.valueOf(p.dstPort())).as(where).isEqualTo(dport);
      if (!c[8].isEmpty()) {
        assertThat(p.protocol()).as(where).isEqualTo(Integer.parseInt(c[8]));
      }
      String protos = c[9];
      if (protos.endsWith(":tcp")) {
        assertThat(p.protocol()).as(where).isEqualTo(6);
      } else if (protos.contains(":udp")) {
        assertThat(p.protocol()).as(where).isEqualTo(17);
      } else if (protos.contains(":icmpv6")) {
        assertThat(p.protocol()).as(where).isEqualTo(58);
      }
      List<String> vlans = new ArrayList<>();
      for (int v = 0; v < p.vlanCount(); v++) {
        vlans.add(String.valueOf(p.vlanId(v)));
      }
      String tv = c[10];
      if (!tv.isEmpty()) {
        assertThat(String.valueOf(p.vlanId(p.vlanCount() - 1))).as(where).isEqualTo(tv);
      } else {
        assertThat(vlans).as(where).isEmpty();
      }
      String icmp = !c[11].isEmpty() ? c[11] : c[12];
      assertThat(p.icmpType() < 0 ? "" : String.valueOf(p.icmpType())).as(where).isEqualTo(icmp);
    }
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
