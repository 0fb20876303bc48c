package io.metron.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How the command line finds a running server: {@code <data>/server.json} holds its URL and a local
 * token, readable by the data directory's owner only, written when the server starts and removed
 * when it stops. Whoever can read the data directory could change the index directly anyway, so the
 * token grants nothing new.
 *
 * @param url the server's base URL, e.g. {@code http://127.0.0.1:8080}
 * @param token the local token, sent as {@code Authorization: Bearer}
 * @param pid the server's process id, to tell a stale file from a live server
 */
public record ServerFile(String url, String token, long pid) {
  private static final ObjectMapper JSON = new ObjectMapper();
  public static final String NAME = "server.json";

  /** Writes the file under {@code dataDir}. */
  public void write(Path dataDir) throws IOException {
    AtomicWrite.replace(dataDir.resolve(NAME), JSON.writeValueAsBytes(this), true);
  }

  /** The server running on {@code dataDir}, if its file exists and its process is alive. */
  public static Optional<ServerFile> find(Path dataDir) {
    Path file = dataDir.resolve(NAME);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      ServerFile f = JSON.readValue(file.toFile(), ServerFile.class);
      boolean alive = ProcessHandle.of(f.pid()).map(ProcessHandle::isAlive).orElse(false);
      return alive ? Optional.of(f) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Removes the file, if it is this one. */
  public void remove(Path dataDir) throws IOException {
    Optional<ServerFile> current = find(dataDir);
    if (current.isPresent() && current.get().token().equals(token)) {
      Files.deleteIfExists(dataDir.resolve(NAME));
    }
  }
}
