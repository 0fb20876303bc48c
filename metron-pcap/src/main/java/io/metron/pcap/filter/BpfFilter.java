package io.metron.pcap.filter;

import io.metron.pcap.decode.DecodedPacket;
import io.metron.pcap.libpcap.BpfCompiler;

/**
 * A tcpdump filter expression ({@code "tcp port 80 and host 10.0.0.1"}), compiled by libpcap for
 * one link type and run by this class's classic-BPF interpreter on the packet's raw bytes.
 *
 * <p>The interpreter follows libpcap's {@code bpf_filter}: loads past the captured bytes reject the
 * packet, {@code len} is the wire length, division by zero rejects. Immutable and thread-safe.
 */
public final class BpfFilter implements PacketPredicate {
  private static final int LD = 0x00;
  private static final int LDX = 0x01;
  private static final int ST = 0x02;
  private static final int STX = 0x03;
  private static final int ALU = 0x04;
  private static final int JMP = 0x05;
  private static final int RET = 0x06;
  private static final int MEMWORDS = 16;

  private final String expression;
  private final int linkType;
  private final int[] code;
  private final int[] jt;
  private final int[] jf;
  private final int[] k;

  private BpfFilter(String expression, int linkType, BpfCompiler.Instructions insns) {
    this.expression = expression;
    this.linkType = linkType;
    this.code = insns.code();
    this.jt = insns.jt();
    this.jf = insns.jf();
    this.k = insns.k();
  }

  /**
   * Compiles {@code expression} for packets of {@code linkType}.
   *
   * @throws IllegalArgumentException with libpcap's message when the expression is invalid
   */
  public static BpfFilter compile(String expression, int linkType, int snapLength) {
    return new BpfFilter(
        expression, linkType, BpfCompiler.compile(expression, linkType, snapLength));
  }

  public String expression() {
    return expression;
  }

  public int linkType() {
    return linkType;
  }

  @Override
  public boolean test(DecodedPacket p) {
    return run(p.buffer(), p.offset(), p.length(), p.originalLength()) != 0;
  }

  /**
   * Runs the program.
   *
   * @return the program's return value: 0 rejects, anything else accepts
   */
  public int run(byte[] b, int off, int caplen, int wirelen) {
    int a = 0;
    int x = 0;
    int[] mem = null;
    int pc = 0;
    final int n = code.length;
    while (pc < n) {
      int c = code[pc];
      int kk = k[pc];
      switch (c & 0x07) {
        case LD, LDX -> {
          int mode = c & 0xe0;
          int size = c & 0x18;
          int v;
          if (mode == 0x00) { // IMM
            v = kk;
          } else if (mode == 0x80) { // LEN
            v = wirelen;
          } else if (mode == 0x60) { // MEM
            v = mem == null ? 0 : mem[kk & (MEMWORDS - 1)];
          } else if (mode == 0xa0) { // MSH: 4 * (P[k] & 0xf)
            if (Integer.compareUnsigned(kk, caplen) >= 0) {
              return 0;
            }
            v = (b[off + kk] & 0x0f) << 2;
          } else {
            long at = Integer.toUnsignedLong(kk);
            if (mode == 0x40) { // IND
              at += Integer.toUnsignedLong(x);
            }
            int width = size == 0x00 ? 4 : size == 0x08 ? 2 : 1;
            if (at + width > caplen) {
              return 0;
            }
            int i = off + (int) at;
            v =
                switch (width) {
                  case 4 ->
                      ((b[i] & 0xff) << 24)
                          | ((b[i + 1] & 0xff) << 16)
                          | ((b[i + 2] & 0xff) << 8)
                          | (b[i + 3] & 0xff);
                  case 2 -> ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
                  default -> b[i] & 0xff;
                };
          }
          if ((c & 0x07) == LD) {
            a = v;
          } else {
            x = v;
          }
          pc++;
        }
        case ST, STX -> {
          if (mem == null) {
            mem = new int[MEMWORDS];
          }
          mem[kk & (MEMWORDS - 1)] = (c & 0x07) == ST ? a : x;
          pc++;
        }
        case ALU -> {
          int operand = (c & 0x08) != 0 ? x : kk;
          switch (c & 0xf0) {
            case 0x00 -> a += operand;
            case 0x10 -> a -= operand;
            case 0x20 -> a *= operand;
            case 0x30 -> {
              if (operand == 0) {
                return 0;
              }
              a = Integer.divideUnsigned(a, operand);
            }
            case 0x90 -> {
              if (operand == 0) {
                return 0;
              }
              a = Integer.remainderUnsigned(a, operand);
            }
            case 0x40 -> a |= operand;
            case 0x50 -> a &= operand;
            case 0xa0 -> a ^= operand;
            case 0x60 -> a = Integer.compareUnsigned(operand, 32) >= 0 ? 0 : a << operand;
            case 0x70 -> a = Integer.compareUnsigned(operand, 32) >= 0 ? 0 : a >>> operand;
            case 0x80 -> a = -a;
            default -> {
              return 0;
            }
          }
          pc++;
        }
        case JMP -> {
          int op = c & 0xf0;
          if (op == 0x00) { // JA
            pc += 1 + kk;
            continue;
          }
          int operand = (c & 0x08) != 0 ? x : kk;
          boolean cond =
              switch (op) {
                case 0x10 -> a == operand;
                case 0x20 -> Integer.compareUnsigned(a, operand) > 0;
                case 0x30 -> Integer.compareUnsigned(a, operand) >= 0;
                case 0x40 -> (a & operand) != 0;
                default -> false;
              };
          pc += 1 + (cond ? jt[pc] : jf[pc]);
        }
        case RET -> {
          int rv = c & 0x18;
          return rv == 0x00 ? kk : rv == 0x10 ? a : x;
        }
        default -> { // MISC
          if ((c & 0xf8) == 0x80) {
            a = x; // TXA
          } else {
            x = a; // TAX
          }
          pc++;
        }
      }
    }
    return 0;
  }

  @Override
  public String toString() {
    return "BpfFilter[" + expression + ", linktype " + linkType + "]";
  }
}
