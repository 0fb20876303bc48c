package io.metron.search.archive;

import io.metron.core.message.Message;
import io.metron.core.message.MessageCodec;
import io.metron.search.Incoming;
import io.metron.search.IndexNames;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes messages to compressed JSON-lines files, one open file per sensor and day ({@link
 * ArchiveLayout}), rotated by size and age ({@link ArchivePolicy}): Metron's HDFS archive on a
 * local disk.
 *
 * <p>Crash-safe: a file is written under an {@code .inprogress} name and renamed when sealed, and
 * {@link #flush()} makes everything written so far durable and readable (a gzip sync flush and an
 * fsync). After a crash, opening the writer recovers each leftover {@code .inprogress} file: the
 * complete lines up to the last flush are kept in a sealed file, the torn tail is dropped with a
 * warning. Thread-safe.
 */
public final class ArchiveWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ArchiveWriter.class);
  private static final DateTimeFormatter OPENED =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final Path root;
  private final ArchivePolicy policy;
  private final Clock clock;
  private final Map<String, OpenFile> open = new HashMap<>();
  private long sequence;

  private ArchiveWriter(Path root, ArchivePolicy policy, Clock clock) {
    this.root = root;
    this.policy = policy;
    this.clock = clock;
  }

  /** Opens the archive under {@code root}, recovering files a crash left in progress. */
  public static ArchiveWriter open(Path root, ArchivePolicy policy, Clock clock)
      throws IOException {
    Files.createDirectories(root);
    ArchiveWriter writer = new ArchiveWriter(root, policy, clock);
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
    Path custom = subPath == null ? null : within(subPath);
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
        file =
            startFile(
                custom == null ? ArchiveLayout.dayDirectory(root, sensor, day) : custom, sensor);
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
      if (file.isDue(policy, now)) {
        file.seal();
        entries.remove();
      } else {
        file.sync();
      }
    }
  }

  /** Seals every open file. */
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

  private Path within(String subPath) throws IOException {
    Path dir = root.resolve(subPath).normalize();
    if (!dir.startsWith(root.normalize())) {
      throw new IOException(
          "archive path '" + subPath + "' is not a directory under the archive root " + root);
    }
    return dir;
  }

  private OpenFile startFile(Path dir, String sensor) throws IOException {
    Files.createDirectories(dir);
    long now = clock.millis();
    Path path;
    do {
      path =
          dir.resolve(
              IndexNames.sensorPart(sensor)
                  + "-"
                  + OPENED.format(java.time.Instant.ofEpochMilli(now))
                  + "-"
                  + (sequence++)
                  + ArchiveLayout.IN_PROGRESS);
    } while (Files.exists(path) || Files.exists(ArchiveLayout.sealedName(path)));
    return new OpenFile(path, now);
  }

  /** Seals what a crash left in progress, keeping the lines up to the last flush. */
  private void recover() throws IOException {
    List<Path> leftovers;
    try (Stream<Path> files = Files.walk(root)) {
      leftovers = files.filter(ArchiveLayout::isInProgress).sorted().toList();
    }
    for (Path inProgress : leftovers) {
      Path sealed = ArchiveLayout.sealedName(inProgress);
      long kept = 0;
      ArchiveReader.Lines lines = ArchiveReader.readLines(inProgress);
      try (OutputStream out =
          new GZIPOutputStream(Files.newOutputStream(sealed, StandardOpenOption.CREATE_NEW))) {
        for (byte[] line : lines.lines()) {
          out.write(line);
          out.write('\n');
          kept++;
        }
      }
      Files.delete(inProgress);
      if (lines.torn()) {
        LOG.warn(
            "Recovered {} line(s) of {} into {}; its unflushed tail was torn by a crash and"
                + " dropped",
            kept,
            inProgress,
            sealed.getFileName());
      } else {
        LOG.info("Sealed {} line(s) left in progress in {}", kept, inProgress);
      }
    }
  }

  private static final class OpenFile {
    final Path path;
    final long openedAt;
    final FileChannel channel;
    final GZIPOutputStream gzip;
    final OutputStream out;
    long written;

    OpenFile(Path path, long openedAt) throws IOException {
      this.path = path;
      this.openedAt = openedAt;
      this.channel =
          FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      this.gzip =
          new GZIPOutputStream(
              java.nio.channels.Channels.newOutputStream(channel), 64 * 1024, true);
      this.out = new BufferedOutputStream(gzip, 64 * 1024);
    }

    boolean isDue(ArchivePolicy policy, long now) {
      return written >= policy.maxBytes() || now - openedAt >= policy.maxAge().toMillis();
    }

    void sync() throws IOException {
      out.flush(); // the gzip stream was made with sync flush, so this ends a deflate block
      channel.force(false);
    }

    void seal() throws IOException {
      out.close(); // writes the gzip trailer
      try (FileChannel c = FileChannel.open(path, StandardOpenOption.WRITE)) {
        c.force(true);
      }
      Files.move(path, ArchiveLayout.sealedName(path), StandardCopyOption.ATOMIC_MOVE);
    }
  }
}
