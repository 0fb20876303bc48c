package io.metron.streams.ingest.syslog;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads how many datagrams the kernel dropped on this process's UDP sockets bound to a port: the
 * last column ({@code drops}) of {@code /proc/net/udp} and {@code /proc/net/udp6}. Drops happen
 * when the socket's receive buffer is full because the edge fell behind. Only the sockets this
 * process holds count (matched by inode through {@code /proc/self/fd}), so another program on the
 * same port with {@code SO_REUSEPORT} does not skew the figure. Where {@code /proc} is missing (not
 * Linux), {@link #read} returns -1.
 */
public final class KernelUdpDrops {
  private final Path proc;

  public KernelUdpDrops() {
    this(Path.of("/proc"));
  }

  KernelUdpDrops(Path proc) {
    this.proc = proc;
  }

  /** The kernel's drop count summed over this process's UDP sockets on {@code port}, or -1. */
  public long read(int port) {
    try {
      Set<String> inodes = ownSocketInodes();
      long total = -1;
      for (String table : List.of("net/udp", "net/udp6")) {
        Path file = proc.resolve(table);
        if (!Files.isReadable(file)) {
          continue;
        }
        long drops = drops(Files.readAllLines(file), port, inodes);
        if (drops >= 0) {
          total = Math.max(total, 0) + drops;
        }
      }
      return total;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /**
   * Sums the drops column of the table rows whose local port is {@code port} and whose inode is in
   * {@code inodes} (any inode when {@code inodes} is empty); -1 when no row matches.
   */
  static long drops(List<String> table, int port, Set<String> inodes) {
    String hexPort = ":" + String.format("%04X", port);
    long sum = -1;
    for (String line : table) {
      String[] f = line.trim().split("\\s+");
      // sl local rem st tx:rx tr:when retrnsmt uid timeout inode ref pointer drops
      if (f.length < 13 || !f[1].endsWith(hexPort)) {
        continue;
      }
      if (!inodes.isEmpty() && !inodes.contains(f[9])) {
        continue;
      }
      try {
        sum = Math.max(sum, 0) + Long.parseLong(f[12]);
      } catch (NumberFormatException e) {
        // a header line or an unexpected layout: not a socket row
      }
    }
    return sum;
  }

  private Set<String> ownSocketInodes() throws IOException {
    Set<String> inodes = new HashSet<>();
    Path fds = proc.resolve("self/fd");
    if (!Files.isDirectory(fds)) {
      return inodes;
    }
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(fds)) {
      for (Path fd : stream) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[") && target.endsWith("]")) {
            inodes.add(target.substring(8, target.length() - 1));
          }
        } catch (IOException e) {
          // the descriptor closed while we listed them
        }
      }
    }
    return inodes;
  }
}
