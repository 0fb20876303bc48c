package io.metron.pcap.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A cursor over the packet records of a pcap or pcapng input.
 *
 * <p>{@link #next()} moves to the next record; the accessors then describe it until the following
 * call. The packet bytes live in {@link #buffer()} from {@link #dataOffset()} for {@link
 * #capturedLength()} bytes: the buffer is reused, so copy what must outlive the record. Nothing is
 * allocated per packet.
 *
 * <p>Not thread-safe: one reader belongs to one thread. A damaged input makes {@link #next()} throw
 * {@link PcapFormatException} once every whole record before the damage has been returned; the
 * reader is finished after that.
 */
public interface PacketReader extends AutoCloseable {

  /**
   * Advances to the next record.
   *
   * @return false at the clean end of the input
   * @throws PcapFormatException when the input is truncated or corrupt at this point
   */
  boolean next() throws IOException;

  /** Capture time of the current record, in nanoseconds since the epoch. */
  long timestampNanos();

  /** Bytes of the packet present in the record. */
  int capturedLength();

  /** Length of the packet on the wire (at least {@link #capturedLength()} in sane files). */
  int originalLength();

  /** The shared buffer holding the current packet; valid until the next call to {@link #next()}. */
  byte[] buffer();

  /** Where the current packet starts in {@link #buffer()}. */
  int dataOffset();

  /** LINKTYPE_ of the current packet (pcapng files may mix interfaces). */
  int linkType();

  /** Snap length declared by the file (or the current interface for pcapng). */
  int snapLength();

  /** True when the input stores nanosecond timestamps. */
  boolean nanos();

  /** Byte offset of the current record's header from the start of the input. */
  long recordOffset();

  /** How many records have been returned so far, counting the current one. */
  long packetCount();

  /** Name used in error messages. */
  String source();

  @Override
  void close() throws IOException;

  /** Opens a file, recognising classic pcap (either byte order, micro or nano) and pcapng. */
  static PacketReader open(Path file) throws IOException {
    FileChannel ch;
    try {
      ch = FileChannel.open(file, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(file.toString(), null, "no such pcap file");
    }
    try {
      return open(ch, file.toString());
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /** Opens a stream (e.g. standard input) holding pcap or pcapng data. */
  static PacketReader open(InputStream in, String name) throws IOException {
    return open(Channels.newChannel(in), name);
  }

  /** Opens a channel holding pcap or pcapng data; the reader closes the channel. */
  static PacketReader open(ReadableByteChannel channel, String name) throws IOException {
    InputBuffer input = new InputBuffer(channel, name);
    if (!input.ensure(4)) {
      throw new PcapFormatException(
          name, 0, 0, "not a pcap file: only " + input.remaining() + " bytes, no file header");
    }
    ByteBuffer b = input.buffer();
    int magic = b.order(java.nio.ByteOrder.BIG_ENDIAN).getInt(b.position());
    if (magic == PcapNgReader.BLOCK_SHB) {
      return new PcapNgReader(input);
    }
    return new PcapReader(input);
  }
}
