package io.metron.pcap.libpcap;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.List;

/**
 * Bindings to libpcap's C functions. Each method is a thin call; {@link PcapHandle} and {@link
 * BpfCompiler} give them a Java shape. Loaded once; thread-safe as libpcap is (one {@code pcap_t}
 * per thread).
 */
public final class LibPcap {
  /** PCAP_ERRBUF_SIZE. */
  static final int ERRBUF_SIZE = 256;

  /** PCAP_TSTAMP_PRECISION_NANO. */
  static final int PRECISION_NANO = 1;

  /** PCAP_NETMASK_UNKNOWN. */
  static final int NETMASK_UNKNOWN = 0xffffffff;

  /** Return of pcap_next_ex at the end of an offline file. */
  static final int ERROR_BREAK = -2;

  private static final List<String> NAMES =
      List.of("libpcap.so.0.8", "libpcap.so.1", "libpcap.so", "libpcap.dylib");

  private static volatile LibPcap instance;

  final MethodHandle create;
  final MethodHandle openOffline;
  final MethodHandle openDead;
  final MethodHandle setSnaplen;
  final MethodHandle setPromisc;
  final MethodHandle setTimeout;
  final MethodHandle setImmediate;
  final MethodHandle setBufferSize;
  final MethodHandle setPrecision;
  final MethodHandle activate;
  final MethodHandle compile;
  final MethodHandle setFilter;
  final MethodHandle freeCode;
  final MethodHandle nextEx;
  final MethodHandle breakloop;
  final MethodHandle stats;
  final MethodHandle datalink;
  final MethodHandle snapshot;
  final MethodHandle geterr;
  final MethodHandle statusToStr;
  final MethodHandle close;
  final MethodHandle offlineFilter;
  final MethodHandle libVersion;

  private LibPcap(SymbolLookup lib) {
    Linker l = Linker.nativeLinker();
    create = h(l, lib, "pcap_create", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
    openOffline =
        h(
            l,
            lib,
            "pcap_open_offline_with_tstamp_precision",
            FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT, ADDRESS));
    openDead = h(l, lib, "pcap_open_dead", FunctionDescriptor.of(ADDRESS, JAVA_INT, JAVA_INT));
    setSnaplen = h(l, lib, "pcap_set_snaplen", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    setPromisc = h(l, lib, "pcap_set_promisc", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    setTimeout = h(l, lib, "pcap_set_timeout", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    setImmediate =
        h(l, lib, "pcap_set_immediate_mode", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    setBufferSize =
        h(l, lib, "pcap_set_buffer_size", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    setPrecision =
        h(l, lib, "pcap_set_tstamp_precision", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    activate = h(l, lib, "pcap_activate", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    compile =
        h(
            l,
            lib,
            "pcap_compile",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT));
    setFilter = h(l, lib, "pcap_setfilter", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    freeCode = h(l, lib, "pcap_freecode", FunctionDescriptor.ofVoid(ADDRESS));
    nextEx = h(l, lib, "pcap_next_ex", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
    breakloop = h(l, lib, "pcap_breakloop", FunctionDescriptor.ofVoid(ADDRESS));
    stats = h(l, lib, "pcap_stats", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    datalink = h(l, lib, "pcap_datalink", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    snapshot = h(l, lib, "pcap_snapshot", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    geterr = h(l, lib, "pcap_geterr", FunctionDescriptor.of(ADDRESS, ADDRESS));
    statusToStr = h(l, lib, "pcap_statustostr", FunctionDescriptor.of(ADDRESS, JAVA_INT));
    close = h(l, lib, "pcap_close", FunctionDescriptor.ofVoid(ADDRESS));
    offlineFilter =
        h(
            l,
            lib,
            "pcap_offline_filter",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
    libVersion = h(l, lib, "pcap_lib_version", FunctionDescriptor.of(ADDRESS));
  }

  private static MethodHandle h(Linker l, SymbolLookup lib, String name, FunctionDescriptor d) {
    return l.downcallHandle(
        lib.find(name).orElseThrow(() -> new LibPcapException("libpcap has no function " + name)),
        d);
  }

  /**
   * The loaded library.
   *
   * @throws LibPcapException when libpcap is not installed (names the Debian package)
   */
  public static LibPcap get() {
    LibPcap l = instance;
    if (l == null) {
      synchronized (LibPcap.class) {
        l = instance;
        if (l == null) {
          l = new LibPcap(load());
          instance = l;
        }
      }
    }
    return l;
  }

  private static SymbolLookup load() {
    RuntimeException last = null;
    for (String name : NAMES) {
      try {
        return SymbolLookup.libraryLookup(name, Arena.global());
      } catch (IllegalArgumentException e) {
        last = e;
      }
    }
    throw new LibPcapException(
        "libpcap is not installed (looked for "
            + String.join(", ", NAMES)
            + "); on Debian: apt-get install libpcap0.8",
        last);
  }

  /** libpcap's version banner, e.g. "libpcap version 1.10.3 (with TPACKET_V3)". */
  public String version() {
    try {
      return string((MemorySegment) libVersion.invokeExact());
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  static String string(MemorySegment cstr) {
    if (cstr.equals(MemorySegment.NULL)) {
      return "";
    }
    return cstr.reinterpret(Integer.MAX_VALUE).getString(0);
  }

  static RuntimeException rethrow(Throwable t) {
    if (t instanceof RuntimeException r) {
      return r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    return new LibPcapException("libpcap call failed: " + t, t);
  }

  /** Reads a C int at {@code offset} of {@code seg}. */
  static int intAt(MemorySegment seg, long offset) {
    return seg.get(ValueLayout.JAVA_INT, offset);
  }
}
