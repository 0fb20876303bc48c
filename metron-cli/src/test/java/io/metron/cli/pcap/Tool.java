package io.metron.cli.pcap;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a Debian packet tool (tcpdump, tshark) and keeps what it printed. */
record Tool(int exit, String out, String err) {

  static Tool run(String... cmd) throws IOException, InterruptedException {
    Path out = Files.createTempFile("tool", ".out");
    Path err = Files.createTempFile("tool", ".err");
    try {
      Process p =
          new ProcessBuilder(List.of(cmd))
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("timed out: " + String.join(" ", cmd));
      }
      return new Tool(
          p.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** Runs and returns standard output, failing unless the tool exits 0. */
  static String check(String... cmd) throws IOException, InterruptedException {
    Tool t = run(cmd);
    if (t.exit() != 0) {
      throw new IOException(String.join(" ", cmd) + " exited " + t.exit() + ": " + t.err());
    }
    return t.out();
  }

  /** {@code tcpdump -r in -w out 'bpf'}, nanosecond output when {@code nano}. */
  static void tcpdump(Path in, Path out, String bpf, boolean nano)
      throws IOException, InterruptedException {
    if (nano) {
      check("tcpdump", "-r", in.toString(), "--nano", "-w", out.toString(), bpf);
    } else {
      check("tcpdump", "-r", in.toString(), "-w", out.toString(), bpf);
    }
  }

  /**
   * What tshark sees in a capture: per packet its time, lengths and protocol stack, then the hex
   * dump of every packet's bytes.
   */
  static String tsharkView(Path pcap) throws IOException, InterruptedException {
    String fields =
        check(
            "tshark",
            "-r",
            pcap.toString(),
            "-n",
            "-T",
            "fields",
            "-e",
            "frame.time_epoch",
            "-e",
            "frame.len",
            "-e",
            "frame.cap_len",
            "-e",
            "frame.protocols",
            "-e",
            "ip.src",
            "-e",
            "ip.dst");
    String hex = check("tshark", "-r", pcap.toString(), "-n", "-x");
    return fields + "\n" + hex;
  }

  /**
   * TCP reassembly makes tshark's reading of a packet depend on the packets before it (and adds a
   * "Reassembled TCP" dump), which the multi-partition topic does not keep in file order.
   */
  static final String NO_REASSEMBLY = "tcp.desegment_tcp_streams:FALSE";

  /**
   * tshark's reading of each packet, in file order: lengths, protocols, addresses and ports, then
   * the hex dump of its bytes. Not the time: the capture's clock is not the file's.
   */
  static List<String> tsharkPackets(Path pcap, String displayFilter)
      throws IOException, InterruptedException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "tshark",
                "-r",
                pcap.toString(),
                "-n",
                "-o",
                NO_REASSEMBLY,
                "-T",
                "fields",
                "-e",
                "frame.len",
                "-e",
                "frame.cap_len",
                "-e",
                "frame.protocols",
                "-e",
                "ip.src",
                "-e",
                "ip.dst",
                "-e",
                "tcp.srcport",
                "-e",
                "tcp.dstport",
                "-e",
                "udp.srcport",
                "-e",
                "udp.dstport"));
    List<String> hexCmd =
        new ArrayList<>(List.of("tshark", "-r", pcap.toString(), "-n", "-o", NO_REASSEMBLY, "-x"));
    if (displayFilter != null) {
      cmd.addAll(List.of("-Y", displayFilter));
      hexCmd.addAll(List.of("-Y", displayFilter));
    }
    List<String> fields = check(cmd.toArray(String[]::new)).lines().toList();
    List<String> hex =
        Arrays.stream(check(hexCmd.toArray(String[]::new)).split("\\n\\s*\\n"))
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .toList();
    if (hex.size() != fields.size()) {
      throw new IOException(
          "tshark printed " + fields.size() + " packets' fields but " + hex.size() + " dumps");
    }
    List<String> packets = new ArrayList<>();
    for (int i = 0; i < fields.size(); i++) {
      packets.add(fields.get(i) + "\n" + hex.get(i));
    }
    return packets;
  }
}
