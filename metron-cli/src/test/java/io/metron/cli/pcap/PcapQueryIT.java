package io.metron.cli.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import io.metron.pcap.file.PacketReader;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code metron pcap query --file} through the command line: the fixed filter, Stellar and pages
 * against tcpdump and tshark, and bad input turning into one clear line and a non-zero exit.
 */
class PcapQueryIT {
  static final int PACKETS = 3000;

  @TempDir static Path dir;
  static List<TestTraffic.Packet> packets;
  static Path input;

  @BeforeAll
  static void traffic() throws Exception {
    packets = TestTraffic.generate(11, PACKETS);
    input = TestTraffic.write(dir.resolve("input.pcap"), packets);
  }

  private static Cli query(Path out, String... filter) {
    String[] args = new String[filter.length + 6];
    args[0] = "pcap";
    args[1] = "query";
    args[2] = "--file";
    args[3] = input.toString();
    args[4] = "--output";
    args[5] = out.toString();
    System.arraycopy(filter, 0, args, 6, filter.length);
    Cli r = Cli.run(args);
    assertThat(r.exit()).as(r.err()).isZero();
    return r;
  }

  /** Fixed filter options (src, dst, sport, dport, protocol, reverse) against tcpdump's BPF. */
  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "10.1.0.1;;;;;false;ip src host 10.1.0.1",
        ";172.16.5.5;;;;false;ip dst host 172.16.5.5",
        "10.1.0.1;10.1.0.3;;;;true;(ip src host 10.1.0.1 and ip dst host 10.1.0.3)"
            + " or (ip src host 10.1.0.3 and ip dst host 10.1.0.1)",
        ";;53;;udp;false;udp src port 53",
        "10.1.0.2;;50000;443;tcp;true;tcp and ((ip src host 10.1.0.2 and src port 50000 and dst"
            + " port 443) or (ip dst host 10.1.0.2 and dst port 50000 and src port 443))",
        ";;;;17;false;ip proto 17",
      })
  void fixedFilterEqualsTcpdumpByteForByte(
      String src, String dst, String sport, String dport, String proto, boolean reverse, String bpf)
      throws Exception {
    List<String> args = new java.util.ArrayList<>();
    add(args, "--ip-src-addr", src);
    add(args, "--ip-dst-addr", dst);
    add(args, "--ip-src-port", sport);
    add(args, "--ip-dst-port", dport);
    add(args, "--protocol", proto);
    if (reverse) {
      args.add("--include-reverse");
    }
    Path ours = dir.resolve("fixed.pcap");
    Cli r = query(ours, args.toArray(String[]::new));
    Path theirs = dir.resolve("fixed-tcpdump.pcap");
    Tool.tcpdump(input, theirs, bpf, false);
    assertThat(Files.size(theirs)).as(bpf).isGreaterThan(24 + 16 * 3);
    assertThat(Files.readAllBytes(ours)).as(bpf).isEqualTo(Files.readAllBytes(theirs));
    assertThat(r.errLines()).singleElement().asString().contains("packets matched");
  }

  private static void add(List<String> args, String option, String value) {
    if (value != null) {
      args.add(option);
      args.add(value);
    }
  }

  @Test
  void stellarQueryOverFieldsEqualsTcpdump() throws Exception {
    Path ours = dir.resolve("stellar.pcap");
    query(ours, "--query", "ip_src_addr == '10.1.0.3' && protocol == 17 && ip_dst_port != 53");
    Path theirs = dir.resolve("stellar-tcpdump.pcap");
    Tool.tcpdump(input, theirs, "ip src host 10.1.0.3 and udp and not dst port 53", false);
    assertThat(Files.size(theirs)).isGreaterThan(24 + 16 * 3);
    assertThat(Files.readAllBytes(ours)).isEqualTo(Files.readAllBytes(theirs));
  }

  @Test
  void stellarByteArrayMatcherEqualsTsharkFrameContains() throws Exception {
    Path ours = dir.resolve("matcher.pcap");
    query(ours, "--query", "BYTEARRAY_MATCHER('\\'token=\\'', packet) && protocol == 6");
    Path theirs = dir.resolve("matcher-tshark.pcap");
    Tool.check(
        "tshark",
        "-r",
        input.toString(),
        "-n",
        "-Y",
        "tcp && frame contains \"token=\"",
        "-F",
        "pcap",
        "-w",
        theirs.toString());
    String view = Tool.tsharkView(theirs);
    assertThat(view).contains("74 6f 6b 65 6e 3d"); // "token=" in the hex dump
    assertThat(Tool.tsharkView(ours)).isEqualTo(view);
  }

  @Test
  void recordsPerFileWritesNumberedPagesThatTogetherEqualTheWholeAnswer() throws Exception {
    Path whole = dir.resolve("whole.pcap");
    query(whole, "--protocol", "tcp");
    long matched = Tool.check("tshark", "-r", whole.toString()).lines().count();
    assertThat(matched).isGreaterThan(1000);

    Path base = dir.resolve("pages/tcp.pcap");
    Cli r = query(base, "--protocol", "tcp", "--records-per-file", "250");
    assertThat(r.err()).contains(matched + " packets matched");
    long pages = (matched + 249) / 250;
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    byte[] wholeBytes = Files.readAllBytes(whole);
    joined.write(wholeBytes, 0, 24);
    for (int n = 1; n <= pages; n++) {
      Path page = dir.resolve(String.format("pages/tcp-%04d.pcap", n));
      long inPage = Tool.check("tshark", "-r", page.toString()).lines().count();
      assertThat(inPage)
          .as(page.toString())
          .isEqualTo(n < pages ? 250 : matched - 250 * (pages - 1));
      byte[] b = Files.readAllBytes(page);
      assertThat(Arrays.copyOf(b, 24)).isEqualTo(Arrays.copyOf(wholeBytes, 24));
      joined.write(b, 24, b.length - 24);
    }
    assertThat(Files.exists(dir.resolve(String.format("pages/tcp-%04d.pcap", pages + 1))))
        .isFalse();
    assertThat(joined.toByteArray()).isEqualTo(wholeBytes);
  }

  /** A user's mistake: a non-zero exit, one line saying what is wrong, never a stack trace. */
  private static void oneClearLine(Cli r, String... mentions) {
    assertThat(r.exit()).as(r.err()).isNotZero();
    assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    List<String> problems =
        r.errLines().stream()
            .filter(l -> l.startsWith("error") || l.startsWith("warning"))
            .toList();
    assertThat(problems).as(r.err()).hasSize(1);
    assertThat(problems.getFirst()).contains(mentions);
  }

  @Test
  void truncatedPcapKeepsTheWholePacketsAndSaysWhereItEnds() throws Exception {
    byte[] whole = Files.readAllBytes(input);
    // Cut inside the 101st record: 100 whole packets remain.
    long cut = 24;
    for (int i = 0; i < 100; i++) {
      cut += 16 + packets.get(i).frame().length;
    }
    Path truncated = dir.resolve("truncated.pcap");
    Files.write(truncated, Arrays.copyOf(whole, (int) cut + 30));
    Path out = dir.resolve("from-truncated.pcap");
    Cli r = Cli.run("pcap", "query", "--file", truncated.toString(), "-w", out.toString());
    oneClearLine(r, truncated.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("100 packets matched");
    Path expected = TestTraffic.write(dir.resolve("first100.pcap"), packets.subList(0, 100));
    assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(expected));

    Path captured = dir.resolve("captured.pcap");
    Cli capture =
        Cli.run("pcap", "capture", "--file", truncated.toString(), "--output", captured.toString());
    oneClearLine(capture, truncated.toString());
    assertThat(capture.err()).contains("received=100 sent=100");
    try (PacketReader in = PacketReader.open(captured)) {
      for (int i = 0; i < 100; i++) {
        assertThat(in.next()).isTrue();
        assertThat(in.timestampNanos()).isEqualTo(packets.get(i).micros() * 1000);
        assertThat(
                Arrays.copyOfRange(
                    in.buffer(), in.dataOffset(), in.dataOffset() + in.capturedLength()))
            .isEqualTo(packets.get(i).frame());
      }
      assertThat(in.next()).isFalse();
    }
  }

  @Test
  void notAPcapAndMissingFilesAreNamed() throws Exception {
    Path text = Files.writeString(dir.resolve("notes.txt"), "these are not packets\n");
    oneClearLine(
        Cli.run("pcap", "query", "--file", text.toString(), "-w", dir.resolve("x.pcap").toString()),
        text.toString());
    Path missing = dir.resolve("missing.pcap");
    oneClearLine(
        Cli.run(
            "pcap", "query", "--file", missing.toString(), "-w", dir.resolve("y.pcap").toString()),
        missing.toString());
  }

  @Test
  void unknownInterfaceIsOneLine() {
    oneClearLine(
        Cli.run(
            "pcap",
            "capture",
            "--interface",
            "nosuchif9",
            "--output",
            dir.resolve("live.pcap").toString(),
            "--max-packets",
            "1"),
        "nosuchif9");
  }

  @Test
  void badPacketFilterIsOneLine() {
    oneClearLine(
        Cli.run(
            "pcap",
            "query",
            "--file",
            input.toString(),
            "--packet-filter",
            "tcp port",
            "-w",
            dir.resolve("bpf.pcap").toString()),
        "tcp port");
    oneClearLine(
        Cli.run(
            "pcap",
            "capture",
            "--file",
            input.toString(),
            "--filter",
            "udp and hst 10.1.0.1",
            "-w",
            dir.resolve("bpf2.pcap").toString()),
        "udp and hst 10.1.0.1");
  }

  @Test
  void badStellarQueryAndBadTimesAreOneLine() {
    oneClearLine(
        Cli.run(
            "pcap",
            "query",
            "--file",
            input.toString(),
            "--query",
            "ip_src_addr ==",
            "-w",
            dir.resolve("q.pcap").toString()),
        "--query");
    oneClearLine(
        Cli.run(
            "pcap",
            "query",
            "--file",
            input.toString(),
            "--start-time",
            "yesterday",
            "-w",
            dir.resolve("t.pcap").toString()),
        "yesterday");
    oneClearLine(
        Cli.run(
            "pcap",
            "query",
            "--file",
            input.toString(),
            "--ip-src-addr",
            "10.1.0.300",
            "-w",
            dir.resolve("a.pcap").toString()),
        "10.1.0.300");
  }
}
