package io.metron.pcap.libpcap;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;

/**
 * An open libpcap capture: a live interface or a pcap file read through libpcap.
 *
 * <p>{@link #next()} copies the next packet into a reused Java buffer. Use from one thread at a
 * time; {@link #close()} must not race with {@link #next()}.
 */
public final class PcapHandle implements AutoCloseable {
  /** {@link #next()} result: a packet is available. */
  public static final int PACKET = 1;

  /** {@link #next()} result: the read timeout expired with no packet (live capture). */
  public static final int TIMEOUT = 0;

  /** {@link #next()} result: the end of an offline file. */
  public static final int END = -2;

  private final LibPcap lib;
  private final Arena arena = Arena.ofShared();
  private final MemorySegment pcap;
  private final MemorySegment hdrOut;
  private final MemorySegment dataOut;
  private final MemorySegment statsOut;
  private final String source;
  private final boolean live;
  private byte[] buffer = new byte[65536];
  private long timestampNanos;
  private int capturedLength;
  private int originalLength;
  private final boolean nanos;
  private boolean closed;

  private PcapHandle(LibPcap lib, MemorySegment pcap, String source, boolean live, boolean nanos) {
    this.lib = lib;
    this.pcap = pcap;
    this.source = source;
    this.live = live;
    this.nanos = nanos;
    this.hdrOut = arena.allocate(ADDRESS);
    this.dataOut = arena.allocate(ADDRESS);
    this.statsOut = arena.allocate(16, 8);
  }

  /**
   * Opens a live interface.
   *
   * @param iface interface name, e.g. {@code eth0} ({@code any} for all)
   * @param snapLength bytes kept per packet
   * @param promiscuous put the interface in promiscuous mode
   * @param bufferBytes kernel ring size; larger rides out bursts without drops
   * @param timeoutMillis how long {@link #next()} may wait before returning {@link #TIMEOUT}
   * @param filter tcpdump expression applied in the kernel, or null
   * @throws LibPcapException with libpcap's reason (no such device, permission denied, ...)
   */
  public static PcapHandle openLive(
      String iface,
      int snapLength,
      boolean promiscuous,
      int bufferBytes,
      int timeoutMillis,
      String filter) {
    LibPcap lib = LibPcap.get();
    try (Arena tmp = Arena.ofConfined()) {
      MemorySegment err = tmp.allocate(LibPcap.ERRBUF_SIZE);
      MemorySegment p = (MemorySegment) lib.create.invokeExact(tmp.allocateFrom(iface), err);
      if (p.equals(MemorySegment.NULL)) {
        throw new LibPcapException("cannot open interface " + iface + ": " + err.getString(0));
      }
      int rc = 0;
      rc |= (int) lib.setSnaplen.invokeExact(p, snapLength);
      rc |= (int) lib.setPromisc.invokeExact(p, promiscuous ? 1 : 0);
      rc |= (int) lib.setTimeout.invokeExact(p, timeoutMillis);
      rc |= (int) lib.setBufferSize.invokeExact(p, bufferBytes);
      boolean nanos = (int) lib.setPrecision.invokeExact(p, LibPcap.PRECISION_NANO) == 0;
      if (rc != 0) {
        lib.close.invokeExact(p);
        throw new LibPcapException("cannot configure interface " + iface);
      }
      int act = (int) lib.activate.invokeExact(p);
      if (act < 0) {
        String why = LibPcap.string((MemorySegment) lib.geterr.invokeExact(p));
        if (why.isEmpty()) {
          why = LibPcap.string((MemorySegment) lib.statusToStr.invokeExact(act));
        }
        lib.close.invokeExact(p);
        throw new LibPcapException("cannot capture on " + iface + ": " + why);
      }
      return new PcapHandle(lib, p, iface, true, nanos).withFilter(filter);
    } catch (LibPcapException e) {
      throw e;
    } catch (Throwable t) {
      throw LibPcap.rethrow(t);
    }
  }

  /** Opens a pcap file through libpcap (nanosecond timestamps), optionally filtered. */
  public static PcapHandle openOffline(Path file, String filter) {
    LibPcap lib = LibPcap.get();
    try (Arena tmp = Arena.ofConfined()) {
      MemorySegment err = tmp.allocate(LibPcap.ERRBUF_SIZE);
      MemorySegment p =
          (MemorySegment)
              lib.openOffline.invokeExact(
                  tmp.allocateFrom(file.toString()), LibPcap.PRECISION_NANO, err);
      if (p.equals(MemorySegment.NULL)) {
        throw new LibPcapException("cannot read " + file + ": " + err.getString(0));
      }
      return new PcapHandle(lib, p, file.toString(), false, true).withFilter(filter);
    } catch (LibPcapException e) {
      throw e;
    } catch (Throwable t) {
      throw LibPcap.rethrow(t);
    }
  }

  /** Applies a kernel filter when one is given; closes this handle if it is refused. */
  private PcapHandle withFilter(String expression) {
    if (expression != null && !expression.isBlank()) {
      setFilter(expression);
    }
    return this;
  }

