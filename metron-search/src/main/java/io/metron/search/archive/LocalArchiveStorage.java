package io.metron.search.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/** Archive files in a local directory: fsync for durability, an atomic rename to seal. */
public final class LocalArchiveStorage implements ArchiveStorage {
  private final Path root;

  public LocalArchiveStorage(Path root) {
    this.root = root;
  }

  private Path resolve(String path) {
    return path.isEmpty() ? root : root.resolve(path);
  }

  @Override
  public String describe(String path) {
    return resolve(path).toString();
  }

  @Override
  public boolean isDirectory(String path) {
    return Files.isDirectory(resolve(path));
  }

  @Override
  public boolean exists(String path) {
    return Files.exists(resolve(path));
  }

  @Override
  public List<String> list(String dir) throws IOException {
    Path d = resolve(dir);
    if (!Files.isDirectory(d)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(d)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Override
  public void createDirectories(String dir) throws IOException {
    Files.createDirectories(resolve(dir));
  }

  @Override
  public Output create(String path) throws IOException {
    FileChannel channel =
        FileChannel.open(resolve(path), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    return new Output(Channels.newOutputStream(channel)) {
      @Override
      public boolean syncable() {
        return true;
      }

      @Override
      public void sync() throws IOException {
        channel.force(false);
      }

      @Override
      public void close() throws IOException {
        if (channel.isOpen()) {
          try (channel) {
            channel.force(true);
          }
        }
      }
    };
  }

  @Override
  public InputStream open(String path) throws IOException {
    return Files.newInputStream(resolve(path));
  }

  @Override
  public void rename(String from, String to) throws IOException {
    Files.move(resolve(from), resolve(to), StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  public void delete(String path) throws IOException {
    Files.delete(resolve(path));
  }
}
