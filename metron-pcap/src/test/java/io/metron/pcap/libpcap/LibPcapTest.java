package io.metron.pcap.libpcap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metron.pcap.file.PcapHeader;
import io.metron.pcap.testing.Records;
import io.metron.pcap.testing.Tools;
import io.metron.pcap.testing.Traffic;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibPcapTest {
  @TempDir Path dir;

  @Test
  void loadsTheSystemLibrary() {
    assertThat(LibPcap.get().version()).startsWith("libpcap version");
  }

  @Test
  void badExpressionsCarryLibpcapsMessage() {
    assertThatThrownBy(() -> BpfCompiler.compile("tcp port eighty", 1, 65535))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid packet filter 'tcp port eighty'")
        .hasMessageContaining("eighty");
  }

  @Test
  void compiledProgramMatchesTcpdumpsOwnDump() throws Exception {
    BpfCompiler.Instructions p = BpfCompiler.compile("udp and port 53", 1, 262144);
    String dump = Tools.check("tcpdump", "-d", "-y", "EN10MB", "udp and port 53");
    assertThat(p.length()).isEqualTo(dump.strip().split("\n").length);
  }

  @Test
  void offlineHandleReadsAndFiltersOurFiles() throws Exception {
    List<Traffic.Pkt> pkts = Traffic.generate(6, 500, true);
    Path f = Traffic.write(dir.resolve("in.pcap"), pkts, PcapHeader.ethernet(true));
    Path expected = dir.resolve("tcpdump.pcap");
    Tools.tcpdump(f, expected, "tcp", true);
    List<Records.Rec> got = new ArrayList<>();
    try (PcapHandle h = PcapHandle.openOffline(f, "tcp")) {
      assertThat(h.linkType()).isEqualTo(1);
      while (h.next() == PcapHandle.PACKET) {
        got.add(
            new Records.Rec(
                h.timestampNanos(),
                h.originalLength(),
                Arrays.copyOf(h.buffer(), h.capturedLength())));
      }
      assertThat(h.next()).isEqualTo(PcapHandle.END);
    }
    assertThat(got).containsExactlyElementsOf(Records.read(expected));
  }

  @Test
  void missingInterfaceIsAClearError() {
    assertThatThrownBy(() -> PcapHandle.openLive("nosuchif0", 65535, false, 1 << 20, 100, null))
        .isInstanceOf(LibPcapException.class)
        .hasMessageContaining("nosuchif0");
  }
}
