package io.metron.pcap.capture;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A veth pair with one end ({@link #inside()}) in a network namespace of its own, for replaying
 * traffic onto a live interface ({@link #outside()}) that a capture reads: what the capture tests
 * and the capture sweep run on. IPv6 is off on both ends so the kernel adds no packets of its own
 * (router solicitations). {@link #close()} removes the namespace and the pair. Needs root and
 * iproute2.
 */
public final class VethPair implements AutoCloseable {
  private final String namespace;
  private final String outside;
  private final String inside;

  private VethPair(String namespace, String outside, String inside) {
    this.namespace = namespace;
    this.outside = outside;
    this.inside = inside;
  }

  /**
   * Creates a pair with fresh names starting with {@code prefix} (at most 8 characters: interface
   * names are limited to 15).
   *
   * @throws IOException naming the command that failed and what it printed
   */
  public static VethPair create(String prefix) throws IOException, InterruptedException {
    String id = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
    VethPair p = new VethPair(prefix + "ns" + id, prefix + "A" + id, prefix + "B" + id);
    try {
      run("ip", "netns", "add", p.namespace);
      run("ip", "link", "add", p.outside, "type", "veth", "peer", "name", p.inside);
      run("ip", "link", "set", p.inside, "netns", p.namespace);
      run("sysctl", "-q", "-w", "net.ipv6.conf." + p.outside + ".disable_ipv6=1");
      p.inNamespace("sysctl", "-q", "-w", "net.ipv6.conf." + p.inside + ".disable_ipv6=1");
      run("ip", "link", "set", p.outside, "up");
      run("ip", "-n", p.namespace, "link", "set", p.inside, "up");
    } catch (IOException | InterruptedException e) {
      p.close();
      throw e;
    }
    return p;
  }

  /** The network namespace holding {@link #inside()}. */
  public String namespace() {
    return namespace;
  }

  /** The end in the host's namespace: capture here. */
  public String outside() {
    return outside;
  }

  /** The end in {@link #namespace()}: replay here. */
  public String inside() {
    return inside;
  }

  /** Runs a command inside the namespace (e.g. tcpreplay on {@link #inside()}); returns stdout. */
  public String inNamespace(String... cmd) throws IOException, InterruptedException {
    String[] full = new String[cmd.length + 4];
    full[0] = "ip";
    full[1] = "netns";
    full[2] = "exec";
    full[3] = namespace;
    System.arraycopy(cmd, 0, full, 4, cmd.length);
    return run(full);
  }

  /** Runs a command (two minutes at most) and returns its output; fails on a non-zero exit. */
  private static String run(String... cmd) throws IOException, InterruptedException {
    Path out = Files.createTempFile("veth", ".out");
    try {
      Process p =
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("timed out: " + String.join(" ", cmd));
      }
      String text = Files.readString(out, StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new IOException(String.join(" ", cmd) + " exited " + p.exitValue() + ": " + text);
      }
      return text;
    } finally {
      Files.deleteIfExists(out);
    }
  }

  /** Removes the namespace and the pair; safe to call twice. */
  @Override
  public void close() {
    for (List<String> cmd :
        List.of(List.of("ip", "netns", "del", namespace), List.of("ip", "link", "del", outside))) {
      try {
        run(cmd.toArray(String[]::new));
      } catch (IOException e) {
        // already gone (deleting the namespace removes the pair with it)
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
