package io.metron.pcap.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metron.pcap.file.PcapHeader;
import io.metron.pcap.filter.FixedFilter;
import io.metron.pcap.filter.StellarPacketFilter;
import io.metron.pcap.testing.Records;
import io.metron.pcap.testing.Traffic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryOptionsTest {
  @TempDir Path dir;
  final PcapQueryEngine engine = new PcapQueryEngine(StellarPacketFilter.compiler());

  @Test
  void timeRangeTakesEpochMillisOrIso8601() {
    assertThat(TimeRange.parseInstant("start", "1430000000123"))
        .isEqualTo(1_430_000_000_123_000_000L);
    assertThat(TimeRange.parseInstant("start", "2015-04-25T22:13:20Z"))
        .isEqualTo(1_430_000_000_000_000_000L);
    assertThat(TimeRange.parseInstant("start", "2015-04-26T00:13:20.5+02:00"))
        .isEqualTo(1_430_000_000_500_000_000L);
    assertThat(TimeRange.parseInstant("start", "2015-04-25T22:13:20"))
        .isEqualTo(1_430_000_000_000_000_000L);
    assertThat(TimeRange.parseInstant("start", "2015-04-25")).isEqualTo(1_429_920_000_000_000_000L);
    assertThatThrownBy(() -> TimeRange.parse("yesterday", null))
        .hasMessageContaining("start time: 'yesterday' is neither epoch milliseconds nor ISO-8601");
    assertThatThrownBy(() -> TimeRange.parse("2000", "1000")).hasMessageContaining("before start");
  }

  @Test
  void fixedFilterOptionsAreValidated() {
    assertThatThrownBy(() -> FixedFilter.parse("10.0.0.300", null, null, null, null, false))
        .hasMessageContaining("ip_src_addr: not an IP address: '10.0.0.300'");
    assertThatThrownBy(() -> FixedFilter.parse(null, null, "http", null, null, false))
        .hasMessageContaining("ip_src_port: 'http' is not a port number");
    assertThatThrownBy(() -> FixedFilter.parse(null, null, null, null, "999", false))
        .hasMessageContaining("protocol: '999'");
    assertThat(FixedFilter.parse(null, null, null, null, "UDP", false).protocol()).isEqualTo(17);
  }

  @Test
  void timeWindowPagesAndStellarTogether() throws Exception {
    List<Traffic.Pkt> pkts = Traffic.generate(31, 1000, false);
    Path in = Traffic.write(dir.resolve("in.pcap"), pkts, PcapHeader.ethernet(false));
    long from = pkts.get(100).timestampNanos() / 1000 * 1000;
    long to = pkts.get(900).timestampNanos() / 1000 * 1000;
    PcapQuery q =
        PcapQuery.of(new TimeRange(from, to)).withStellar("protocol == 6 || protocol == 17");
    QueryResult r =
        engine.queryFiles(q, List.of(in), PcapOutput.paged(dir.resolve("out.pcap"), 100));
    List<Records.Rec> all = Records.read(in);
    List<Records.Rec> expected =
        all.subList(100, 900).stream().filter(x -> isTcpOrUdp(x.data())).toList();
    assertThat(r.packetsMatched()).isEqualTo(expected.size());
    assertThat(r.outputs()).hasSize((expected.size() + 99) / 100);
    assertThat(r.outputs().getFirst().getFileName().toString()).isEqualTo("out-0001.pcap");
    List<Records.Rec> paged = r.outputs().stream().flatMap(p -> uncheckedRead(p).stream()).toList();
    assertThat(paged).containsExactlyElementsOf(expected);
    assertThat(Records.read(r.outputs().getFirst())).hasSize(100);
  }

  @Test
  void damagedInputsBecomeWarningsAndKeepTheirGoodPackets() throws Exception {
    Path good =
        Traffic.write(
            dir.resolve("good.pcap"), Traffic.generate(32, 20, false), PcapHeader.ethernet(false));
    byte[] bytes = Files.readAllBytes(good);
    Path cut = dir.resolve("cut.pcap");
    Files.write(cut, Arrays.copyOf(bytes, bytes.length - 10));
    Path out = dir.resolve("o.pcap");
    QueryResult r =
        engine.queryFiles(
            PcapQuery.of(TimeRange.ALL),
            List.of(cut, dir.resolve("missing.pcap"), good),
            PcapOutput.toFile(out));
    assertThat(r.packetsMatched()).isEqualTo(39);
    assertThat(r.warnings()).hasSize(2);
    assertThat(r.warnings().get(0))
        .contains("cut.pcap")
        .contains("truncated packet")
        .contains("used");
    assertThat(r.warnings().get(1)).contains("missing.pcap: no such file");
  }

  @Test
  void emptyResultStillWritesAnOpenableFile() throws Exception {
    Path in =
        Traffic.write(
            dir.resolve("in.pcap"), Traffic.generate(33, 10, false), PcapHeader.ethernet(false));
    Path out = dir.resolve("none.pcap");
    engine.queryFiles(
        PcapQuery.of(TimeRange.ALL).withPacketFilter("port 1"),
        List.of(in),
        PcapOutput.toFile(out));
    assertThat(Files.size(out)).isEqualTo(24);
    assertThat(Records.read(out)).isEmpty();
    assertThatThrownBy(
            () ->
                engine.queryFiles(
                    PcapQuery.of(TimeRange.ALL).withPacketFilter("port x"),
                    List.of(in),
                    PcapOutput.toFile(out)))
        .hasMessageContaining("invalid packet filter 'port x'");
  }

  private static boolean isTcpOrUdp(byte[] frame) {
    int etherType = ((frame[12] & 0xff) << 8) | (frame[13] & 0xff);
    int proto = etherType == 0x0800 ? frame[23] : etherType == 0x86DD ? frame[20] : -1;
    return proto == 6 || proto == 17;
  }

  private static List<Records.Rec> uncheckedRead(Path p) {
    try {
      return Records.read(p);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
