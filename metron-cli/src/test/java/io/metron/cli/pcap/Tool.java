package io.metron.cli.pcap;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
