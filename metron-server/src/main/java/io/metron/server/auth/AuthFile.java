package io.metron.server.auth;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.metron.server.AtomicWrite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.function.UnaryOperator;

/**
 * One JSON document in {@code <data>/auth}, shared by the server and the command line: read again
 * when the file changed, changed under a file lock (so a {@code metron user add} beside a running
 * server loses nothing), replaced atomically and readable by its owner only.
 */
final class AuthFile<T> {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Path file;
  private final Class<T> type;
  private final T empty;
  private T current;
  private FileTime readAt;
  private long readSize = -1;

  AuthFile(Path file, Class<T> type, T empty) {
    this.file = file;
    this.type = type;
    this.empty = empty;
  }

  /** The document as the file holds it now. */
  synchronized T get() {
    try {
      if (!Files.exists(file)) {
        current = empty;
        readAt = null;
        readSize = -1;
        return current;
      }
      FileTime modified = Files.getLastModifiedTime(file);
      long size = Files.size(file);
      if (current == null || !modified.equals(readAt) || size != readSize) {
        current = JSON.readValue(file.toFile(), type);
        readAt = modified;
        readSize = size;
      }
      return current;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Applies {@code change} to the latest document under the lock and writes the result. */
  synchronized T update(UnaryOperator<T> change) {
    try {
      Files.createDirectories(file.getParent());
      Path lock = file.resolveSibling("." + file.getFileName() + ".lock");
      try (FileChannel channel =
              FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock held = channel.lock()) {
        current = null;
        T updated = change.apply(get());
        AtomicWrite.replace(file, JSON.writeValueAsBytes(updated), true);
        current = null;
        return get();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
