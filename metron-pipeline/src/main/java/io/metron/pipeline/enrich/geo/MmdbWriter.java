package io.metron.pipeline.enrich.geo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes small IPv4 databases in the MaxMind DB format (version 2.0, 24-bit records), so tests,
 * benchmarks and the offline demo get exact, known answers without shipping a third party's file.
 *
 * <p>The format: a binary search tree over address bits whose leaves point into a data section of
 * typed values, then a metadata map after the marker {@code \xAB\xCD\xEFMaxMind.com}. Values may be
 * strings, doubles, integers (written as uint32), booleans, lists and maps. Not thread-safe.
 */
public final class MmdbWriter {
  private static final byte[] METADATA_MARKER = {
    (byte) 0xAB, (byte) 0xCD, (byte) 0xEF, 'M', 'a', 'x', 'M', 'i', 'n', 'd', '.', 'c', 'o', 'm'
  };
  private static final int EMPTY = -1;

  private final String databaseType;

  /** Tree nodes: two children each; a child is a node index, EMPTY, or -(2 + data index). */
  private final List<int[]> nodes = new ArrayList<>();

  private final List<Object> data = new ArrayList<>();

  public MmdbWriter(String databaseType) {
    this.databaseType = databaseType;
    nodes.add(new int[] {EMPTY, EMPTY});
  }

  /**
   * Maps the network {@code cidr} (e.g. {@code 81.2.69.0/24}) to {@code value}. Insert wider
   * networks before the narrower ones inside them.
   */
  public MmdbWriter insert(String cidr, Map<String, ?> value) {
    String[] parts = cidr.split("/");
    byte[] address = GeoDatabase.parseIpv4(parts[0]);
    int prefix = parts.length > 1 ? Integer.parseInt(parts[1]) : 32;
    if (address == null || prefix < 1 || prefix > 32) {
      throw new IllegalArgumentException("not an IPv4 network: " + cidr);
    }
    int bits = ((address[0] & 0xFF) << 24) | ((address[1] & 0xFF) << 16);
    bits |= ((address[2] & 0xFF) << 8) | (address[3] & 0xFF);
    data.add(value);
    int leaf = -(2 + data.size() - 1);
    int node = 0;
    for (int depth = 0; depth < prefix; depth++) {
      int bit = (bits >>> (31 - depth)) & 1;
      if (depth == prefix - 1) {
        nodes.get(node)[bit] = leaf;
      } else {
        int child = nodes.get(node)[bit];
        if (child < 0) {
          int inherited = child;
          nodes.add(new int[] {inherited, inherited});
          child = nodes.size() - 1;
          nodes.get(node)[bit] = child;
        }
        node = child;
      }
    }
    return this;
  }

  /** The database as bytes. */
  public byte[] toBytes() {
    ByteArrayOutputStream section = new ByteArrayOutputStream();
    int[] offsets = new int[data.size()];
    for (int i = 0; i < data.size(); i++) {
      offsets[i] = section.size();
      encode(data.get(i), section);
    }
    int nodeCount = nodes.size();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int[] node : nodes) {
      for (int child : node) {
        long record;
        if (child == EMPTY) {
          record = nodeCount;
        } else if (child < 0) {
          record = nodeCount + 16L + offsets[-child - 2];
        } else {
          record = child;
        }
        if (record >= 1L << 24) {
          throw new IllegalStateException("database too large for 24-bit records");
        }
        out.write((int) (record >>> 16));
        out.write((int) (record >>> 8));
        out.write((int) record);
      }
    }
    out.writeBytes(new byte[16]);
    out.writeBytes(section.toByteArray());
    out.writeBytes(METADATA_MARKER);
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("binary_format_major_version", new Unsigned(2, 5));
    metadata.put("binary_format_minor_version", new Unsigned(0, 5));
    metadata.put("build_epoch", new Unsigned(1_700_000_000L, 9));
    metadata.put("database_type", databaseType);
    metadata.put("description", Map.of("en", databaseType + " written by Metron"));
    metadata.put("ip_version", new Unsigned(4, 5));
    metadata.put("languages", List.of("en"));
    metadata.put("node_count", new Unsigned(nodeCount, 6));
    metadata.put("record_size", new Unsigned(24, 5));
    encode(metadata, out);
    return out.toByteArray();
  }

  /** Writes the database to {@code file}. */
  public Path write(Path file) throws IOException {
    Files.write(file, toBytes());
    return file;
  }

  /** An unsigned integer of a given MaxMind type (5 = uint16, 6 = uint32, 9 = uint64). */
  private record Unsigned(long value, int type) {}

  private static void encode(Object value, ByteArrayOutputStream out) {
    switch (value) {
      case String s -> {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        control(2, bytes.length, out);
        out.writeBytes(bytes);
      }
      case Double d -> {
        control(3, 8, out);
        long bits = Double.doubleToLongBits(d);
        for (int shift = 56; shift >= 0; shift -= 8) {
          out.write((int) (bits >>> shift));
        }
      }
      case Float f -> encode(f.doubleValue(), out);
      case Boolean b -> control(14, b ? 1 : 0, out);
      case Unsigned u -> unsigned(u.type(), u.value(), out);
      case Integer i -> unsigned(6, i, out);
      case Long l -> unsigned(6, l, out);
      case Map<?, ?> m -> {
        control(7, m.size(), out);
        Map<Object, Object> sorted = new HashMap<>(m);
        for (Map.Entry<?, ?> e : sorted.entrySet()) {
          encode(e.getKey().toString(), out);
          encode(e.getValue(), out);
        }
      }
      case List<?> list -> {
        control(11, list.size(), out);
        for (Object item : list) {
          encode(item, out);
        }
      }
      default ->
          throw new IllegalArgumentException("cannot store a " + value.getClass().getSimpleName());
    }
  }

  private static void unsigned(int type, long value, ByteArrayOutputStream out) {
    if (value < 0) {
      throw new IllegalArgumentException("negative value for an unsigned field: " + value);
    }
    int length = 0;
    for (long v = value; v != 0; v >>>= 8) {
      length++;
    }
    control(type, length, out);
    for (int i = length - 1; i >= 0; i--) {
      out.write((int) (value >>> (8 * i)));
    }
  }

  /** A control byte (and extended type byte and size bytes) for {@code type} and {@code size}. */
  private static void control(int type, int size, ByteArrayOutputStream out) {
    int first = type <= 7 ? type << 5 : 0;
    int sizeBits;
    byte[] sizeBytes;
    if (size < 29) {
      sizeBits = size;
      sizeBytes = new byte[0];
    } else if (size < 29 + 256) {
      sizeBits = 29;
      sizeBytes = new byte[] {(byte) (size - 29)};
    } else if (size < 285 + 65536) {
      sizeBits = 30;
      int s = size - 285;
      sizeBytes = new byte[] {(byte) (s >>> 8), (byte) s};
    } else {
      sizeBits = 31;
      int s = size - 65821;
      sizeBytes = new byte[] {(byte) (s >>> 16), (byte) (s >>> 8), (byte) s};
    }
    out.write(first | sizeBits);
    if (type > 7) {
      out.write(type - 7);
    }
    out.writeBytes(sizeBytes);
  }
}
