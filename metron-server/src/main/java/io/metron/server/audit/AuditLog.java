package io.metron.server.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends {@link Entry entries} to a JSON-lines file, each written and flushed before the change it
 * records is acknowledged. The file is only ever appended to. Thread-safe.
 */
public final class AuditLog {
  private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
  private static final ObjectMapper JSON =
      new ObjectMapper().setSerializationInclusion(JsonInclude.Include.ALWAYS);

  /**
   * One audited action.
   *
   * @param time when (ISO-8601, UTC)
   * @param user who: a user name, {@code local:<name>} for the command line, or the name tried
   * @param action what, e.g. {@code alert.patch}, {@code login.failure}, {@code config.save}
   * @param target what it was done to, e.g. a guid or {@code parsers/bro}
   * @param before the changed part before, or null
   * @param after the changed part after, or null
   * @param remote the caller's address, or null for the command line
   */
  public record Entry(
      String time,
      String user,
      String action,
      String target,
      Object before,
      Object after,
      String remote) {}

  /**
   * What to read back.
   *
   * @param user only this user's entries, or null
   * @param action only actions starting with this, or null
   * @param target only this target, or null
   * @param since only entries at or after, or null
   * @param limit at most this many, newest first
   */
  public record Filter(String user, String action, String target, Instant since, int limit) {}

  private final Path file;
  private final Clock clock;

  public AuditLog(Path file, Clock clock) {
    this.file = file;
    this.clock = clock;
  }

  /** The log under a data directory: {@code <data>/audit/audit.jsonl}. */
  public static AuditLog in(Path dataDir, Clock clock) {
    return new AuditLog(dataDir.resolve("audit").resolve("audit.jsonl"), clock);
  }

  /** Appends one entry. */
  public void record(
      String user, String action, String target, Object before, Object after, String remote) {
    Entry e = new Entry(clock.instant().toString(), user, action, target, before, after, remote);
    try {
      byte[] line = (JSON.writeValueAsString(e) + "\n").getBytes(StandardCharsets.UTF_8);
      synchronized (this) {
        Files.createDirectories(file.getParent());
        try (OutputStream out =
            Files.newOutputStream(
                file,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND,
                StandardOpenOption.SYNC)) {
          out.write(line);
        }
      }
    } catch (IOException ex) {
      LOG.error("Cannot append to the audit log {}: {}", file, ex.getMessage());
      throw new UncheckedIOException("cannot write the audit log " + file, ex);
    }
  }

  /** The newest entries matching {@code filter}, newest first. */
  public List<Entry> read(Filter filter) {
    Deque<Entry> newest = new ArrayDeque<>();
    if (!Files.exists(file)) {
      return List.of();
    }
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        Entry e;
        try {
          e = JSON.readValue(line, Entry.class);
        } catch (IOException bad) {
          // A torn last line after a crash is skipped, not fatal.
          continue;
        }
        if (matches(e, filter)) {
          newest.addFirst(e);
          if (newest.size() > filter.limit()) {
            newest.removeLast();
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the audit log " + file, e);
    }
    return new ArrayList<>(newest);
  }

  private static boolean matches(Entry e, Filter f) {
    if (f.user() != null && !f.user().equals(e.user())) {
      return false;
    }
    if (f.action() != null && (e.action() == null || !e.action().startsWith(f.action()))) {
      return false;
    }
    if (f.target() != null && !f.target().equals(e.target())) {
      return false;
    }
    return f.since() == null || !Instant.parse(e.time()).isBefore(f.since());
  }
}
