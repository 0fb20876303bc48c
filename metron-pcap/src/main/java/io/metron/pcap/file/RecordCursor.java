package io.metron.pcap.file;

import java.io.IOException;

/**
 * What the pcap and pcapng readers share: the current record's position and lengths over an {@link
 * InputBuffer}, and how a reader fails. Subclasses decode their format in {@link #next()} and set
 * the protected fields for each record they return.
 */
abstract sealed class RecordCursor implements PacketReader permits PcapReader, PcapNgReader {
  protected final InputBuffer in;
  protected long timestampNanos;
  protected int capLen;
  protected int origLen;
  protected int dataOffset;
  protected long recordOffset = -1;
  protected long count;
  protected boolean done;

  RecordCursor(InputBuffer in) {
    this.in = in;
  }

  /**
   * Finishes the reader and returns the error to throw for damage at {@code offset}: every later
   * {@link #next()} returns false.
   */
  protected final PcapFormatException damaged(long offset, String why) {
    done = true;
    return new PcapFormatException(in.name(), offset, count, why);
  }

  @Override
  public final long timestampNanos() {
    return timestampNanos;
  }

  @Override
  public final int capturedLength() {
    return capLen;
  }

  @Override
  public final int originalLength() {
    return origLen;
  }

  @Override
  public final byte[] buffer() {
    return in.array();
  }

  @Override
  public final int dataOffset() {
    return dataOffset;
  }

  @Override
  public final long recordOffset() {
    return recordOffset;
  }

  @Override
  public final long packetCount() {
    return count;
  }

  @Override
  public final String source() {
    return in.name();
  }

  @Override
  public final void close() throws IOException {
    in.close();
  }
}
