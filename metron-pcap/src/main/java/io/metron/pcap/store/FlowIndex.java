package io.metron.pcap.store;

import io.metron.pcap.decode.DecodedPacket;
import io.metron.pcap.filter.FixedFilter;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The flow index of one sealed pcap file.
 *
 * <p>Format (big-endian): a 64-byte header ({@code MPIX}, version, covered data length, packet
 * count, flow count, link type, first and last timestamp); then one 88-byte entry per flow, sorted
 * by a hash of its address pair (so a query naming both addresses binary-searches); then 16-byte
 * postings, each flow's together in file order: {@code offset << 1 | direction}, timestamp in
 * nanoseconds. A flow is a 5-tuple with both directions together; direction 0 means the packet went
 * from endpoint A to endpoint B.
 */
public final class FlowIndex {
  static final int MAGIC = 0x4D504958;
  static final int VERSION = 1;
  static final int HEADER = 64;
  static final int FLOW = 88;
  static final int POSTING = 16;

  private FlowIndex() {}

  /** Canonical 5-tuple of a flow; endpoint A is the smaller (address, port). */
  record FlowKey(
      int ipVersion, int protocol, int etherType, byte[] a, byte[] b, int portA, int portB) {
    @Override
    public boolean equals(Object o) {
      return o instanceof FlowKey k
          && ipVersion == k.ipVersion
          && protocol == k.protocol
          && etherType == k.etherType
          && portA == k.portA
          && portB == k.portB
          && Arrays.equals(a, k.a)
          && Arrays.equals(b, k.b);
    }

    @Override
    public int hashCode() {
      return ((Arrays.hashCode(a) * 31 + Arrays.hashCode(b)) * 31 + portA * 65537 + portB) * 31
          + protocol;
    }

    long pairHash() {
      return FlowIndex.pairHash(ipVersion, a, b);
    }
  }

  /** Hash of an unordered address pair (same for both directions). */
  static long pairHash(int ipVersion, byte[] x, byte[] y) {
    byte[] lo = Arrays.compareUnsigned(x, y) <= 0 ? x : y;
    byte[] hi = lo == x ? y : x;
    long h = 0xcbf29ce484222325L ^ ipVersion;
    for (byte v : lo) {
      h = (h ^ (v & 0xff)) * 0x100000001b3L;
    }
    for (byte v : hi) {
      h = (h ^ (v & 0xff)) * 0x100000001b3L;
    }
    return h ^ (h >>> 29);
  }

  /** Accumulates postings for the file being written. Not thread-safe. */
  static final class Builder {
    private final Map<FlowKey, Postings> flows = new HashMap<>();
    private long packets;
    private long minTs = Long.MAX_VALUE;
    private long maxTs = Long.MIN_VALUE;

    void add(DecodedPacket p, long offset, long ts) {
      int v = p.ipVersion();
      int n = v == 4 ? 4 : 16;
      byte[] src = new byte[n];
      byte[] dst = new byte[n];
      if (v != 0) {
        p.copySrcAddress(src, 0);
        p.copyDstAddress(dst, 0);
      }
      int sp = p.srcPort();
      int dp = p.dstPort();
      int cmp = Arrays.compareUnsigned(src, dst);
      boolean forward = cmp < 0 || (cmp == 0 && sp <= dp);
      FlowKey key =
          forward
              ? new FlowKey(v, p.protocol(), v == 0 ? p.etherType() : -1, src, dst, sp, dp)
              : new FlowKey(v, p.protocol(), v == 0 ? p.etherType() : -1, dst, src, dp, sp);
      Postings list = flows.computeIfAbsent(key, k -> new Postings());
      list.add((offset << 1) | (forward ? 0 : 1), ts);
      packets++;
      minTs = Math.min(minTs, ts);
      maxTs = Math.max(maxTs, ts);
    }

    long packets() {
      return packets;
    }

