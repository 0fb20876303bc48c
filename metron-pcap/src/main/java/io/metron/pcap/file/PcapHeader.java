package io.metron.pcap.file;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The 24-byte global header of a classic pcap file.
 *
 * @param byteOrder order of every multi-byte field in the file, found from the magic number
 * @param nanos true for the nanosecond-resolution magic ({@code 0xa1b23c4d})
 * @param snapLength the largest captured length a record may have (informational; see {@link
 *     PcapReader})
 * @param linkType the LINKTYPE_ value of every packet in the file (1 = Ethernet)
 */
public record PcapHeader(ByteOrder byteOrder, boolean nanos, int snapLength, int linkType) {
  public static final int SIZE = 24;
  public static final int RECORD_HEADER_SIZE = 16;
  static final int MAGIC_MICROS = 0xa1b2c3d4;
  static final int MAGIC_NANOS = 0xa1b23c4d;

  /** LINKTYPE_ETHERNET. */
  public static final int LINKTYPE_ETHERNET = 1;

  /** Little-endian Ethernet with the snap length tcpdump uses by default. */
  public static PcapHeader ethernet(boolean nanos) {
    return new PcapHeader(ByteOrder.LITTLE_ENDIAN, nanos, 262144, LINKTYPE_ETHERNET);
  }

  /** Same header with another snap length. */
  public PcapHeader withSnapLength(int snap) {
    return new PcapHeader(byteOrder, nanos, snap, linkType);
  }

  /** Same header with another timestamp resolution. */
  public PcapHeader withNanos(boolean wantNanos) {
    return new PcapHeader(byteOrder, wantNanos, snapLength, linkType);
  }

  /** Bytes of this header as they appear at the start of a file. */
  public byte[] toBytes() {
    ByteBuffer b = ByteBuffer.allocate(SIZE).order(byteOrder);
    b.putInt(nanos ? MAGIC_NANOS : MAGIC_MICROS);
    b.putShort((short) 2).putShort((short) 4);
    b.putInt(0).putInt(0);
    b.putInt(snapLength).putInt(linkType);
    return b.array();
  }

  /**
   * Parses a global header, or returns null when the first four bytes are not a classic pcap magic
   * in either byte order.
   */
  static PcapHeader parse(ByteBuffer in) {
    int start = in.position();
    in.order(ByteOrder.BIG_ENDIAN);
    int magic = in.getInt(start);
    ByteOrder order;
    boolean nanos;
    if (magic == MAGIC_MICROS || magic == MAGIC_NANOS) {
      order = ByteOrder.BIG_ENDIAN;
      nanos = magic == MAGIC_NANOS;
    } else if (Integer.reverseBytes(magic) == MAGIC_MICROS
        || Integer.reverseBytes(magic) == MAGIC_NANOS) {
      order = ByteOrder.LITTLE_ENDIAN;
      nanos = Integer.reverseBytes(magic) == MAGIC_NANOS;
    } else {
      return null;
    }
    in.order(order);
    int snap = in.getInt(start + 16);
    // The upper 16 bits of the link-type field carry FCS flags; the type is the low 16 bits.
    int link = in.getInt(start + 20) & 0xffff;
    in.position(start + SIZE);
    return new PcapHeader(order, nanos, snap, link);
  }
}
