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
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Measurements in plain files under a directory: one append-only file of JSON lines per profile and
 * period ({@code <profile>/<period>-<durationMillis>.jsonl}), each line one measurement with its
 * value serialized by {@link ValueCodec}. The last line of a key wins. A line torn by a crash is
 * skipped on reading and never glued to the next one (a writer first ends an unterminated last
 * line). Readers in other processes see new lines at once; files read before are re-read only from
 * where they grew.
 */
public final class FileProfileStore implements ProfileStore {

  private static final int MAX_CACHED_FILES = 10_000;

  private final Path root;
  private final Map<Path, Cached> cache = new ConcurrentHashMap<>();

  /** What a file held up to {@code offset}: the newest line of each key, by key. */
  private record Cached(long offset, Map<String, JsonNode> lines) {}

  public FileProfileStore(Path root) {
    this.root = root;
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
    for (ProfileMeasurement m : measurements) {
      ByteArrayOutputStream out =
          byFile.computeIfAbsent(file(m.profile(), m.period()), f -> new ByteArrayOutputStream());
      out.write(MessageCodec.JSON.writeValueAsBytes(line(m)));
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

  private static ObjectNode line(ProfileMeasurement m) {
    ObjectNode line = MessageCodec.JSON.createObjectNode();
    line.put("entity", m.entity());
    ArrayNode groups = line.putArray("groups");
    m.groupKey().forEach(groups::add);
    line.put("period", m.period().period());
    line.put("duration", m.period().durationMillis());
    line.put("value", Base64.getEncoder().encodeToString(ValueCodec.encode(m.value())));
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
    if (line == null) {
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

  private Cached refresh(Path file) throws IOException {
    Cached cached = cache.getOrDefault(file, new Cached(0, Map.of()));
    long size;
    try {
      size = Files.size(file);
    } catch (NoSuchFileException e) {
      return cached;
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
    Cached next = new Cached(cached.offset() + start, lines);
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
