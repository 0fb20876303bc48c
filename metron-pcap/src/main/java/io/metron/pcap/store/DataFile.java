package io.metron.pcap.store;

import io.metron.pcap.file.PcapFormatException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Random access to the records of a pcap file by byte offset, through a memory mapping: reading a
 * record is a copy, with no system call. Used with offsets from a {@link FlowIndex}. Not
 * thread-safe (one scratch record); {@link #close()} unmaps.
 */
public final class DataFile implements AutoCloseable {
  private final Arena arena = Arena.ofConfined();
  private final MemorySegment seg;
  private final Path path;
  private final ValueLayout.OfInt intLayout;
  private final boolean nanos;
  private final int linkType;
  private final int snapLength;
  private long timestampNanos;
  private int capturedLength;
  private int originalLength;

  private DataFile(Path path, long length) throws IOException {
    this.path = path;
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      long size = Math.min(length, ch.size());
      seg = ch.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
    } catch (IOException | RuntimeException e) {
      arena.close();
      throw e;
    }
    if (seg.byteSize() < 24) {
      arena.close();
      throw new PcapFormatException(path.toString(), 0, 0, "truncated file header");
    }
    int magic = seg.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN), 0);
    ByteOrder order;
    if (magic == 0xa1b2c3d4 || magic == 0xa1b23c4d) {
      order = ByteOrder.BIG_ENDIAN;
    } else if (magic == 0xd4c3b2a1 || magic == 0x4d3cb2a1) {
      order = ByteOrder.LITTLE_ENDIAN;
    } else {
      arena.close();
      throw new PcapFormatException(path.toString(), 0, 0, "not a pcap file");
    }
    intLayout = ValueLayout.JAVA_INT_UNALIGNED.withOrder(order);
    nanos = magic == 0xa1b23c4d || magic == 0x4d3cb2a1;
    snapLength = seg.get(intLayout, 16);
    linkType = seg.get(intLayout, 20) & 0xffff;
  }

  /** Maps the first {@code length} bytes (the part an index covers) of a pcap file. */
  public static DataFile open(Path path, long length) throws IOException {
    return new DataFile(path, length);
  }

  public Path path() {
    return path;
  }

  public boolean nanos() {
    return nanos;
  }

  public int linkType() {
    return linkType;
  }

  public int snapLength() {
    return snapLength;
  }

  /**
   * Reads the record at {@code offset} into {@code into} (grown when too small).
   *
   * @return the buffer holding the packet from index 0 for {@link #capturedLength()} bytes
   * @throws PcapFormatException when the offset does not hold a whole record
   */
  public byte[] read(long offset, byte[] into) throws PcapFormatException {
    if (offset < 24 || offset + 16 > seg.byteSize()) {
      throw new PcapFormatException(path.toString(), offset, 0, "index points outside the file");
    }
    long sec = Integer.toUnsignedLong(seg.get(intLayout, offset));
    long frac = Integer.toUnsignedLong(seg.get(intLayout, offset + 4));
    int cap = seg.get(intLayout, offset + 8);
    int orig = seg.get(intLayout, offset + 12);
    if (cap < 0 || offset + 16 + cap > seg.byteSize()) {
      throw new PcapFormatException(path.toString(), offset, 0, "index points at a broken record");
    }
    byte[] buf = into.length >= cap ? into : new byte[Math.max(cap, into.length * 2)];
    MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, offset + 16, buf, 0, cap);
    timestampNanos = sec * 1_000_000_000L + (nanos ? frac : frac * 1000L);
    capturedLength = cap;
    originalLength = orig;
    return buf;
  }

  public long timestampNanos() {
    return timestampNanos;
  }

  public int capturedLength() {
    return capturedLength;
  }

  public int originalLength() {
    return originalLength;
  }

  @Override
  public void close() {
    arena.close();
  }
}
