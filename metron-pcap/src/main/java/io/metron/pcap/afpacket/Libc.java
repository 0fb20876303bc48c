package io.metron.pcap.afpacket;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The few C library calls an AF_PACKET socket needs (socket, setsockopt, getsockopt, bind, mmap,
 * munmap, poll, close, if_nametoindex), bound through the foreign-function API. Every call that can
 * fail captures {@code errno} so a failure reads as the kernel's reason ("Operation not permitted")
 * rather than -1. Loaded once; the calls are thread-safe.
 */
final class Libc {
  private static final Linker LINKER = Linker.nativeLinker();
  private static final SymbolLookup LIBC = LINKER.defaultLookup();
  private static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");
  private static final MemoryLayout STATE = Linker.Option.captureStateLayout();
  private static final VarHandle ERRNO_HANDLE =
      STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

  private static final MethodHandle SOCKET =
      errno("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
  private static final MethodHandle SETSOCKOPT =
      errno(
          "setsockopt",
          FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
  private static final MethodHandle GETSOCKOPT =
      errno(
          "getsockopt",
          FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
  private static final MethodHandle BIND =
      errno("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
  private static final MethodHandle MMAP =
      errno(
          "mmap",
          FunctionDescriptor.of(
              ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG));
  private static final MethodHandle MUNMAP =
      plain("munmap", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
  private static final MethodHandle POLL =
      errno("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
  private static final MethodHandle CLOSE =
      plain("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
  private static final MethodHandle IF_NAMETOINDEX =
      plain("if_nametoindex", FunctionDescriptor.of(JAVA_INT, ADDRESS));
  private static final MethodHandle STRERROR =
      plain("strerror", FunctionDescriptor.of(ADDRESS, JAVA_INT));

  /** AF_PACKET. */
  static final int AF_PACKET = 17;

  /** SOCK_RAW: frames with their link-layer header. */
  static final int SOCK_RAW = 3;

  /** ETH_P_ALL in network byte order, as socket() and sockaddr_ll want it. */
  static final short ETH_P_ALL_BE = 0x0300;

  static final int SOL_SOCKET = 1;
  static final int SO_ATTACH_FILTER = 26;
  static final int SOL_PACKET = 263;
  static final int PACKET_ADD_MEMBERSHIP = 1;
  static final int PACKET_RX_RING = 5;
  static final int PACKET_STATISTICS = 6;
  static final int PACKET_VERSION = 10;
  static final int PACKET_FANOUT = 18;
  static final int PACKET_MR_PROMISC = 1;
  static final int TPACKET_V3 = 2;
  static final int PACKET_FANOUT_HASH = 0;
  static final int PACKET_FANOUT_FLAG_DEFRAG = 0x8000;
  static final int PROT_READ_WRITE = 0x1 | 0x2;
  static final int MAP_SHARED = 0x01;
  static final short POLLIN = 0x1;
  static final short POLLERR = 0x8;
  static final int EINTR = 4;

  private Libc() {}

  private static MethodHandle errno(String name, FunctionDescriptor d) {
    return LINKER.downcallHandle(find(name), d, ERRNO);
  }

  private static MethodHandle plain(String name, FunctionDescriptor d) {
    return LINKER.downcallHandle(find(name), d);
  }

  private static MemorySegment find(String name) {
    return LIBC.find(name)
        .orElseThrow(() -> new AfPacketException("the C library has no function " + name));
  }

  /** A call's result and, when it failed, the errno it left. */
  record Result(long value, int errno) {
    boolean failed() {
      return value < 0;
    }
  }

  /** Per-thread scratch for errno capture: calls are made from several capture threads. */
  private static final ThreadLocal<MemorySegment> STATE_SEGMENT =
      ThreadLocal.withInitial(() -> Arena.global().allocate(STATE));

  private static int lastErrno(MemorySegment state) {
    return (int) ERRNO_HANDLE.get(state, 0L);
  }

  static Result socket(int domain, int type, int protocol) {
    MemorySegment st = STATE_SEGMENT.get();
    try {
      int rc = (int) SOCKET.invokeExact(st, domain, type, protocol);
      return new Result(rc, rc < 0 ? lastErrno(st) : 0);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  static Result setsockopt(int fd, int level, int name, MemorySegment value) {
    MemorySegment st = STATE_SEGMENT.get();
    try {
      int rc = (int) SETSOCKOPT.invokeExact(st, fd, level, name, value, (int) value.byteSize());
      return new Result(rc, rc < 0 ? lastErrno(st) : 0);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** getsockopt into {@code value}; {@code length} is a scratch int holding the size in and out. */
  static Result getsockopt(int fd, int level, int name, MemorySegment value, MemorySegment length) {
    MemorySegment st = STATE_SEGMENT.get();
    length.set(JAVA_INT, 0, (int) value.byteSize());
    try {
      int rc = (int) GETSOCKOPT.invokeExact(st, fd, level, name, value, length);
      return new Result(rc, rc < 0 ? lastErrno(st) : 0);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  static Result bind(int fd, MemorySegment address) {
    MemorySegment st = STATE_SEGMENT.get();
    try {
      int rc = (int) BIND.invokeExact(st, fd, address, (int) address.byteSize());
      return new Result(rc, rc < 0 ? lastErrno(st) : 0);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** mmap of {@code length} bytes of {@code fd}, read-write and shared with the kernel. */
  static MemorySegment mmapShared(int fd, long length) {
    MemorySegment st = STATE_SEGMENT.get();
    try {
      MemorySegment p =
          (MemorySegment)
              MMAP.invokeExact(st, MemorySegment.NULL, length, PROT_READ_WRITE, MAP_SHARED, fd, 0L);
      if (p.address() == -1L) {
        int e = lastErrno(st);
        throw new AfPacketException(
            "mmap of a " + (length >> 20) + " MiB capture ring failed: " + strerror(e));
      }
      return p.reinterpret(length);
    } catch (AfPacketException e) {
      throw e;
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  static void munmap(MemorySegment ring) {
    try {
      int ignored = (int) MUNMAP.invokeExact(ring, ring.byteSize());
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** poll on one descriptor; {@code pollfd} is a reused 8-byte struct pollfd. */
  static Result poll(MemorySegment pollfd, int timeoutMillis) {
    MemorySegment st = STATE_SEGMENT.get();
    try {
      int rc = (int) POLL.invokeExact(st, pollfd, 1L, timeoutMillis);
      return new Result(rc, rc < 0 ? lastErrno(st) : 0);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  static void close(int fd) {
    try {
      int ignored = (int) CLOSE.invokeExact(fd);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** The interface's index, or 0 when there is no such interface. */
  static int ifNameToIndex(String name) {
    try (Arena a = Arena.ofConfined()) {
      return (int) IF_NAMETOINDEX.invokeExact(a.allocateFrom(name));
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  static String strerror(int errno) {
    try {
      MemorySegment s = (MemorySegment) STRERROR.invokeExact(errno);
      return s.reinterpret(Integer.MAX_VALUE).getString(0) + " (errno " + errno + ")";
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  private static RuntimeException rethrow(Throwable t) {
    if (t instanceof RuntimeException r) {
      return r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    return new AfPacketException("C library call failed: " + t, t);
  }
}