  private void setFilter(String expression) {
    try (Arena tmp = Arena.ofConfined()) {
      MemorySegment prog = tmp.allocate(16, 8);
      int rc =
          (int)
              lib.compile.invokeExact(
                  pcap, prog, tmp.allocateFrom(expression), 1, LibPcap.NETMASK_UNKNOWN);
      if (rc != 0) {
        String why = LibPcap.string((MemorySegment) lib.geterr.invokeExact(pcap));
        close();
        throw new IllegalArgumentException("invalid capture filter '" + expression + "': " + why);
      }
      try {
        rc = (int) lib.setFilter.invokeExact(pcap, prog);
        if (rc != 0) {
          String why = LibPcap.string((MemorySegment) lib.geterr.invokeExact(pcap));
          close();
          throw new LibPcapException("cannot set filter on " + source + ": " + why);
        }
      } finally {
        lib.freeCode.invokeExact(prog);
      }
    } catch (IllegalArgumentException | LibPcapException e) {
      throw e;
    } catch (Throwable t) {
      throw LibPcap.rethrow(t);
    }
  }

  /**
   * Reads the next packet.
   *
   * @return {@link #PACKET}, {@link #TIMEOUT} or {@link #END}
   * @throws LibPcapException when the capture fails (interface gone, ...)
   */
  public int next() {
    int rc;
    try {
      rc = (int) lib.nextEx.invokeExact(pcap, hdrOut, dataOut);
    } catch (Throwable t) {
      throw LibPcap.rethrow(t);
    }
    if (rc == 1) {
      MemorySegment hdr = hdrOut.get(ADDRESS, 0).reinterpret(24);
      long sec = hdr.get(JAVA_LONG, 0);
      long frac = hdr.get(JAVA_LONG, 8);
      int cap = hdr.get(JAVA_INT, 16);
      originalLength = hdr.get(JAVA_INT, 20);
      timestampNanos = sec * 1_000_000_000L + (nanos ? frac : frac * 1000L);
      if (cap > buffer.length) {
        buffer = new byte[Math.max(cap, buffer.length * 2)];
      }
      MemorySegment data = dataOut.get(ADDRESS, 0).reinterpret(cap);
      MemorySegment.copy(data, ValueLayout.JAVA_BYTE, 0, buffer, 0, cap);
      capturedLength = cap;
      return PACKET;
    }
    if (rc == 0) {
      return TIMEOUT;
    }
    if (rc == LibPcap.ERROR_BREAK) {
      return END;
    }
    try {
      String why = LibPcap.string((MemorySegment) lib.geterr.invokeExact(pcap));
      throw new LibPcapException("capture on " + source + " failed: " + why);
    } catch (LibPcapException e) {
      throw e;
    } catch (Throwable t) {
      throw LibPcap.rethrow(t);
    }
  }

  public byte[] buffer() {
    return buffer;
  }

  public int capturedLength() {
    return capturedLength;
  }

  public int originalLength() {
    return originalLength;
  }

  public long timestampNanos() {
    return timestampNanos;
  }

  public boolean nanos() {
    return nanos;
  }

  public boolean live() {
    return live;
  }

  public String source() {
    return source;
  }

  public int linkType() {
    try {
      return (int) lib.datalink.invokeExact(pcap);
    } catch (Throwable t) {
      throw LibPcap.rethrow(t);
    }
  }

  public int snapLength() {
    try {
      return (int) lib.snapshot.invokeExact(pcap);
    } catch (Throwable t) {
      throw LibPcap.rethrow(t);
    }
  }

  /**
   * Kernel counters from {@code pcap_stats}: packets the filter saw, dropped for lack of buffer
   * space, and dropped by the interface. Zeros for files.
   */
  public KernelStats stats() {
    if (!live) {
      return new KernelStats(0, 0, 0);
    }
    try {
      int rc = (int) lib.stats.invokeExact(pcap, statsOut);
      if (rc != 0) {
        return new KernelStats(0, 0, 0);
      }
    } catch (Throwable t) {
      throw LibPcap.rethrow(t);
    }
    return new KernelStats(
        Integer.toUnsignedLong(statsOut.get(JAVA_INT, 0)),
        Integer.toUnsignedLong(statsOut.get(JAVA_INT, 4)),
        Integer.toUnsignedLong(statsOut.get(JAVA_INT, 8)));
  }

  /**
   * {@code struct pcap_stat}.
   *
   * @param received packets that passed the filter
   * @param dropped dropped by the kernel (buffer full)
   * @param interfaceDropped dropped by the interface or driver
   */
  public record KernelStats(long received, long dropped, long interfaceDropped) {}

  /**
   * Makes a {@link #next()} blocked in another thread return {@link #END} now. Needed because on
   * Linux (TPACKET_V3) the read timeout only runs once a packet has arrived: on an idle interface
   * {@code next()} would otherwise block until traffic comes. May be called from any thread, also
   * after {@link #close()} (it then does nothing).
   */
  public synchronized void breakLoop() {
    if (closed) {
      return;
    }
    try {
      lib.breakloop.invokeExact(pcap);
    } catch (Throwable t) {
      throw LibPcap.rethrow(t);
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      lib.close.invokeExact(pcap);
    } catch (Throwable t) {
      throw LibPcap.rethrow(t);
    } finally {
      arena.close();
    }
  }
}
