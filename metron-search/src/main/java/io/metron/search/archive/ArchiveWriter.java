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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
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
 * fsync), then records how many lines each file in progress holds in an {@link ArchiveCheckpoint}.
 * A file due to rotate is sealed only after that record. After a crash, opening the writer recovers
 * each leftover {@code .inprogress} file: exactly the lines of the last checkpoint are kept in a
 * sealed file, what was written after it is dropped with a warning. A flush can carry the input
 * positions it covers ({@link #flush(Map)}), kept in the same checkpoint and read back with {@link
 * #positions()}, so a consumer that replays after a crash writes nothing twice. Storage that cannot
 * sync an open file (an object store such as S3A) gets a sealed file at every flush instead, sealed
 * before the checkpoint, so what a flush acknowledged is always readable; there a crash between the
 * two can repeat that flush's lines. Thread-safe.
 */
public final class ArchiveWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ArchiveWriter.class);
  private static final DateTimeFormatter OPENED =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final ArchiveStorage root;
  private final ArchivePolicy policy;
  private final Clock clock;
  private final Map<String, OpenFile> open = new HashMap<>();

  /** Files due to rotate that took their last line: sealed at the next flush. */
  private final List<OpenFile> retired = new ArrayList<>();

  private ArchiveCheckpoint checkpoint = ArchiveCheckpoint.NONE;
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
        // sealed after the next checkpoint, so that a crash before it can still drop its lines
        retired.add(file);
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
      file.lines++;
    }
  }

  /**
   * Makes everything written so far durable and readable, and seals files that are due. Call it
   * before acknowledging the input (e.g. committing Kafka offsets).
   */
  public synchronized void flush() throws IOException {
    flush(Map.of());
  }

  /**
   * Flushes as {@link #flush()} does, and records with it {@code positions}: for each input
   * partition, the offset before which every record was handed to this writer. They are merged into
   * those of earlier flushes (a partition missing here keeps its last position).
   */
  public synchronized void flush(Map<String, Long> positions) throws IOException {
    long now = clock.millis();
    // Sealed after the checkpoint, so that a crash before it can still drop their last lines.
    List<OpenFile> sealAfter = new ArrayList<>(retired);
    retired.clear();
    for (var it = open.values().iterator(); it.hasNext(); ) {
      OpenFile file = it.next();
      if (file.isDue(policy, now) || !file.output.syncable()) {
        sealAfter.add(file);
        it.remove();
      }
    }
    // An object store's file exists only once sealed: sealed before the checkpoint.
    for (var it = sealAfter.iterator(); it.hasNext(); ) {
      OpenFile file = it.next();
      if (!file.output.syncable()) {
        file.seal();
        it.remove();
      }
    }
    Map<String, Long> lines = new TreeMap<>();
    for (OpenFile file : sealAfter) {
      file.sync();
      lines.put(file.path, file.lines);
    }
    for (OpenFile file : open.values()) {
      file.sync();
      lines.put(file.path, file.lines);
    }
    Map<String, Long> merged = new TreeMap<>(checkpoint.positions());
    merged.putAll(positions);
    checkpoint = checkpoint.next(root, merged, lines);
    for (OpenFile file : sealAfter) {
      file.seal();
    }
  }

  /**
   * The input positions of the last flush that gave them (see {@link #flush(Map)}), as recovered on
   * opening and updated by each flush; empty when none was ever given.
   */
  public synchronized Map<String, Long> positions() {
    return Map.copyOf(checkpoint.positions());
  }

  /** Seals every open file and closes the storage (the writer owns it). */
  @Override
  public synchronized void close() throws IOException {
    IOException first = null;
    List<OpenFile> all = new ArrayList<>(retired);
    all.addAll(open.values());
    for (OpenFile file : all) {
      try {
        file.seal();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    open.clear();
    retired.clear();
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

  /**
   * Seals what a crash left in progress, keeping the lines the last checkpoint counted (every
   * complete line of an archive written before checkpoints were kept).
   */
  private void recover() throws IOException {
    checkpoint = ArchiveCheckpoint.latest(root);
    List<String> leftovers =
        ArchiveLayout.archiveFiles(root, "", Integer.MAX_VALUE).stream()
            .filter(ArchiveLayout::isInProgress)
            .toList();
    for (String inProgress : leftovers) {
      ArchiveReader.Lines lines = ArchiveReader.readLines(root, inProgress);
      int keep = lines.lines().size();
      if (checkpoint.exists()) {
        keep = (int) Math.min(keep, checkpoint.lines().getOrDefault(inProgress, 0L));
      }
      int dropped = lines.lines().size() - keep;
      String sealed = ArchiveLayout.sealedName(inProgress);
      if (keep > 0) {
        try (OutputStream out = new GZIPOutputStream(root.create(sealed))) {
          for (byte[] line : lines.lines().subList(0, keep)) {
            out.write(line);
            out.write('\n');
          }
        }
      }
      root.delete(inProgress);
      if (dropped > 0 || lines.torn()) {
        LOG.warn(
            "Recovered {} line(s) of {}{}; {} written after its last flush {} dropped (its input"
                + " replays them)",
            keep,
            root.describe(inProgress),
            keep > 0 ? " into " + sealed.substring(sealed.lastIndexOf('/') + 1) : "",
            dropped > 0 ? dropped + " line(s)" : "a torn tail",
            dropped > 0 ? "were" : "was");
      } else {
        LOG.info("Sealed {} line(s) left in progress in {}", keep, root.describe(inProgress));
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
    long lines;

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
