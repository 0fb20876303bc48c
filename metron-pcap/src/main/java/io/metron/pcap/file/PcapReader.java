package io.metron.pcap.file;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Reads classic libpcap files: either byte order, microsecond or nanosecond timestamps.
 *
 * <p>A record whose captured length exceeds {@code max(snaplen, 262144)} is treated as corruption
 * (the limit libpcap applies), as is a record that ends before its declared length.
 */
final class PcapReader extends RecordCursor {
  /** libpcap's largest snap length for any link type. */
  static final int MAX_RECORD = 262144;

  private final PcapHeader header;
  private final int maxCaptured;

  PcapReader(InputBuffer in) throws IOException {
    super(in);
    if (!in.ensure(PcapHeader.SIZE)) {
      throw new PcapFormatException(
          in.name(),
          0,
          0,
          "truncated file header: " + in.remaining() + " of " + PcapHeader.SIZE + " bytes");
    }
    PcapHeader h = PcapHeader.parse(in.buffer());
    if (h == null) {
      int magic = in.buffer().order(java.nio.ByteOrder.BIG_ENDIAN).getInt(in.buffer().position());
      throw new PcapFormatException(
          in.name(),
          0,
          0,
          String.format(
              "not a pcap file (magic 0x%08x; expected a1b2c3d4, a1b23c4d or pcapng 0a0d0d0a)",
              magic));
    }
    this.header = h;
    this.maxCaptured = Math.max(h.snapLength(), MAX_RECORD);
  }

  /** The file's global header. */
  PcapHeader header() {
    return header;
  }

  @Override
  public boolean next() throws IOException {
    if (done) {
      return false;
    }
    long offset = in.offset();
    if (!in.ensure(PcapHeader.RECORD_HEADER_SIZE)) {
      if (in.remaining() == 0) {
        done = true;
        return false;
      }
      throw damaged(
          offset,
          "truncated record header: "
              + in.remaining()
              + " of "
              + PcapHeader.RECORD_HEADER_SIZE
              + " bytes");
    }
    ByteBuffer b = in.buffer().order(header.byteOrder());
    int p = b.position();
    long sec = Integer.toUnsignedLong(b.getInt(p));
    long frac = Integer.toUnsignedLong(b.getInt(p + 4));
    long cap = Integer.toUnsignedLong(b.getInt(p + 8));
    long orig = Integer.toUnsignedLong(b.getInt(p + 12));
    if (cap > maxCaptured) {
      throw damaged(
          offset,
          "corrupt record: captured length " + cap + " exceeds the maximum of " + maxCaptured);
    }
    int total = PcapHeader.RECORD_HEADER_SIZE + (int) cap;
    if (!in.ensure(total)) {
      throw damaged(
          offset,
          "truncated packet: record declares "
              + cap
              + " bytes, only "
              + (in.remaining() - PcapHeader.RECORD_HEADER_SIZE)
              + " present");
    }
    b = in.buffer();
    recordOffset = offset;
    timestampNanos = sec * 1_000_000_000L + (header.nanos() ? frac : frac * 1000L);
    capLen = (int) cap;
    origLen = (int) Math.min(orig, Integer.MAX_VALUE);
    dataOffset = b.position() + PcapHeader.RECORD_HEADER_SIZE;
    in.skip(total);
    count++;
    return true;
  }

  @Override
  public int linkType() {
    return header.linkType();
  }

  @Override
  public int snapLength() {
    return header.snapLength();
  }

  @Override
  public boolean nanos() {
    return header.nanos();
  }
}
