package io.metron.pcap.libpcap;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Compiles tcpdump filter expressions with libpcap's own compiler ({@code pcap_compile} on a {@code
 * pcap_open_dead} handle), so the meaning of an expression is exactly tcpdump's. The resulting
 * classic BPF program is copied out of native memory; running it needs no native code. Thread-safe.
 */
public final class BpfCompiler {
  private BpfCompiler() {}

  /**
   * Compiles {@code expression} for packets of {@code linkType} captured with {@code snapLength}.
   *
   * @return the optimised program, as the four arrays of {@code struct bpf_insn}
   * @throws IllegalArgumentException with libpcap's message when the expression is invalid
   * @throws LibPcapException when libpcap is missing
   */
  public static Instructions compile(String expression, int linkType, int snapLength) {
    LibPcap lib = LibPcap.get();
    synchronized (BpfCompiler.class) {
      try (Arena arena = Arena.ofConfined()) {
        MemorySegment pcap = (MemorySegment) lib.openDead.invokeExact(linkType, snapLength);
        if (pcap.equals(MemorySegment.NULL)) {
          throw new LibPcapException("pcap_open_dead failed for link type " + linkType);
        }
        try {
          MemorySegment prog = arena.allocate(16, 8);
          MemorySegment text = arena.allocateFrom(expression);
          int rc = (int) lib.compile.invokeExact(pcap, prog, text, 1, LibPcap.NETMASK_UNKNOWN);
          if (rc != 0) {
            String err = LibPcap.string((MemorySegment) lib.geterr.invokeExact(pcap));
            throw new IllegalArgumentException(
                "invalid packet filter '" + expression + "': " + err);
          }
          try {
            int n = prog.get(JAVA_INT, 0);
            MemorySegment insns = prog.get(ADDRESS, 8).reinterpret(n * 8L);
            int[] code = new int[n];
            int[] jt = new int[n];
            int[] jf = new int[n];
            int[] k = new int[n];
            for (int i = 0; i < n; i++) {
              long at = i * 8L;
              code[i] = insns.get(JAVA_SHORT, at) & 0xffff;
              jt[i] = insns.get(JAVA_BYTE, at + 2) & 0xff;
              jf[i] = insns.get(JAVA_BYTE, at + 3) & 0xff;
              k[i] = insns.get(JAVA_INT, at + 4);
            }
            return new Instructions(code, jt, jf, k);
          } finally {
            lib.freeCode.invokeExact(prog);
          }
        } finally {
          lib.close.invokeExact(pcap);
        }
      } catch (IllegalArgumentException | LibPcapException e) {
        throw e;
      } catch (Throwable t) {
        throw LibPcap.rethrow(t);
      }
    }
  }

  /**
   * A classic BPF program: instruction {@code i} is ({@code code[i]}, {@code jt[i]}, {@code jf[i]},
   * {@code k[i]}).
   */
  public record Instructions(int[] code, int[] jt, int[] jf, int[] k) {
    public int length() {
      return code.length;
    }
  }
}
