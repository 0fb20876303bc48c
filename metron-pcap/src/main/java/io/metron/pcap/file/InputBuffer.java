package io.metron.pcap.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * A growable read-ahead buffer over a channel that tracks the absolute input offset, shared by the
 * pcap and pcapng readers. Reading in large chunks keeps system calls per packet well under one.
 */
final class InputBuffer implements AutoCloseable {
  private static final int INITIAL = 1 << 20;

  private final ReadableByteChannel channel;
  private final String name;
  private ByteBuffer buf = ByteBuffer.allocate(INITIAL).limit(0);
  private long bufferStartOffset;
  private boolean eof;

  InputBuffer(ReadableByteChannel channel, String name) {
    this.channel = channel;
    this.name = name;
  }

  String name() {
    return name;
  }

  ByteBuffer buffer() {
    return buf;
  }

  byte[] array() {
    return buf.array();
  }

  int remaining() {
    return buf.remaining();
  }

  /** Absolute offset of the buffer's position. */
  long offset() {
    return bufferStartOffset + buf.position();
  }

  /**
   * Makes at least {@code n} bytes available from the current position.
   *
   * @return false when the input ends first (what is left stays readable)
   */
  boolean ensure(int n) throws IOException {
    if (buf.remaining() >= n) {
      return true;
    }
    if (eof) {
      return false;
    }
    if (buf.capacity() < n) {
      ByteBuffer bigger = ByteBuffer.allocate(Math.max(n, buf.capacity() * 2)).order(buf.order());
      bufferStartOffset += buf.position();
      bigger.put(buf);
      buf = bigger;
    } else {
      bufferStartOffset += buf.position();
      buf.compact();
    }
    // buf is now in write mode
    while (buf.position() < n) {
      int r = channel.read(buf);
      if (r < 0) {
        eof = true;
        break;
      }
    }
    buf.flip();
    return buf.remaining() >= n;
  }

  /** Skips {@code n} available bytes. */
  void skip(int n) {
    buf.position(buf.position() + n);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
