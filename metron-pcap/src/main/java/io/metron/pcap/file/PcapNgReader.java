package io.metron.pcap.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads pcapng: section header, interface description, enhanced, simple and obsolete packet blocks;
 * every other block is skipped. Each interface keeps its own link type, snap length and timestamp
 * resolution ({@code if_tsresol}, powers of ten or of two).
 */
final class PcapNgReader extends RecordCursor {
  static final int BLOCK_SHB = 0x0A0D0D0A;
  private static final int BLOCK_IDB = 1;
  private static final int BLOCK_OBSOLETE_PACKET = 2;
  private static final int BLOCK_SPB = 3;
  private static final int BLOCK_EPB = 6;
  private static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
  private static final int OPT_TSRESOL = 9;
  private static final int MAX_BLOCK = 16 << 20;

  /** An interface of the current section. */
  private record Iface(int linkType, int snapLength, long unitsPerSecond) {}

  private final List<Iface> interfaces = new ArrayList<>();
  private ByteOrder order = ByteOrder.BIG_ENDIAN;
  private boolean anyNanos;
  private int linkType = -1;
  private int snapLength;

  PcapNgReader(InputBuffer in) {
    super(in);
  }

  @Override
  public boolean next() throws IOException {
    while (!done) {
      long offset = in.offset();
      if (!in.ensure(12)) {
        if (in.remaining() == 0) {
          done = true;
          return false;
        }
        throw damaged(offset, "truncated block header: " + in.remaining() + " bytes");
      }
      ByteBuffer b = in.buffer();
      int p = b.position();
      int type = b.order(ByteOrder.BIG_ENDIAN).getInt(p);
      if (type == BLOCK_SHB) {
        int bom = b.getInt(p + 8);
        if (bom == BYTE_ORDER_MAGIC) {
          order = ByteOrder.BIG_ENDIAN;
        } else if (Integer.reverseBytes(bom) == BYTE_ORDER_MAGIC) {
          order = ByteOrder.LITTLE_ENDIAN;
        } else {
          throw damaged(offset, "corrupt section header: bad byte-order magic");
        }
        interfaces.clear();
      } else {
        type = b.order(order).getInt(p);
      }
      b.order(order);
      long len = Integer.toUnsignedLong(b.getInt(p + 4));
      if (len < 12 || (len & 3) != 0 || len > MAX_BLOCK) {
        throw damaged(offset, "corrupt block: length " + len + " for block type " + type);
      }
      if (!in.ensure((int) len)) {
        throw damaged(
            offset,
            "truncated block: declares " + len + " bytes, only " + in.remaining() + " present");
      }
      b = in.buffer().order(order);
      p = b.position();
      boolean packet = false;
      switch (type) {
        case BLOCK_IDB -> readInterface(b, p, (int) len);
        case BLOCK_EPB -> packet = readTimestamped(b, p, (int) len, offset, b.getInt(p + 8));
        case BLOCK_OBSOLETE_PACKET ->
            packet = readTimestamped(b, p, (int) len, offset, b.getShort(p + 8) & 0xffff);
        case BLOCK_SPB -> packet = readSimple(b, p, (int) len, offset);
        default -> {}
      }
      in.skip((int) len);
      if (packet) {
        recordOffset = offset;
        count++;
        return true;
      }
    }
    return false;
  }

  private void readInterface(ByteBuffer b, int p, int len) {
    int link = b.getShort(p + 8) & 0xffff;
    int snap = b.getInt(p + 12);
    long units = 1_000_000L;
    int opt = p + 16;
    int end = p + len - 4;
    while (opt + 4 <= end) {
      int code = b.getShort(opt) & 0xffff;
      int olen = b.getShort(opt + 2) & 0xffff;
      if (code == 0) {
        break;
      }
      if (code == OPT_TSRESOL && olen >= 1 && opt + 4 < end) {
        int v = b.get(opt + 4) & 0xff;
        if ((v & 0x80) == 0) {
          units = v <= 18 ? pow10(v) : 1_000_000_000L;
        } else {
          units = (v & 0x7f) < 63 ? 1L << (v & 0x7f) : 1_000_000_000L;
        }
      }
      opt += 4 + ((olen + 3) & ~3);
    }
    if (units > 1_000_000L) {
      anyNanos = true;
    }
    interfaces.add(new Iface(link, snap == 0 ? PcapReader.MAX_RECORD : snap, units));
  }

  private static long pow10(int n) {
    long r = 1;
    for (int i = 0; i < n; i++) {
      r *= 10;
    }
    return r;
  }

  /**
   * An enhanced or obsolete packet block: both carry the timestamp and lengths at the same offsets,
   * after an interface id of 32 bits (enhanced) or 16 (obsolete, then 16 bits of drops).
   */
  private boolean readTimestamped(ByteBuffer b, int p, int len, long offset, int interfaceId)
      throws IOException {
    Iface iface = iface(interfaceId, offset);
    long units =
        (Integer.toUnsignedLong(b.getInt(p + 12)) << 32) | Integer.toUnsignedLong(b.getInt(p + 16));
    int cap = b.getInt(p + 20);
    int orig = b.getInt(p + 24);
    return setPacket(b, iface, units, cap, orig, p + 28, p + len - 4, offset);
  }

  private boolean readSimple(ByteBuffer b, int p, int len, long offset) throws IOException {
    Iface iface = iface(0, offset);
    int orig = b.getInt(p + 8);
    int cap = Math.min(Math.min(orig, iface.snapLength()), len - 16);
    timestampNanos = 0;
    return setPacket(b, iface, -1, cap, orig, p + 12, p + len - 4, offset);
  }

  private Iface iface(int id, long offset) throws PcapFormatException {
    if (id < 0 || id >= interfaces.size()) {
      throw damaged(offset, "packet refers to undeclared interface " + id);
    }
    return interfaces.get(id);
  }

  private boolean setPacket(
      ByteBuffer b, Iface iface, long units, int cap, int orig, int data, int limit, long offset)
      throws PcapFormatException {
    if (cap < 0 || data + cap > limit) {
      throw damaged(offset, "corrupt packet block: captured length " + cap);
    }
    if (units >= 0) {
      long perSec = iface.unitsPerSecond();
      long sec = Long.divideUnsigned(units, perSec);
      long rem = Long.remainderUnsigned(units, perSec);
      timestampNanos = sec * 1_000_000_000L + scaleToNanos(rem, perSec);
    }
    capLen = cap;
    origLen = orig;
    dataOffset = data;
    linkType = iface.linkType();
    snapLength = iface.snapLength();
    return true;
  }

  private static long scaleToNanos(long rem, long perSec) {
    if (perSec == 1_000_000_000L) {
      return rem;
    }
    if (perSec < 1_000_000_000L && 1_000_000_000L % perSec == 0) {
      return rem * (1_000_000_000L / perSec);
    }
    return Math.multiplyHigh(rem, 1_000_000_000L) == 0
        ? rem * 1_000_000_000L / perSec
        : (long) ((double) rem * 1e9 / perSec);
  }

  @Override
  public int linkType() {
    if (linkType < 0 && !interfaces.isEmpty()) {
      return interfaces.getFirst().linkType();
    }
    return linkType;
  }

  @Override
  public int snapLength() {
    return snapLength;
  }

  @Override
  public boolean nanos() {
    return anyNanos;
  }
}
