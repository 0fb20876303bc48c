package io.metron.streams.ingest.file;

import io.metron.streams.ingest.EdgeCounters;
import io.metron.streams.ingest.EdgeStats;
import io.metron.streams.ingest.EventSink;
import io.metron.streams.ingest.IngestEdge;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one file and writes each complete line (without its LF, or CRLF) to a sensor topic; empty
 * lines are skipped. A file seen for the first time is read from its start.
 *
 * <p>Delivery: lines are sent in batches, and the position is saved (atomically, in a small state
 * file under the state directory) only after Kafka acknowledged the whole batch. A line whose
 * acknowledgment was saved is never sent again; a crash between acknowledgment and save sends that
 * batch again (at least once). A batch Kafka refuses is retried from its start.
 *
 * <p>Partial lines: bytes after the last LF wait until their LF arrives. They are sent without one
 * only when the file has been rotated away and has stopped growing, since nothing more can complete
 * them.
 *
 * <p>Rotation, checked whenever the file has no new data:
 *
 * <ul>
 *   <li>rename and create: the path now names another file. The old one, still open, is read to its
 *       end (after one more quiet poll, for writers that have not yet reopened), then the new one
 *       from its start.
 *   <li>copytruncate: the same file is shorter than the position, or its first bytes changed;
 *       reading restarts at its start. (Lines written between the copy and the truncation are lost:
 *       that is copytruncate's own gap.)
 *   <li>rotated while stopped: on start, if the path names a new file, the old one is looked for in
 *       the same directory by its identity and its rest is read first.
 * </ul>
 *
 * <p>Lines longer than the limit are skipped and counted as oversize. One platform thread per file.
 */
public final class FileTailEdge implements IngestEdge {
  private static final Logger LOG = LoggerFactory.getLogger(FileTailEdge.class);

  private final TailSpec spec;
  private final EventSink sink;
  private final Path stateFile;
  private final Duration poll;
  private final int maxLine;
  private final EdgeCounters counters;
  private final ByteBuffer buffer;

  private volatile boolean running;
  private Thread thread;

  // Owned by the tail thread once started.
  private FileChannel channel;
  private String fileKey;
  private Path openedAs;
  private long offset;
  private int headLength;
  private long headCrc;
  private long skipFrom = -1;
  private boolean rotationPending;

  /**
   * @param stateDir where the position is kept (created if missing)
   * @param poll how often an idle file is checked for growth and rotation
   * @param maxLine the longest line passed on, in bytes
   */
  public FileTailEdge(TailSpec spec, EventSink sink, Path stateDir, Duration poll, int maxLine) {
    this.spec = spec;
    this.sink = sink;
    this.stateFile = stateDir.resolve(stateFileName(spec));
    this.poll = poll;
    this.maxLine = maxLine;
    this.counters = new EdgeCounters(name(), spec.sensor());
    this.buffer = ByteBuffer.allocate(Math.max(maxLine + 1, 1024 * 1024));
  }

  /** With a 250 ms poll and a 1 MiB line limit. */
  public FileTailEdge(TailSpec spec, EventSink sink, Path stateDir) {
    this(spec, sink, stateDir, Duration.ofMillis(250), 1024 * 1024);
  }

  @Override
  public String name() {
    return "tail:" + spec.file();
  }

  /** The state file this edge keeps its position in. */
  public Path stateFile() {
    return stateFile;
  }

  @Override
  public void start() throws IOException {
    Path dir = stateFile.getParent();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new IOException(
          "tail " + spec.file() + ": cannot create the state directory " + dir + ": " + e, e);
    }
    if (!Files.isWritable(dir)) {
      throw new IOException(
          "tail " + spec.file() + ": state directory " + dir + " is not writable");
    }
    sink.prepare(spec.sensor());
    running = true;
    thread = Thread.ofPlatform().name("tail-" + spec.file().getFileName()).start(this::run);
    LOG.info("Tailing {} -> topic {} (position in {})", spec.file(), spec.sensor(), stateFile);
  }

  private void run() {
    try {
      resume();
    } catch (IOException e) {
      LOG.warn("tail {}: cannot resume ({}); starting over", spec.file(), e.getMessage());
    }
    String lastProblem = null;
    while (running) {
      boolean progressed = false;
      try {
        if (channel == null) {
          openPath(0);
        }
        if (channel != null) {
          progressed = pump();
          if (!progressed) {
            checkRotation();
          }
        }
        lastProblem = null;
      } catch (IOException e) {
        // Say it once, not every poll, while the problem lasts.
        if (!String.valueOf(e.getMessage()).equals(lastProblem)) {
          LOG.warn("tail {}: {}", spec.file(), e.getMessage());
          lastProblem = String.valueOf(e.getMessage());
        }
      }
      if (!progressed) {
        try {
          Thread.sleep(poll);
        } catch (InterruptedException e) {
          break;
        }
      }
    }
    closeChannel();
  }

  /** Picks up where the state file left off. */
  private void resume() throws IOException {
    TailPosition saved;
    try {
      saved = TailPosition.load(stateFile);
    } catch (IOException e) {
      LOG.warn(
          "tail {}: state file {} unreadable ({}); reading from the start",
          spec.file(),
          stateFile,
          e.getMessage());
      saved = null;
    }
    if (saved == null) {
      openPath(0);
      return;
    }
    String current = keyOf(spec.file());
    if (saved.fileKey().equals(current)) {
      openPath(0);
      if (channel != null && matches(saved)) {
        restore(saved);
      }
      return;
    }
    Path rotated = findByKey(saved.fileKey());
    if (rotated != null) {
      FileChannel ch = FileChannel.open(rotated, StandardOpenOption.READ);
      adopt(ch, saved.fileKey(), rotated);
      if (matches(saved)) {
        restore(saved);
        LOG.info(
            "tail {}: finishing {}, rotated while stopped, from byte {}",
            spec.file(),
            rotated,
            offset);
      }
      return;
    }
    LOG.warn(
        "tail {}: the file last read (at byte {}) was rotated away while stopped and is gone;"
            + " lines after that point in it are lost",
        spec.file(),
        saved.offset());
    openPath(0);
  }

  private boolean matches(TailPosition saved) throws IOException {
    if (channel.size() < saved.offset()) {
      LOG.info(
          "tail {}: file is shorter than the saved position; reading from the start", spec.file());
      return false;
    }
    if (saved.headLength() > 0
        && TailPosition.headCrc(channel, saved.headLength()) != saved.headCrc()) {
      LOG.info("tail {}: file's first bytes changed; reading from the start", spec.file());
      return false;
    }
    return true;
  }

  private void restore(TailPosition saved) {
    offset = saved.offset();
    headLength = saved.headLength();
    headCrc = saved.headCrc();
  }

  /** Reads and delivers what follows the position; false when there was nothing to do. */
  private boolean pump() throws IOException {
    if (skipFrom >= 0) {
      return skipOversize();
    }
    buffer.clear();
    int n = channel.read(buffer, offset);
    if (n <= 0) {
      return false;
    }
    byte[] data = buffer.array();
    List<byte[]> lines = new ArrayList<>();
    int start = 0;
    int consumed = 0;
    for (int i = 0; i < n; i++) {
      if (data[i] == '\n') {
        int end = i > start && data[i - 1] == '\r' ? i - 1 : i;
        if (end - start > maxLine) {
          counters.oversize();
        } else if (end > start) {
          lines.add(Arrays.copyOfRange(data, start, end));
        }
        start = i + 1;
        consumed = start;
      }
    }
    if (consumed == 0) {
      if (n > maxLine) {
        // No LF within the limit: the line is too long whatever follows.
        counters.oversize();
        skipFrom = offset + n;
        return true;
      }
      return false;
    }
    if (!deliver(lines)) {
      return false;
    }
    commit(offset + consumed);
    return true;
  }

  private boolean skipOversize() throws IOException {
    buffer.clear();
    int n = channel.read(buffer, skipFrom);
    if (n <= 0) {
      return false;
    }
    byte[] data = buffer.array();
    for (int i = 0; i < n; i++) {
      if (data[i] == '\n') {
        long next = skipFrom + i + 1;
        skipFrom = -1;
        commit(next);
        return true;
      }
    }
    skipFrom += n;
    return true;
  }

  /** Sends the lines and waits for Kafka; true when every one was acknowledged. */
  private boolean deliver(List<byte[]> lines) {
    if (lines.isEmpty()) {
      return true;
    }
    counters.received(lines.size());
    List<CompletableFuture<Void>> sends = new ArrayList<>(lines.size());
    for (byte[] line : lines) {
      sends.add(counters.track(sink.send(spec.sensor(), null, line)));
    }
    int failed = 0;
    Throwable cause = null;
    for (CompletableFuture<Void> send : sends) {
      try {
        send.get();
      } catch (ExecutionException e) {
        failed++;
        cause = e.getCause();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    if (failed > 0) {
      LOG.warn(
          "tail {}: Kafka refused {} of {} lines ({}); retrying the batch",
          spec.file(),
          failed,
          lines.size(),
          cause == null ? "?" : cause.getMessage());
      return false;
    }
    return true;
  }

  private void commit(long newOffset) throws IOException {
    offset = newOffset;
    if (headLength < TailPosition.HEAD && offset > headLength) {
      headLength = (int) Math.min(TailPosition.HEAD, offset);
      headCrc = TailPosition.headCrc(channel, headLength);
    }
    save();
  }

  private void save() throws IOException {
    new TailPosition(spec.file().toString(), fileKey, offset, headLength, headCrc).save(stateFile);
  }

  /** Called when the open file has no new data. */
  private void checkRotation() throws IOException {
    String pathKey = keyOf(spec.file());
    if (pathKey == null) {
      return; // deleted, or between rename and create: keep what is open
    }
    if (!pathKey.equals(fileKey)) {
      if (!rotationPending) {
        // Give the writer one more poll to finish writing to the file it still has open.
        rotationPending = true;
        return;
      }
      finishRotated();
      closeChannel();
      openPath(0);
      return;
    }
    long size = channel.size();
    boolean truncated = size < offset || (skipFrom >= 0 && size < skipFrom);
    boolean replaced =
        !truncated && headLength > 0 && TailPosition.headCrc(channel, headLength) != headCrc;
    if (truncated || replaced) {
      LOG.info(
          "tail {}: file was {}; reading from its start",
          spec.file(),
          truncated ? "truncated" : "rewritten in place");
      offset = 0;
      skipFrom = -1;
      headLength = 0;
      headCrc = 0;
      save();
    }
  }

  /** Delivers the unterminated last line of a rotated file, which nothing can complete now. */
  private void finishRotated() throws IOException {
    if (skipFrom >= 0) {
      return;
    }
    long size = channel.size();
    long rest = size - offset;
    if (rest <= 0) {
      return;
    }
    if (rest > maxLine) {
      counters.oversize();
      return;
    }
    buffer.clear();
    buffer.limit((int) rest);
    int n = channel.read(buffer, offset);
    if (n > 0) {
      byte[] line = Arrays.copyOf(buffer.array(), n);
      int len = line.length > 0 && line[line.length - 1] == '\r' ? line.length - 1 : line.length;
      List<byte[]> lines = len > 0 ? List.of(Arrays.copyOf(line, len)) : List.of();
      while (running && !deliver(lines)) {
        sleepQuietly();
      }
      LOG.info(
          "tail {}: finished rotated file {} ({} bytes of unterminated last line)",
          spec.file(),
          openedAs,
          n);
    }
  }

  private void openPath(long startAt) throws IOException {
    Path path = spec.file();
    for (int attempt = 0; attempt < 3; attempt++) {
      String before = keyOf(path);
      if (before == null) {
        return;
      }
      FileChannel ch;
      try {
        ch = FileChannel.open(path, StandardOpenOption.READ);
      } catch (NoSuchFileException e) {
        return;
      }
      // Renamed between the two looks: try again so the key names the file actually open.
      if (before.equals(keyOf(path))) {
        adopt(ch, before, path);
        offset = startAt;
        headLength = 0;
        headCrc = 0;
        return;
      }
      ch.close();
    }
  }

  private void adopt(FileChannel ch, String key, Path path) {
    channel = ch;
    fileKey = key;
    openedAs = path;
    skipFrom = -1;
    rotationPending = false;
    offset = 0;
  }

  private Path findByKey(String key) throws IOException {
    Path dir = spec.file().toAbsolutePath().getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      return null;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        if (key.equals(keyOf(f))) {
          return f;
        }
      }
    }
    return null;
  }

  private static String keyOf(Path path) {
    try {
      BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
      if (!attrs.isRegularFile()) {
        return null;
      }
      Object key = attrs.fileKey();
      // Without file keys (not a Unix file system) the creation time is the best identity.
      return key != null ? key.toString() : "created=" + attrs.creationTime().toMillis();
    } catch (IOException e) {
      return null;
    }
  }

  private void closeChannel() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        LOG.debug("tail {}: close: {}", spec.file(), e.getMessage());
      }
      channel = null;
    }
  }

  private void sleepQuietly() {
    try {
      Thread.sleep(poll);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  private static String stateFileName(TailSpec spec) {
    CRC32C crc = new CRC32C();
    crc.update(
        spec.file().toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
    String base = spec.file().getFileName() == null ? "file" : spec.file().getFileName().toString();
    return "tail-"
        + base.replaceAll("[^A-Za-z0-9._-]", "_")
        + "-"
        + Long.toHexString(crc.getValue())
        + ".json";
  }

  @Override
  public List<EdgeStats> stats() {
    return List.of(counters.snapshot());
  }

  @Override
  public void close() {
    running = false;
    if (thread != null) {
      try {
        thread.join(30_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
