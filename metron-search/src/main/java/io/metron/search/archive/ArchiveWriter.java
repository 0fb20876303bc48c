package io.metron.search.archive;

import io.metron.core.message.Message;
import io.metron.core.message.MessageCodec;
import io.metron.search.Incoming;
import io.metron.search.IndexNames;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes messages to compressed JSON-lines files, one open file per sensor and day ({@link
 * ArchiveLayout}), rotated by size and age ({@link ArchivePolicy}): Metron's HDFS archive, on a
 * local disk or a Hadoop FileSystem ({@link ArchiveStorage}).
 *
 * <p>Crash-safe: a file is written under an {@code .inprogress} name and renamed when sealed, and
 * {@link #flush()} makes everything written so far durable and readable (a gzip sync flush and an
 * fsync). After a crash, opening the writer recovers each leftover {@code .inprogress} file: the
 * complete lines up to the last flush are kept in a sealed file, the torn tail is dropped with a
 * warning. Storage that cannot sync an open file (an object store such as S3A) gets a sealed file
 * at every flush instead, so what a flush acknowledged is always readable. Thread-safe.
 */
public final class ArchiveWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ArchiveWriter.class);
  private static final DateTimeFormatter OPENED =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final ArchiveStorage root;
  private final ArchivePolicy policy;
  private final Clock clock;
  private final Map<String, OpenFile> open = new HashMap<>();
  private long sequence;

  private ArchiveWriter(ArchiveStorage root, ArchivePolicy policy, Clock clock) {
    this.root = root;
    this.policy = policy;
    this.clock = clock;
  }

  /** Opens the archive under {@code root}, recovering files a crash left in progress. */
  public static ArchiveWriter open(Path root, ArchivePolicy policy, Clock clock)
      throws IOException {
    return open(new LocalArchiveStorage(root), policy, clock);
  }

  /**
   * Opens the archive at {@code storage}'s root, recovering files a crash left in progress; the
   * writer closes the storage when it is closed.
   */
  public static ArchiveWriter open(ArchiveStorage storage, ArchivePolicy policy, Clock clock)
      throws IOException {
    storage.createDirectories("");
    ArchiveWriter writer = new ArchiveWriter(storage, policy, clock);
    writer.recover();
    return writer;
  }

  /** Appends {@code messages}, each to its sensor's file for the day of its timestamp. */
  public synchronized void write(List<Message> messages) throws IOException {
    write(null, messages);
  }

  /**
   * Appends {@code messages} to files in the directory {@code subPath} names under the root (what
   * Metron's {@code outputPathFunction} returned), one file per sensor; a null {@code subPath}
   * means each message's sensor and day ({@link ArchiveLayout}). A sub-path that would leave the
   * root is refused.
   */
  public synchronized void write(String subPath, List<Message> messages) throws IOException {
    append(subPath, messages.stream().map(Incoming::of).toList());
  }

  /**
   * Appends as {@link #write(String, List)} does; a message that carries its source bytes is
   * written as those bytes rather than encoded again.
   */
  public synchronized void append(String subPath, List<Incoming> batch) throws IOException {
    String custom = subPath == null ? null : within(subPath);
    for (Incoming incoming : batch) {
      Message message = incoming.message();
      String sensor = message.sourceType() == null ? "unknown" : message.sourceType();
      Long ts = message.timestamp();
      LocalDate day = ArchiveLayout.dayOf(ts == null ? clock.millis() : ts);
      String key = custom == null ? sensor + "/" + day : sensor + "@" + custom;
      OpenFile file = open.get(key);
      if (file != null && file.isDue(policy, clock.millis())) {
        file.seal();
        open.remove(key);
        file = null;
      }
      if (file == null) {
        file = startFile(custom == null ? ArchiveLayout.dayDirectory(sensor, day) : custom, sensor);
        open.put(key, file);
      }
      byte[] json = oneLine(incoming.source()) ? incoming.source() : MessageCodec.write(message);
      file.out.write(json);
      file.out.write('\n');
      file.written += json.length + 1;
    }
  }

  /**
   * Makes everything written so far durable and readable, and seals files that are due. Call it
   * before acknowledging the input (e.g. committing Kafka offsets).
   */
  public synchronized void flush() throws IOException {
    long now = clock.millis();
    var entries = open.entrySet().iterator();
    while (entries.hasNext()) {
      OpenFile file = entries.next().getValue();
      if (file.isDue(policy, now) || !file.output.syncable()) {
        file.seal();
        entries.remove();
      } else {
        file.sync();
      }
    }
  }

  /** Seals every open file and closes the storage (the writer owns it). */
  @Override
  public synchronized void close() throws IOException {
    IOException first = null;
    for (OpenFile file : open.values()) {
      try {
        file.seal();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    open.clear();
    try {
      root.close();
    } catch (IOException e) {
      first = first == null ? e : first;
    }
    if (first != null) {
      throw first;
    }
  }

  /** Whether bytes can be an archive line as they are: present, and without a line break. */
  private static boolean oneLine(byte[] source) {
    if (source == null) {
      return false;
    }
    for (byte b : source) {
      if (b == '\n' || b == '\r') {
        return false;
      }
    }
    return true;
  }

  /** The relative, normalized directory {@code subPath} names, refusing one outside the root. */
  private String within(String subPath) throws IOException {
    Path dir = Path.of(subPath).normalize();
    if (dir.isAbsolute() || dir.startsWith("..")) {
      throw new IOException(
          "archive path '"
              + subPath
              + "' is not a directory under the archive root "
              + root.describe(""));
    }
    return dir.toString().replace('\\', '/');
  }

  private OpenFile startFile(String dir, String sensor) throws IOException {
    root.createDirectories(dir);
    long now = clock.millis();
    String path;
    do {
      path =
          ArchiveLayout.join(
              dir,
              IndexNames.sensorPart(sensor)
                  + "-"
                  + OPENED.format(java.time.Instant.ofEpochMilli(now))
                  + "-"
                  + (sequence++)
                  + ArchiveLayout.IN_PROGRESS);
    } while (root.exists(path) || root.exists(ArchiveLayout.sealedName(path)));
    return new OpenFile(root, path, now);
  }

  /** Seals what a crash left in progress, keeping the lines up to the last flush. */
  private void recover() throws IOException {
    List<String> leftovers =
        ArchiveLayout.archiveFiles(root, "", Integer.MAX_VALUE).stream()
            .filter(ArchiveLayout::isInProgress)
            .toList();
    for (String inProgress : leftovers) {
      String sealed = ArchiveLayout.sealedName(inProgress);
      long kept = 0;
      ArchiveReader.Lines lines = ArchiveReader.readLines(root, inProgress);
      try (OutputStream out = new GZIPOutputStream(root.create(sealed))) {
        for (byte[] line : lines.lines()) {
          out.write(line);
          out.write('\n');
          kept++;
        }
      }
      root.delete(inProgress);
      if (lines.torn()) {
        LOG.warn(
            "Recovered {} line(s) of {} into {}; its unflushed tail was torn by a crash and"
                + " dropped",
            kept,
            root.describe(inProgress),
            sealed.substring(sealed.lastIndexOf('/') + 1));
      } else {
        LOG.info("Sealed {} line(s) left in progress in {}", kept, root.describe(inProgress));
      }
    }
  }

  private static final class OpenFile {
    final ArchiveStorage storage;
    final String path;
    final long openedAt;
    final ArchiveStorage.Output output;
    final OutputStream out;
    long written;

    OpenFile(ArchiveStorage storage, String path, long openedAt) throws IOException {
      this.storage = storage;
      this.path = path;
      this.openedAt = openedAt;
      this.output = storage.create(path);
      this.out = new BufferedOutputStream(new GZIPOutputStream(output, 64 * 1024, true), 64 * 1024);
    }

    boolean isDue(ArchivePolicy policy, long now) {
      return written >= policy.maxBytes() || now - openedAt >= policy.maxAge().toMillis();
    }

    void sync() throws IOException {
      out.flush(); // the gzip stream was made with sync flush, so this ends a deflate block
      output.sync();
    }

    void seal() throws IOException {
      out.close(); // writes the gzip trailer and closes the file durably
      storage.rename(path, ArchiveLayout.sealedName(path));
    }
  }
}