    /** Writes the index atomically: a temp file, fsync, then rename over {@code target}. */
    void write(Path target, long dataLength, int linkType) throws IOException {
      List<Map.Entry<FlowKey, Postings>> sorted = new ArrayList<>(flows.entrySet());
      sorted.sort((x, y) -> Long.compare(x.getKey().pairHash(), y.getKey().pairHash()));
      Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
      try (FileChannel ch =
          FileChannel.open(
              tmp,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.allocate(1 << 20).order(ByteOrder.BIG_ENDIAN);
        buf.putInt(MAGIC).putInt(VERSION).putLong(dataLength).putLong(packets);
        buf.putInt(sorted.size()).putInt(linkType);
        buf.putLong(packets == 0 ? 0 : minTs).putLong(packets == 0 ? 0 : maxTs);
        buf.put(new byte[HEADER - buf.position()]);
        long posting = 0;
        for (Map.Entry<FlowKey, Postings> e : sorted) {
          if (buf.remaining() < FLOW) {
            drain(ch, buf);
          }
          FlowKey k = e.getKey();
          Postings ps = e.getValue();
          buf.putLong(k.pairHash()).putInt(k.ipVersion()).putInt(k.protocol());
          put16(buf, k.a());
          put16(buf, k.b());
          buf.putInt(k.portA()).putInt(k.portB());
          buf.putLong(ps.minTs).putLong(ps.maxTs);
          buf.putLong(posting).putInt(ps.size).putInt(k.etherType());
          posting += ps.size;
        }
        for (Map.Entry<FlowKey, Postings> e : sorted) {
          Postings ps = e.getValue();
          for (int i = 0; i < ps.size; i++) {
            if (buf.remaining() < POSTING) {
              drain(ch, buf);
            }
            buf.putLong(ps.offsets[i]).putLong(ps.times[i]);
          }
        }
        drain(ch, buf);
        ch.force(true);
      }
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    }

    private static void put16(ByteBuffer buf, byte[] addr) {
      buf.put(addr);
      for (int i = addr.length; i < 16; i++) {
        buf.put((byte) 0);
      }
    }

    private static void drain(FileChannel ch, ByteBuffer buf) throws IOException {
      buf.flip();
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      buf.clear();
    }
  }

  /** Growable parallel arrays of one flow's postings. */
  private static final class Postings {
    long[] offsets = new long[4];
    long[] times = new long[4];
    int size;
    long minTs = Long.MAX_VALUE;
    long maxTs = Long.MIN_VALUE;

    void add(long offsetAndDir, long ts) {
      if (size == offsets.length) {
        offsets = Arrays.copyOf(offsets, size * 2);
        times = Arrays.copyOf(times, size * 2);
      }
      offsets[size] = offsetAndDir;
      times[size] = ts;
      size++;
      minTs = Math.min(minTs, ts);
      maxTs = Math.max(maxTs, ts);
    }
  }

  /** Receives matching postings. */
  @FunctionalInterface
  public interface PostingConsumer {
    void accept(long offset, long timestampNanos);
  }

  /**
   * A memory-mapped index, read-only. Thread-safe for concurrent lookups; {@link #close()} unmaps
   * it.
   */
  public static final class Reader implements AutoCloseable {
    private static final ValueLayout.OfLong LONG =
        ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt INT =
        ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private final Arena arena;
    private final MemorySegment seg;
    private final Path path;
    private final long dataLength;
    private final long packets;
    private final int flows;
    private final int linkType;
    private final long minTs;
    private final long maxTs;

    private Reader(Path path, Arena arena, MemorySegment seg) throws IOException {
      this.path = path;
      this.arena = arena;
      this.seg = seg;
      if (seg.byteSize() < HEADER || seg.get(INT, 0) != MAGIC || seg.get(INT, 4) != VERSION) {
        throw new IOException(path + ": not a flow index (bad magic or version)");
      }
      dataLength = seg.get(LONG, 8);
      packets = seg.get(LONG, 16);
      flows = seg.get(INT, 24);
      linkType = seg.get(INT, 28);
      minTs = seg.get(LONG, 32);
      maxTs = seg.get(LONG, 40);
      long need = HEADER + (long) flows * FLOW + packets * POSTING;
      if (seg.byteSize() != need) {
        throw new IOException(
            path + ": flow index is " + seg.byteSize() + " bytes, expected " + need);
      }
    }

    /** Maps an index file. */
    public static Reader open(Path path) throws IOException {
      Arena arena = Arena.ofShared();
      try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
        return new Reader(path, arena, ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena));
      } catch (IOException | RuntimeException e) {
        arena.close();
        throw e;
      }
    }

    public Path path() {
      return path;
    }

    /** Length of the data file this index covers (bytes after it are not indexed). */
    public long dataLength() {
      return dataLength;
    }

