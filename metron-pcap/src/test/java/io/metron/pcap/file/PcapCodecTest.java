package io.metron.pcap.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metron.pcap.testing.Records;
import io.metron.pcap.testing.Tools;
import io.metron.pcap.testing.Traffic;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PcapCodecTest {
  @TempDir Path dir;

  private static List<Records.Rec> expected(List<Traffic.Pkt> pkts, boolean nanos) {
    List<Records.Rec> out = new ArrayList<>();
    for (Traffic.Pkt p : pkts) {
      long ts = nanos ? p.timestampNanos() : p.timestampNanos() / 1000 * 1000;
      out.add(new Records.Rec(ts, p.data().length, p.data()));
    }
    return out;
  }

  @ParameterizedTest
  @CsvSource({"LITTLE_ENDIAN,false", "LITTLE_ENDIAN,true", "BIG_ENDIAN,false", "BIG_ENDIAN,true"})
  void writesAndReadsEveryByteOrderAndResolution(String order, boolean nanos) throws Exception {
    ByteOrder bo = order.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    List<Traffic.Pkt> pkts = Traffic.generate(7, 300, true);
    Path f = Traffic.write(dir.resolve("t.pcap"), pkts, new PcapHeader(bo, nanos, 65535, 1));

    assertThat(Records.read(f)).containsExactlyElementsOf(expected(pkts, nanos));
    // tcpdump reads what we wrote and, asked for nanoseconds, sees the same timestamps.
    String first = Tools.check("tcpdump", "-r", f.toString(), "-c", "1", "-tt", "--nano", "-nn");
    long ts = expected(pkts, nanos).getFirst().timestampNanos();
    assertThat(first)
        .startsWith(ts / 1_000_000_000L + "." + String.format("%09d", ts % 1_000_000_000L));
  }

  @Test
  void ourFileIsByteIdenticalToTcpdumpRewritingIt() throws Exception {
    Path f =
        Traffic.write(
            dir.resolve("a.pcap"),
            Traffic.generate(3, 200, true),
            PcapHeader.ethernet(false).withSnapLength(262144));
    Path copy = dir.resolve("b.pcap");
    Tools.tcpdump(f, copy, "");
    assertThat(Files.readAllBytes(copy)).isEqualTo(Files.readAllBytes(f));
  }

  @Test
  void readsPcapngThatTsharkWrote() throws Exception {
    List<Traffic.Pkt> pkts = Traffic.generate(11, 150, true);
    Path f = Traffic.write(dir.resolve("c.pcap"), pkts, PcapHeader.ethernet(true));
    Path ng = dir.resolve("c.pcapng");
    Tools.check("editcap", "-F", "pcapng", f.toString(), ng.toString());
    try (PacketReader r = PacketReader.open(ng)) {
      assertThat(r.getClass().getSimpleName()).isEqualTo("PcapNgReader");
    }
    assertThat(Records.read(ng)).containsExactlyElementsOf(expected(pkts, true));
  }

  @Test
  void truncatedFileKeepsWholePacketsAndNamesTheOffset() throws Exception {
    List<Traffic.Pkt> pkts = Traffic.generate(5, 10, false);
    Path f = Traffic.write(dir.resolve("d.pcap"), pkts, PcapHeader.ethernet(false));
    byte[] all = Files.readAllBytes(f);
    Path cut = dir.resolve("cut.pcap");
    Files.write(cut, Arrays.copyOf(all, all.length - 5));
    List<byte[]> seen = new ArrayList<>();
    try (PacketReader r = PacketReader.open(cut)) {
      assertThatThrownBy(
              () -> {
                while (r.next()) {
                  seen.add(
                      Arrays.copyOfRange(
                          r.buffer(), r.dataOffset(), r.dataOffset() + r.capturedLength()));
                }
              })
          .isInstanceOf(PcapFormatException.class)
          .hasMessageContaining("cut.pcap")
          .hasMessageContaining("truncated packet")
          .hasMessageContaining("after 9 whole packets");
      assertThat(r.next()).isFalse();
    }
    assertThat(seen).hasSize(9);
    assertThat(seen.get(8)).isEqualTo(pkts.get(8).data());
  }

  @Test
  void corruptLengthIsReportedNotAllocated() throws Exception {
    Path f =
        Traffic.write(
            dir.resolve("e.pcap"), Traffic.generate(5, 3, false), PcapHeader.ethernet(false));
    byte[] all = Files.readAllBytes(f);
    // second record's captured length: header 24 + first record
    int first = 24 + 16 + (all[24 + 8] & 0xff | (all[24 + 9] & 0xff) << 8);
    all[first + 11] = 0x7f;
    Files.write(f, all);
    try (PacketReader r = PacketReader.open(f)) {
      assertThat(r.next()).isTrue();
      assertThatThrownBy(r::next)
          .isInstanceOf(PcapFormatException.class)
          .hasMessageContaining("corrupt record")
          .hasMessageContaining("at byte " + first);
    }
  }

  @Test
  void rejectsWhatIsNotPcap() throws Exception {
    Path f = dir.resolve("x.pcap");
    Files.writeString(f, "hello, this is not a capture file at all");
    assertThatThrownBy(() -> PacketReader.open(f))
        .isInstanceOf(PcapFormatException.class)
        .hasMessageContaining("not a pcap file");
    Path empty = dir.resolve("empty.pcap");
    Files.write(empty, new byte[0]);
    assertThatThrownBy(() -> PacketReader.open(empty)).hasMessageContaining("no file header");
  }

  @Test
  void streamsWithoutSeekingAndLargePackets() throws Exception {
    byte[] big = new byte[200_000];
    Arrays.fill(big, (byte) 7);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PcapWriter w = PcapWriter.to(bytes, PcapHeader.ethernet(true))) {
      for (int i = 0; i < 12; i++) {
        w.write(i * 1_000L, big);
      }
      assertThat(w.packets()).isEqualTo(12);
    }
    int n = 0;
    try (PacketReader r =
        PacketReader.open(new ByteArrayInputStream(bytes.toByteArray()), "stdin")) {
      while (r.next()) {
        assertThat(r.capturedLength()).isEqualTo(big.length);
        assertThat(r.timestampNanos()).isEqualTo(n * 1_000L);
        assertThat(r.recordOffset()).isEqualTo(24L + n * (16L + big.length));
        n++;
      }
    }
    assertThat(n).isEqualTo(12);
  }
}
