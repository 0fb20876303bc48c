package io.metron.pcap.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Debian's packet tools (tcpdump, tshark, tcpreplay) for comparison tests. */
public final class Tools {
  private Tools() {}

  /** Output of a finished command. */
  public record Result(int exit, String stdout, String stderr) {}

  /** Runs a command and waits (at most two minutes); fails the test if it cannot start. */
  public static Result run(List<String> cmd) throws IOException, InterruptedException {
    Path out = Files.createTempFile("tool", ".out");
    Path err = Files.createTempFile("tool", ".err");
    try {
      Process p =
          new ProcessBuilder(cmd)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("timed out: " + cmd);
      }
      return new Result(
          p.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** Runs a command and returns its stdout, failing on a non-zero exit. */
  public static String check(String... cmd) throws IOException, InterruptedException {
    Result r = run(List.of(cmd));
    if (r.exit() != 0) {
      throw new IOException(String.join(" ", cmd) + " exited " + r.exit() + ": " + r.stderr());
    }
    return r.stdout();
  }

  /** {@code tcpdump -r in -w out expression}. */
  public static void tcpdump(Path in, Path out, String expression)
      throws IOException, InterruptedException {
    tcpdump(in, out, expression, false);
  }

  /** Same, with {@code --nano} keeping nanosecond timestamps when {@code nanos}. */
  public static void tcpdump(Path in, Path out, String expression, boolean nanos)
      throws IOException, InterruptedException {
    List<String> cmd =
        new ArrayList<>(List.of("tcpdump", "-r", in.toString(), "-w", out.toString()));
    if (nanos) {
      cmd.add("--nano");
    }
    if (!expression.isBlank()) {
      cmd.add(expression);
    }
    Result r = run(cmd);
    if (r.exit() != 0) {
      throw new IOException("tcpdump failed for '" + expression + "': " + r.stderr());
    }
  }
}
