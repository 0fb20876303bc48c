package io.metron.pcap.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One data file of the store, named {@code pcap_<topic>_<startNanos>_<partition>_<seq>.pcap}.
 *
 * @param data the pcap file
 * @param index its flow index, or null while the file is open (or was open at a crash)
 * @param startNanos timestamp of the file's first packet, from the name
 * @param partition stream (Kafka partition) that wrote it
 */
public record StoreFile(Path data, Path index, long startNanos, int partition) {

  static final String SUFFIX = ".pcap";
  static final String INDEX_SUFFIX = ".idx";

  public boolean sealed() {
    return index != null;
  }

  static Path indexPathOf(Path data) {
    return data.resolveSibling(data.getFileName() + INDEX_SUFFIX);
  }

  /** Parses a data file name; null when the name is not one of ours. */
  static StoreFile of(Path data) {
    String name = data.getFileName().toString();
    if (!name.startsWith("pcap_") || !name.endsWith(SUFFIX)) {
      return null;
    }
    String[] parts = name.substring(0, name.length() - SUFFIX.length()).split("_");
    if (parts.length != 5) {
      return null;
    }
    try {
      long start = Long.parseLong(parts[2]);
      int partition = Integer.parseInt(parts[3]);
      Path idx = indexPathOf(data);
      return new StoreFile(data, Files.exists(idx) ? idx : null, start, partition);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Every data file under {@code root}, oldest first. */
  public static List<StoreFile> list(Path root) throws IOException {
    List<StoreFile> out = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return out;
    }
    try (Stream<Path> days = Files.list(root)) {
      for (Path day : days.filter(Files::isDirectory).toList()) {
        try (Stream<Path> files = Files.list(day)) {
          files.map(StoreFile::of).filter(f -> f != null).forEach(out::add);
        }
      }
    }
    out.sort(
        Comparator.comparingLong(StoreFile::startNanos).thenComparing(f -> f.data().toString()));
    return out;
  }
}
