package io.metron.pcap.testing;

import io.metron.pcap.file.PacketReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/** Packet records read with our reader, comparable by value. */
public final class Records {
  private Records() {}

  /** One record: timestamp, wire length and captured bytes. */
  public record Rec(long timestampNanos, int originalLength, byte[] data) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Rec r
          && r.timestampNanos == timestampNanos
          && r.originalLength == originalLength
          && Arrays.equals(r.data, data);
    }

    @Override
    public int hashCode() {
      return Long.hashCode(timestampNanos) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
      return "Rec["
          + timestampNanos
          + ", "
          + originalLength
          + ", "
          + HexFormat.of().formatHex(data, 0, Math.min(data.length, 48))
          + "]";
    }
  }

  public static List<Rec> read(Path file) throws IOException {
    List<Rec> out = new ArrayList<>();
    try (PacketReader r = PacketReader.open(file)) {
      while (r.next()) {
        out.add(
            new Rec(
                r.timestampNanos(),
                r.originalLength(),
                Arrays.copyOfRange(
                    r.buffer(), r.dataOffset(), r.dataOffset() + r.capturedLength())));
      }
    }
    return out;
  }
}
