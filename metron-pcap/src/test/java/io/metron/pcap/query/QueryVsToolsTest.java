package io.metron.pcap.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.metron.pcap.file.PcapHeader;
import io.metron.pcap.filter.FixedFilter;
import io.metron.pcap.testing.Records;
import io.metron.pcap.testing.Tools;
import io.metron.pcap.testing.Traffic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The packets our queries return equal what tcpdump (for BPF) and tshark (for the fixed filter's
 * field semantics) return on the same input.
 */
class QueryVsToolsTest {
  @TempDir static Path dir;
  static Path plain;
  static Path mixed;
  final PcapQueryEngine engine = new PcapQueryEngine(null);

  @BeforeAll
  static void traffic() throws Exception {
    plain =
        Traffic.write(
            dir.resolve("plain.pcap"),
            Traffic.generate(1, 3000, false),
            PcapHeader.ethernet(false));
    mixed =
        Traffic.write(
            dir.resolve("mixed.pcap"), Traffic.generate(2, 3000, true), PcapHeader.ethernet(true));
  }

  private Path query(Path in, PcapQuery q, String name) throws Exception {
    Path out = dir.resolve(name);
    QueryResult r = engine.queryFiles(q, List.of(in), PcapOutput.toFile(out));
    assertThat(r.warnings()).isEmpty();
    return out;
  }

  /**
   * Fixed filter on plain IPv4/IPv6 traffic equals tcpdump with the equivalent BPF, byte for byte.
   */
  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "10.0.0.1;;;;;false;ip src host 10.0.0.1",
        ";10.0.0.2;;;;false;ip dst host 10.0.0.2",
        "10.0.0.1;10.0.0.2;;;;false;ip src host 10.0.0.1 and ip dst host 10.0.0.2",
        "10.0.0.1;10.0.0.2;;;;true;(ip src host 10.0.0.1 and ip dst host 10.0.0.2) or (ip src host"
            + " 10.0.0.2 and ip dst host 10.0.0.1)",
        ";;80;;;false;(tcp or udp) and src port 80",
        ";;;443;6;false;tcp dst port 443",
        "10.0.0.3;;40000;53;17;true;udp and ((ip src host 10.0.0.3 and src port 40000 and dst port"
            + " 53) or (ip dst host 10.0.0.3 and dst port 40000 and src port 53))",
        ";;;;1;false;ip proto 1",
        ";;;;17;false;(ip proto 17) or (ip6 proto 17)",
        "2001:db8::1;;;;;false;ip6 src host 2001:db8::1",
        "2001:db8::1;2001:db8::2;;80;6;true;tcp and ((ip6 src host 2001:db8::1 and ip6 dst host"
            + " 2001:db8::2 and dst port 80) or (ip6 src host 2001:db8::2 and ip6 dst host"
            + " 2001:db8::1 and src port 80))",
      })
  void fixedFilterEqualsTcpdump(
      String src, String dst, String sport, String dport, String proto, boolean reverse, String bpf)
      throws Exception {
    FixedFilter f = FixedFilter.parse(src, dst, sport, dport, proto, reverse);
    Path ours = query(plain, PcapQuery.of(TimeRange.ALL).withFixed(f), "fixed.pcap");
    Path theirs = dir.resolve("fixed-tcpdump.pcap");
    Tools.tcpdump(plain, theirs, bpf);
    assertThat(Records.read(theirs)).isNotEmpty();
    assertThat(Files.readAllBytes(ours)).isEqualTo(Files.readAllBytes(theirs));
  }

  /** BPF expressions pass through to libpcap's compiler: identical output, VLANs and all. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "tcp port 80",
        "vlan",
        "vlan 100 and udp",
        "ip6 and tcp",
        "icmp or icmp6",
        "arp",
        "ether broadcast",
        "net 10.0.0.0/30 and not port 53",
        "tcp[tcpflags] & tcp-push != 0",
        "len > 200 and len < 260",
        "portrange 40000-40001",
        "ip[6:2] & 0x1fff != 0",
        "udp[8:4] = 0x7061796c",
      })
  void packetFilterEqualsTcpdump(String bpf) throws Exception {
    Path ours = query(mixed, PcapQuery.of(TimeRange.ALL).withPacketFilter(bpf), "bpf.pcap");
    Path theirs = dir.resolve("bpf-tcpdump.pcap");
    Tools.tcpdump(mixed, theirs, bpf, true);
    assertThat(Records.read(theirs)).as(bpf).isNotEmpty();
    assertThat(Records.read(ours)).as(bpf).containsExactlyElementsOf(Records.read(theirs));
  }

  /**
   * On traffic with VLANs, IPv6 extension headers and fragments, the fixed filter follows the
   * decoded fields, as tshark's display filter does.
   */
  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "10.0.0.2;;;;;false;ip.src==10.0.0.2",
        "2001:db8::2;;;;;true;ipv6.src==2001:db8::2 || ipv6.dst==2001:db8::2",
        ";;;80;;false;tcp.dstport==80 || udp.dstport==80",
        "2001:db8::1;;443;;6;false;ipv6.src==2001:db8::1 && tcp.srcport==443",
        ";;;;58;false;icmpv6",
      })
  void fixedFilterEqualsTsharkOnExoticTraffic(
      String src,
      String dst,
      String sport,
      String dport,
      String proto,
      boolean reverse,
      String display)
      throws Exception {
    FixedFilter f = FixedFilter.parse(src, dst, sport, dport, proto, reverse);
    Path ours = query(mixed, PcapQuery.of(TimeRange.ALL).withFixed(f), "fixed-x.pcap");
    Path theirs = dir.resolve("tshark.pcap");
    Tools.check(
        "tshark",
        "-r",
        mixed.toString(),
        "-n",
        "-o",
        "ip.defragment:FALSE",
        "-o",
        "ipv6.defragment:FALSE",
        "-Y",
        display,
        "-F",
        "nsecpcap",
        "-w",
        theirs.toString());
    assertThat(Records.read(theirs)).as(display).isNotEmpty();
    assertThat(Records.read(ours)).as(display).containsExactlyElementsOf(Records.read(theirs));
  }
}
