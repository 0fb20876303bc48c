package io.metron.pcap.capture;

import io.metron.pcap.file.PcapHeader;
import io.metron.pcap.file.PcapWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.file.Path;

/** Writes captured packets as a pcap file or stream. Not thread-safe (the capture thread only). */
public final class PcapFileSink implements PacketSink {
  private final PcapWriter writer;

  private PcapFileSink(PcapWriter writer) {
    this.writer = writer;
  }

  /** A pcap file with the capture's link type and snap length, nanosecond timestamps. */
  public static PcapFileSink create(Path file, int linkType, int snapLength) throws IOException {
    return new PcapFileSink(
        PcapWriter.create(
            file, new PcapHeader(ByteOrder.LITTLE_ENDIAN, true, snapLength, linkType)));
  }

  /** A pcap stream (standard output) with microsecond timestamps, as pycapa's consumer wrote. */
  public static PcapFileSink stream(OutputStream out, int linkType, int snapLength)
      throws IOException {
    return new PcapFileSink(
        PcapWriter.to(out, new PcapHeader(ByteOrder.LITTLE_ENDIAN, false, snapLength, linkType)));
  }

  @Override
  public boolean accept(long ts, int originalLength, byte[] data, int offset, int length)
      throws IOException {
    writer.write(ts, originalLength, data, offset, length);
    return true;
  }

  @Override
  public void flush() throws IOException {
    writer.flush();
  }

  @Override
  public void close() throws IOException {
    writer.close();
  }
}
