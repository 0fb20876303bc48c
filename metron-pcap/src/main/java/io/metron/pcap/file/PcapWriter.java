package io.metron.pcap.file;

import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes a classic pcap stream: the global header once, then one record per packet, buffered in
 * large chunks. Timestamps are given in nanoseconds and written at the header's resolution
 * (microsecond files truncate, as libpcap does).
 *
 * <p>Not thread-safe. {@link #position()} is the byte offset the next record will have, which the
 * packet store records in its index.
 */
public final class PcapWriter implements AutoCloseable, Flushable {
  private static final int BUFFER = 1 << 20;

  private final WritableByteChannel out;
  private final PcapHeader header;
  private final ByteBuffer buf;
  private long flushed;
  private long packets;

  /** Starts a new stream on {@code out}, writing the global header. */
  public PcapWriter(WritableByteChannel out, PcapHeader header) throws IOException {
    this(out, header, 0, true);
  }

  private PcapWriter(WritableByteChannel out, PcapHeader header, long start, boolean writeHeader)
      throws IOException {
    this.out = out;
    this.header = header;
    this.buf = ByteBuffer.allocate(BUFFER).order(header.byteOrder());
    this.flushed = start;
    if (writeHeader) {
      buf.put(header.toBytes());
    }
  }

  /** Creates (or replaces) a pcap file. */
  public static PcapWriter create(Path file, PcapHeader header) throws IOException {
    return new PcapWriter(
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE),
        header);
  }

  /**
   * Continues a pcap file whose whole records end at {@code validLength}: anything after that is
   * cut off first (a partly written record from a crash), and the header must match.
   */
  public static PcapWriter append(Path file, PcapHeader header, long validLength)
      throws IOException {
    FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE);
    try {
      ch.truncate(validLength);
      ch.position(validLength);
      return new PcapWriter(ch, header, validLength, false);
    } catch (IOException e) {
      ch.close();
      throw e;
    }
  }

  /** Starts a pcap stream on an output stream such as standard output. */
  public static PcapWriter to(OutputStream stream, PcapHeader header) throws IOException {
    return new PcapWriter(Channels.newChannel(stream), header);
  }

  public PcapHeader header() {
    return header;
  }

  /**
   * Appends one record.
   *
   * @param timestampNanos capture time, nanoseconds since the epoch
   * @param originalLength length on the wire
   */
  public void write(long timestampNanos, int originalLength, byte[] data, int offset, int length)
      throws IOException {
    int need = PcapHeader.RECORD_HEADER_SIZE + length;
    if (buf.remaining() < need) {
      drain();
      if (buf.capacity() < need) {
        writeDirect(timestampNanos, originalLength, data, offset, length);
        return;
      }
    }
    putHeader(timestampNanos, originalLength, length);
    buf.put(data, offset, length);
    packets++;
  }

  /** Appends one record whose captured and original lengths are both {@code data.length}. */
  public void write(long timestampNanos, byte[] data) throws IOException {
    write(timestampNanos, data.length, data, 0, data.length);
  }

  private void putHeader(long ts, int orig, int cap) {
    long sec = Math.floorDiv(ts, 1_000_000_000L);
    long nano = Math.floorMod(ts, 1_000_000_000L);
    buf.putInt((int) sec);
    buf.putInt((int) (header.nanos() ? nano : nano / 1000));
    buf.putInt(cap);
    buf.putInt(orig);
  }

  private void writeDirect(long ts, int orig, byte[] data, int off, int len) throws IOException {
    putHeader(ts, orig, len);
    drain();
    ByteBuffer body = ByteBuffer.wrap(data, off, len);
    while (body.hasRemaining()) {
      flushed += out.write(body);
    }
    packets++;
  }

  /** Offset from the start of the file that the next record will have. */
  public long position() {
    return flushed + buf.position();
  }

  /** Records written through this writer. */
  public long packets() {
    return packets;
  }

  private void drain() throws IOException {
    buf.flip();
    while (buf.hasRemaining()) {
      flushed += out.write(buf);
    }
    buf.clear();
  }

  /** Pushes buffered records to the channel. */
  @Override
  public void flush() throws IOException {
    drain();
  }

  /** Flushes and forces file content to the device (for crash safety); no-op for streams. */
  public void sync() throws IOException {
    drain();
    if (out instanceof FileChannel fc) {
      fc.force(false);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      drain();
    } finally {
      out.close();
    }
  }
}
