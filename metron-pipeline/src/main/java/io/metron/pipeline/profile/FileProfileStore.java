package io.metron.pipeline.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.metron.core.message.MessageCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Measurements in plain files under a directory: one append-only file of JSON lines per profile and
 * period ({@code <profile>/<period>-<durationMillis>.jsonl}), each line one measurement with its
 * value serialized by {@link ValueCodec}. The last line of a key wins. A line torn by a crash is
 * skipped on reading and never glued to the next one (a writer first ends an unterminated last
 * line). Readers in other processes see new lines at once; files read before are re-read only from
 * where they grew.
 *
 * <p>A measurement of a profile with {@code expires} carries the time it expires (written + that
 * many days, as HBase's TTL counted from the cell's write): from then on it is not read, and {@link
 * #purgeExpired()} deletes a file once every measurement in it has expired.
 */
public final class FileProfileStore implements ProfileStore {

  private static final int MAX_CACHED_FILES = 10_000;

  private static final long DAY_MILLIS = 86_400_000L;

  private final Path root;
  private final InstantSource clock;
  private final Map<Path, Cached> cache = new ConcurrentHashMap<>();

  /**
   * What a file held up to {@code offset}: the newest line of each key, by key; {@code fileKey}
   * (inode and birth time) tells a file deleted by expiry and written anew from the one read.
   */
  private record Cached(Object fileKey, long offset, Map<String, JsonNode> lines) {}

  private static final Cached EMPTY = new Cached(null, 0, Map.of());

  public FileProfileStore(Path root) {
    this(root, InstantSource.system());
  }

  /**
   * @param clock the time measurements are written and read at, for {@code expires}
   */
  public FileProfileStore(Path root, InstantSource clock) {
    this.root = root;
    this.clock = clock;
  }

  /** The store under a data directory: {@code <data>/profiles}. */
  public static FileProfileStore inDataDir(Path dataDir) {
    return new FileProfileStore(dataDir.resolve("profiles"));
  }

  public Path root() {
    return root;
  }

  @Override
  public synchronized void write(Collection<ProfileMeasurement> measurements) throws IOException {
    Map<Path, ByteArrayOutputStream> byFile = new LinkedHashMap<>();
    long now = clock.millis();
    for (ProfileMeasurement m : measurements) {
      ByteArrayOutputStream out =
          byFile.computeIfAbsent(file(m.profile(), m.period()), f -> new ByteArrayOutputStream());
      out.write(MessageCodec.JSON.writeValueAsBytes(line(m, now)));
      out.write('\n');
    }
    for (Map.Entry<Path, ByteArrayOutputStream> e : byFile.entrySet()) {
      append(e.getKey(), e.getValue().toByteArray());
    }
  }

  private static void append(Path file, byte[] lines) throws IOException {
    Files.createDirectories(file.getParent());
    try (FileChannel ch =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
      long size = ch.size();
      ByteBuffer buf;
      if (size > 0 && !endsWithNewline(ch, size)) {
        buf = ByteBuffer.allocate(lines.length + 1).put((byte) '\n').put(lines).flip();
      } else {
        buf = ByteBuffer.wrap(lines);
      }
      long at = size;
      while (buf.hasRemaining()) {
        at += ch.write(buf, at);
      }
      ch.force(false);
    }
  }

  private static boolean endsWithNewline(FileChannel ch, long size) throws IOException {
    ByteBuffer last = ByteBuffer.allocate(1);
    ch.read(last, size - 1);
    return last.get(0) == '\n';
  }

  private static ObjectNode line(ProfileMeasurement m, long now) {
    ObjectNode line = MessageCodec.JSON.createObjectNode();
    line.put("entity", m.entity());
    ArrayNode groups = line.putArray("groups");
    m.groupKey().forEach(groups::add);
    line.put("period", m.period().period());
    line.put("duration", m.period().durationMillis());
    line.put("value", Base64.getEncoder().encodeToString(ValueCodec.encode(m.value())));
    if (m.expiresDays() != null) {
      line.put("expires", now + m.expiresDays() * DAY_MILLIS);
    }
    if (!m.triage().isEmpty()) {
      line.put(
          "triage",
          Base64.getEncoder().encodeToString(ValueCodec.encode(new LinkedHashMap<>(m.triage()))));
    }
    return line;
  }

  @Override
  public Optional<ProfileMeasurement> read(
      String profile, String entity, ProfilePeriod period, List<String> groups) throws IOException {
    Path file = file(profile, period);
    Cached cached = refresh(file);
    JsonNode line = cached.lines().get(key(entity, groups));
    if (line == null || expired(line, clock.millis())) {
      return Optional.empty();
    }
    Object value = ValueCodec.decode(Base64.getDecoder().decode(line.path("value").asText()));
    Map<String, Object> triage = Map.of();
    if (line.hasNonNull("triage")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> t =
          (Map<String, Object>)
              ValueCodec.decode(Base64.getDecoder().decode(line.get("triage").asText()));
      triage = t;
    }
    return Optional.of(
        new ProfileMeasurement(profile, entity, period, new ArrayList<>(groups), value, triage));
  }

  private static boolean expired(JsonNode line, long now) {
    return line.has("expires") && line.get("expires").asLong() <= now;
  }

  /**
   * Deletes every file whose measurements have all expired. Files with a measurement that has not
   * (or has no {@code expires}) are left whole; their expired lines are only hidden from reads.
   *
   * @return what was deleted
   */
  public synchronized Purged purgeExpired() throws IOException {
    long now = clock.millis();
    long files = 0;
    long measurements = 0;
    long bytes = 0;
    List<Path> profiles;
    try (var dirs = Files.list(root)) {
      profiles = dirs.filter(Files::isDirectory).toList();
    } catch (NoSuchFileException e) {
      return new Purged(0, 0, 0);
    }
    for (Path profile : profiles) {
      List<Path> periods;
      try (var list = Files.list(profile)) {
        periods = list.filter(f -> f.getFileName().toString().endsWith(".jsonl")).toList();
      }
      for (Path file : periods) {
        cache.remove(file);
        Cached lines = refresh(file);
        cache.remove(file);
        if (!lines.lines().isEmpty()
            && lines.lines().values().stream().allMatch(l -> expired(l, now))) {
          long size = Files.size(file);
          if (Files.deleteIfExists(file)) {
            files++;
            measurements += lines.lines().size();
            bytes += size;
          }
        }
      }
    }
    return new Purged(files, measurements, bytes);
  }

  /**
   * What {@link #purgeExpired()} deleted.
   *
   * @param files period files deleted
   * @param measurements measurements (distinct keys) in them
   * @param bytes their size
   */
  public record Purged(long files, long measurements, long bytes) {}

  private Cached refresh(Path file) throws IOException {
    Cached cached = cache.getOrDefault(file, EMPTY);
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      cache.remove(file);
      return EMPTY;
    }
    long size = attributes.size();
    // The inode of a deleted file is often reused at once, so the file's identity is its inode
    // with its birth time (where the file system keeps none, the JDK gives the modification time:
    // then a file that grew is read again from its start, which is slower but still right).
    Object fileKey = java.util.Arrays.asList(attributes.fileKey(), attributes.creationTime());
    if (cached != EMPTY && (size < cached.offset() || !Objects.equals(fileKey, cached.fileKey()))) {
      // deleted (expired) and written anew since it was read: read the new file from its start
      cached = EMPTY;
    }
    if (size == cached.offset()) {
      return cached;
    }
    byte[] grown;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer buf = ByteBuffer.allocate((int) (size - cached.offset()));
      long at = cached.offset();
      while (buf.hasRemaining() && ch.read(buf, at + buf.position()) > 0) {
        // read until the buffer is full or the file ends
      }
      grown = java.util.Arrays.copyOf(buf.array(), buf.position());
    }
    Map<String, JsonNode> lines = new ConcurrentHashMap<>(cached.lines());
    int start = 0;
    for (int i = 0; i < grown.length; i++) {
      if (grown[i] == '\n') {
        parse(grown, start, i - start, lines);
        start = i + 1;
      }
    }
    Cached next = new Cached(fileKey, cached.offset() + start, lines);
    if (cache.size() > MAX_CACHED_FILES) {
      cache.clear();
    }
    cache.put(file, next);
    return next;
  }

  private static void parse(byte[] bytes, int from, int length, Map<String, JsonNode> into) {
    try {
      JsonNode line = MessageCodec.JSON.readTree(bytes, from, length);
      if (line == null || !line.isObject() || !line.hasNonNull("entity")) {
        return;
      }
      List<String> groups = new ArrayList<>();
      line.path("groups").forEach(g -> groups.add(g.asText()));
      into.put(key(line.get("entity").asText(), groups), line);
    } catch (IOException e) {
      // a line torn by a crash: nothing of it was acknowledged, so nothing is lost
    }
  }

  private static String key(String entity, List<String> groups) {
    return entity + '\u0000' + String.join("\u0001", groups);
  }

  private Path file(String profile, ProfilePeriod period) {
    return root.resolve(URLEncoder.encode(profile, StandardCharsets.UTF_8))
        .resolve(period.period() + "-" + period.durationMillis() + ".jsonl");
  }

  @Override
  public void close() {
    cache.clear();
  }
}
