package io.metron.pipeline.enrich.geo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Where the platform keeps its GeoIP database: {@code <data>/geo/}, with the file in use named by
 * {@code <data>/geo/current}. {@code metron load geo FILE} installs a file here (the successor of
 * Metron's {@code maxmind_enrichment_load.sh}); running pipelines pick it up through {@link
 * #location}. The global config key {@code geo.hdfs.file}, when set, names the file instead, as it
 * did in Metron.
 */
public final class GeoFiles {
  /** The global config key naming the GeoIP database, as in Metron. */
  public static final String GLOBAL_KEY = "geo.hdfs.file";

  private static final String POINTER = "current";

  private GeoFiles() {}

  /** The installed database, or {@code null} when none was installed. */
  public static Path installed(Path dataDir) {
    Path dir = dataDir.resolve("geo");
    Path pointer = dir.resolve(POINTER);
    try {
      String name = Files.readString(pointer, StandardCharsets.UTF_8).strip();
      return name.isEmpty() ? null : dir.resolve(name);
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Where a pipeline finds its database: {@code geo.hdfs.file} from the global config when set,
   * else the database installed under {@code dataDir}.
   */
  public static Supplier<Path> location(Path dataDir, Supplier<Object> globalSetting) {
    return () -> {
      Object configured = globalSetting.get();
      if (configured != null && !configured.toString().isBlank()) {
        return Path.of(configured.toString());
      }
      return installed(dataDir);
    };
  }

  /**
   * Checks that {@code source} is a readable MaxMind database, copies it into {@code <data>/geo/}
   * under a new name and points {@code current} at it (atomically, so a running pipeline sees the
   * old file or the new one, never half of it). Earlier copies but the one before are removed.
   *
   * @return the installed database's type and path
   * @throws IOException naming the file when it cannot be read as a GeoIP database or copied
   */
  public static Installed install(Path source, Path dataDir, Clock clock) throws IOException {
    String type;
    try (GeoDatabase check = GeoDatabase.open(source)) {
      type = check.databaseType();
    }
    Path dir = dataDir.resolve("geo");
    Files.createDirectories(dir);
    Path previous = installed(dataDir);
    String name = clock.millis() + "-" + source.getFileName();
    Path target = dir.resolve(name);
    Path partial = dir.resolve(name + ".partial");
    Files.copy(source, partial, StandardCopyOption.REPLACE_EXISTING);
    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
    Path pointerTmp = dir.resolve(POINTER + ".tmp");
    Files.writeString(pointerTmp, name + "\n", StandardCharsets.UTF_8);
    Files.move(
        pointerTmp,
        dir.resolve(POINTER),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    removeOlder(dir, target, previous);
    return new Installed(type, target);
  }

  /** The result of {@link #install}. */
  public record Installed(String databaseType, Path path) {}

  private static void removeOlder(Path dir, Path keep, Path previous) throws IOException {
    List<Path> remove = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      files
          .filter(p -> !p.getFileName().toString().startsWith(POINTER))
          .filter(p -> !p.equals(keep) && !p.equals(previous))
          .forEach(remove::add);
    }
    for (Path p : remove) {
      Files.deleteIfExists(p);
    }
  }
}
