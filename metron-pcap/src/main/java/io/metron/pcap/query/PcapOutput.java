package io.metron.pcap.query;

import io.metron.pcap.file.PcapHeader;
import io.metron.pcap.file.PcapWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where query results go: one pcap file, a stream (standard output), or numbered pages of at most N
 * packets ({@code out.pcap} becomes {@code out-0001.pcap}, {@code out-0002.pcap}, ...).
 *
 * <p>The file header is taken from the first input (link type, snap length, timestamp resolution);
 * a single file or stream always gets a header, even with no packets, so tools can open it, while
 * paged output writes no page for no packets. An output holds one link type: {@link #write} refuses
 * a packet of another. Not thread-safe.
 */
public final class PcapOutput implements AutoCloseable {
  private final Path file;
  private final OutputStream stream;
  private final int perPage;
  private final List<Path> written = new ArrayList<>();
  private PcapHeader header;
  private PcapWriter writer;
  private long packets;
  private long inPage;
  private boolean closed;

  private PcapOutput(Path file, OutputStream stream, int perPage) {
    this.file = file;
    this.stream = stream;
    this.perPage = perPage;
  }

  /** One pcap file. */
  public static PcapOutput toFile(Path file) {
    return new PcapOutput(file, null, 0);
  }

  /** A pcap stream, e.g. standard output; the stream is flushed, not closed, at the end. */
  public static PcapOutput toStream(OutputStream out) {
    return new PcapOutput(null, out, 0);
  }

  /** Pages of at most {@code recordsPerFile} packets named after {@code base}. */
  public static PcapOutput paged(Path base, int recordsPerFile) {
    if (recordsPerFile <= 0) {
      throw new IllegalArgumentException(
          "records per file must be positive, got " + recordsPerFile);
    }
    return new PcapOutput(base, null, recordsPerFile);
  }

  /** The page file name for page {@code n} (from 1) of {@code base}. */
  public static Path pageName(Path base, int n) {
    String name = base.getFileName().toString();
    String stem = name.endsWith(".pcap") ? name.substring(0, name.length() - 5) : name;
    return base.resolveSibling(String.format("%s-%04d.pcap", stem, n));
  }

  /** Sets the header to use, from the first input, unless one is already set. */
  void offerHeader(int linkType, int snapLength, boolean nanos) {
    if (header == null) {
      header = new PcapHeader(ByteOrder.LITTLE_ENDIAN, nanos, snapLength, linkType);
    }
  }

  /** Link type this output holds, or -1 before the first input. */
  int linkType() {
    return header == null ? -1 : header.linkType();
  }

  /**
   * Writes one packet.
   *
   * @return false (nothing written) when the packet's link type differs from the output's
   */
  public boolean write(
      int linkType,
      int snapLength,
      boolean nanos,
      long timestampNanos,
      int originalLength,
      byte[] data,
      int offset,
      int length)
      throws IOException {
    offerHeader(linkType, snapLength, nanos);
    if (linkType != header.linkType()) {
      return false;
    }
    if (writer == null || (perPage > 0 && inPage == perPage)) {
      openNext();
    }
    writer.write(timestampNanos, originalLength, data, offset, length);
    packets++;
    inPage++;
    return true;
  }

  private void openNext() throws IOException {
    if (writer != null) {
      writer.close();
    }
    inPage = 0;
    if (stream != null) {
      writer = PcapWriter.to(new NonClosing(stream), header);
    } else {
      Path target = perPage > 0 ? pageName(file, written.size() + 1) : file;
      Path parent = target.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      writer = PcapWriter.create(target, header);
      written.add(target);
    }
  }

  public long packets() {
    return packets;
  }

  /** Files written so far. */
  public List<Path> files() {
    return List.copyOf(written);
  }

  /**
   * Finishes the output. Idempotent: the engine closes the output it filled, and a caller's
   * try-with-resources closing it again must not write a fresh empty file over the results.
   */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    if (writer == null && perPage == 0) {
      if (header == null) {
        header = PcapHeader.ethernet(false);
      }
      openNext();
    }
    if (writer != null) {
      writer.close();
      writer = null;
    }
    if (stream != null) {
      stream.flush();
    }
  }

  /** Keeps standard output open when a page writer closes. */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }
}