    public long packets() {
      return packets;
    }

    public int flows() {
      return flows;
    }

    public int linkType() {
      return linkType;
    }

    /** Earliest packet timestamp (ns); meaningless when {@link #packets()} is 0. */
    public long minTimestamp() {
      return minTs;
    }

    public long maxTimestamp() {
      return maxTs;
    }

    /**
     * Calls {@code out} for every packet of a flow that can match {@code filter} (by addresses,
     * ports, protocol and direction) with a timestamp in {@code [start, end)}. The filter is
     * applied to the 5-tuple only; callers re-check anything else on the decoded packet.
     *
     * @return number of postings delivered
     */
    public long lookup(FixedFilter filter, long start, long end, PostingConsumer out) {
      if (packets == 0 || maxTs < start || minTs >= end) {
        return 0;
      }
      int from = 0;
      int to = flows;
      if (filter.srcAddr() != null
          && filter.dstAddr() != null
          && filter.srcAddr().length == filter.dstAddr().length) {
        int v = filter.srcAddr().length == 4 ? 4 : 6;
        long h = pairHash(v, filter.srcAddr(), filter.dstAddr());
        from = lowerBound(h);
        to = from;
        while (to < flows && seg.get(LONG, flowAt(to)) == h) {
          to++;
        }
      }
      long delivered = 0;
      byte[] a = new byte[16];
      byte[] b = new byte[16];
      for (int f = from; f < to; f++) {
        long base = flowAt(f);
        long first = seg.get(LONG, base + 56);
        long last = seg.get(LONG, base + 64);
        if (last < start || first >= end) {
          continue;
        }
        int dirs = directions(filter, base, a, b);
        if (dirs == 0) {
          continue;
        }
        long p0 = seg.get(LONG, base + 72);
        int n = seg.get(INT, base + 80);
        long at = HEADER + (long) flows * FLOW + p0 * POSTING;
        for (int i = 0; i < n; i++, at += POSTING) {
          long od = seg.get(LONG, at);
          long ts = seg.get(LONG, at + 8);
          if (ts < start || ts >= end || (dirs & (1 << (od & 1))) == 0) {
            continue;
          }
          out.accept(od >>> 1, ts);
          delivered++;
        }
      }
      return delivered;
    }

    private long flowAt(int i) {
      return HEADER + (long) i * FLOW;
    }

    private int lowerBound(long h) {
      int lo = 0;
      int hi = flows;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (seg.get(LONG, flowAt(mid)) < h) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }

    /** Bit 0: packets from A to B can match; bit 1: packets from B to A can. */
    private int directions(FixedFilter f, long base, byte[] a, byte[] b) {
      if (f.isAny()) {
        return 3;
      }
      int v = seg.get(INT, base + 8);
      int proto = seg.get(INT, base + 12);
      if (f.protocol() >= 0 && proto != f.protocol()) {
        return 0;
      }
      if (v == 0) {
        // Without an IP layer a packet has none of the fields a non-empty filter names.
        return 0;
      }
      int n = v == 4 ? 4 : 16;
      MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, base + 16, a, 0, n);
      MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, base + 32, b, 0, n);
      int pa = seg.get(INT, base + 48);
      int pb = seg.get(INT, base + 52);
      int dirs = 0;
      if (sideMatches(f, a, b, pa, pb, n)
          || (f.includeReverse() && sideMatches(f, b, a, pb, pa, n))) {
        dirs |= 1;
      }
      if (sideMatches(f, b, a, pb, pa, n)
          || (f.includeReverse() && sideMatches(f, a, b, pa, pb, n))) {
        dirs |= 2;
      }
      return dirs;
    }

    private static boolean sideMatches(
        FixedFilter f, byte[] src, byte[] dst, int sp, int dp, int n) {
      return (f.srcAddr() == null
              || (f.srcAddr().length == n && Arrays.equals(f.srcAddr(), 0, n, src, 0, n)))
          && (f.dstAddr() == null
              || (f.dstAddr().length == n && Arrays.equals(f.dstAddr(), 0, n, dst, 0, n)))
          && (f.srcPort() < 0 || sp == f.srcPort())
          && (f.dstPort() < 0 || dp == f.dstPort());
    }

    @Override
    public void close() {
      arena.close();
    }
  }
}
