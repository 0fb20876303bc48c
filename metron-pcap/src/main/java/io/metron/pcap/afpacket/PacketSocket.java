package io.metron.pcap.afpacket;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.metron.pcap.libpcap.BpfCompiler;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * One AF_PACKET socket bound to one interface, with its TPACKET_V3 receive ring mapped into our
 * memory. Opened in an order that lets no unwanted packet in: the socket starts with protocol 0 (it
 * receives nothing), gets its version, filter and ring, and only {@code bind} with {@code
 * ETH_P_ALL} and the interface's index starts the flow; joining the fanout group comes last because
 * the kernel accepts it only on a bound socket.
 *
 * <p>{@link #stats()} may be called from any thread; the ring itself is read by one thread.
 */
final class PacketSocket implements AutoCloseable {
  /** Geometry of a receive ring: {@code blockCount} blocks of {@code blockSize} bytes. */
  record Ring(int blockSize, int blockCount, int retireMillis) {
    /** The frame size only sizes the kernel's bookkeeping in V3 (frames are variable-length). */
    static final int FRAME_SIZE = 2048;

    Ring {
      if (blockSize % 4096 != 0 || blockSize < FRAME_SIZE) {
        throw new IllegalArgumentException("ring block size must be a multiple of 4096");
      }
      if (blockCount < 2) {
        throw new IllegalArgumentException("a ring needs at least two blocks");
      }
    }

    /**
     * A ring of about {@code bytes} in 1 MiB blocks (larger when one packet of {@code snapLength}
     * would not fit), at least 4 blocks, retiring a partly filled block after 10 ms so a slow
     * trickle of packets is not held back.
     */
    static Ring of(long bytes, int snapLength) {
      int block = 1 << 20;
      while (block < snapLength + 4096) {
        block <<= 1;
      }
      int count = (int) Math.max(4, Math.min(Integer.MAX_VALUE / 2, bytes / block));
      return new Ring(block, count, 10);
    }

    long bytes() {
      return (long) blockSize * blockCount;
    }
  }

  /** Kernel counters: packets that reached the socket (including dropped) and dropped. */
  record Stats(long packets, long drops) {}

  private final Arena arena = Arena.ofShared();
  private final String iface;
  private final int fd;
  private final Ring ring;
  private final MemorySegment map;
  private final MemorySegment pollfd;
  private final MemorySegment statsOut;
  private final MemorySegment statsLen;
  private long packets;
  private long drops;
  private boolean closed;

  private PacketSocket(String iface, int fd, Ring ring, MemorySegment map) {
    this.iface = iface;
    this.fd = fd;
    this.ring = ring;
    this.map = map;
    this.pollfd = arena.allocate(8, 4);
    pollfd.set(JAVA_INT, 0, fd);
    pollfd.set(JAVA_SHORT, 4, (short) (Libc.POLLIN | Libc.POLLERR));
    this.statsOut = arena.allocate(12, 4);
    this.statsLen = arena.allocate(JAVA_INT);
  }

  /**
   * Opens a socket on {@code iface}.
   *
   * @param filter classic BPF program attached before any packet arrives, or null for none
   * @param fanout the PACKET_FANOUT argument (group id and mode), or -1 to capture alone
   * @throws AfPacketException naming the step and the kernel's reason
   */
  static PacketSocket open(
      String iface,
      int ifindex,
      Ring ring,
      boolean promiscuous,
      BpfCompiler.Instructions filter,
      int fanout) {
    Libc.Result s = Libc.socket(Libc.AF_PACKET, Libc.SOCK_RAW, 0);
    if (s.failed()) {
      throw new AfPacketException(
          "cannot open an AF_PACKET socket for "
              + iface
              + ": "
              + Libc.strerror(s.errno())
              + (s.errno() == 1 ? " (needs root or CAP_NET_RAW)" : ""));
    }
    int fd = (int) s.value();
    MemorySegment map = null;
    try (Arena tmp = Arena.ofConfined()) {
      MemorySegment version = tmp.allocate(JAVA_INT);
      version.set(JAVA_INT, 0, Libc.TPACKET_V3);
      check(Libc.setsockopt(fd, Libc.SOL_PACKET, Libc.PACKET_VERSION, version), iface, "version");
      if (filter != null) {
        attach(tmp, fd, iface, filter);
      }
      MemorySegment req = tmp.allocate(28, 4);
      req.set(JAVA_INT, 0, ring.blockSize());
      req.set(JAVA_INT, 4, ring.blockCount());
      req.set(JAVA_INT, 8, Ring.FRAME_SIZE);
      req.set(JAVA_INT, 12, ring.blockSize() / Ring.FRAME_SIZE * ring.blockCount());
      req.set(JAVA_INT, 16, ring.retireMillis());
      check(Libc.setsockopt(fd, Libc.SOL_PACKET, Libc.PACKET_RX_RING, req), iface, "RX_RING");
      map = Libc.mmapShared(fd, ring.bytes());
      MemorySegment sll = tmp.allocate(20, 4);
      sll.set(JAVA_SHORT, 0, (short) Libc.AF_PACKET);
      sll.set(JAVA_SHORT, 2, Libc.ETH_P_ALL_BE);
      sll.set(JAVA_INT, 4, ifindex);
      Libc.Result b = Libc.bind(fd, sll);
      if (b.failed()) {
        throw new AfPacketException(
            "cannot bind an AF_PACKET socket to " + iface + ": " + Libc.strerror(b.errno()));
      }
      if (promiscuous) {
        MemorySegment mreq = tmp.allocate(16, 4);
        mreq.set(JAVA_INT, 0, ifindex);
        mreq.set(JAVA_SHORT, 4, (short) Libc.PACKET_MR_PROMISC);
        check(
            Libc.setsockopt(fd, Libc.SOL_PACKET, Libc.PACKET_ADD_MEMBERSHIP, mreq),
            iface,
            "promiscuous mode");
      }
      if (fanout >= 0) {
        MemorySegment arg = tmp.allocate(JAVA_INT);
        arg.set(JAVA_INT, 0, fanout);
        check(Libc.setsockopt(fd, Libc.SOL_PACKET, Libc.PACKET_FANOUT, arg), iface, "FANOUT");
      }
      return new PacketSocket(iface, fd, ring, map);
    } catch (RuntimeException e) {
      if (map != null) {
        Libc.munmap(map);
      }
      Libc.close(fd);
      throw e;
    }
  }

  private static void attach(Arena tmp, int fd, String iface, BpfCompiler.Instructions p) {
    MemorySegment insns = tmp.allocate(8L * p.length(), 8);
    for (int i = 0; i < p.length(); i++) {
      long at = i * 8L;
      insns.set(JAVA_SHORT, at, (short) p.code()[i]);
      insns.set(JAVA_BYTE, at + 2, (byte) p.jt()[i]);
      insns.set(JAVA_BYTE, at + 3, (byte) p.jf()[i]);
      insns.set(JAVA_INT, at + 4, p.k()[i]);
    }
    MemorySegment prog = tmp.allocate(16, 8);
    prog.set(JAVA_SHORT, 0, (short) p.length());
    prog.set(ADDRESS, 8, insns);
    check(Libc.setsockopt(fd, Libc.SOL_SOCKET, Libc.SO_ATTACH_FILTER, prog), iface, "filter");
  }

  private static void check(Libc.Result r, String iface, String what) {
    if (r.failed()) {
      throw new AfPacketException(
          "cannot set the AF_PACKET "
              + what
              + " option on "
              + iface
              + ": "
              + Libc.strerror(r.errno()));
    }
  }

  MemorySegment ring() {
    return map;
  }

  Ring geometry() {
    return ring;
  }

  /**
   * Waits up to {@code timeoutMillis} for the kernel to hand over a block.
   *
   * @return true when the socket reported an error (e.g. the interface went down)
   */
  boolean await(int timeoutMillis) {
    pollfd.set(JAVA_SHORT, 6, (short) 0);
    Libc.Result r = Libc.poll(pollfd, timeoutMillis);
    if (r.failed() && r.errno() != Libc.EINTR) {
      throw new AfPacketException("poll on " + iface + " failed: " + Libc.strerror(r.errno()));
    }
    return (pollfd.get(JAVA_SHORT, 6) & Libc.POLLERR) != 0;
  }

  /**
   * The kernel's counters since the socket opened. {@code PACKET_STATISTICS} resets them on every
   * read, so they are added up here.
   */
  synchronized Stats stats() {
    if (!closed) {
      Libc.Result r =
          Libc.getsockopt(fd, Libc.SOL_PACKET, Libc.PACKET_STATISTICS, statsOut, statsLen);
      if (!r.failed()) {
        packets += Integer.toUnsignedLong(statsOut.get(JAVA_INT, 0));
        drops += Integer.toUnsignedLong(statsOut.get(JAVA_INT, 4));
      }
    }
    return new Stats(packets, drops);
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    stats();
    closed = true;
    Libc.munmap(map);
    Libc.close(fd);
    arena.close();
  }
}
