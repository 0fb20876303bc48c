package io.metron.pcap.store;

import io.metron.pcap.decode.DecodedPacket;
import io.metron.pcap.decode.PacketDecoder;
import io.metron.pcap.file.PacketReader;
import io.metron.pcap.file.PcapFormatException;
import io.metron.pcap.file.PcapHeader;
import io.metron.pcap.file.PcapWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Writes packets into the store: one open file per partition, rolled by size and age, sealed with a
 * {@link FlowIndex}, old files removed by the retention policy.
 *
 * <p>Durability: {@link #flush()} pushes every open file to disk; a caller that commits input
 * offsets after {@code flush()} loses nothing in a crash (it may store a packet twice when it
 * replays from its last commit). Opening a store recovers files left open by a crash: each is cut
 * back to its last whole record, indexed and sealed.
 *
 * <p>Not thread-safe: one thread appends (queries may run concurrently from any thread or process,
 * through {@link StoreFile} and {@link FlowIndex.Reader}).
 */
public final class PacketStore implements AutoCloseable {
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
  private static final AtomicLong SEQ = new AtomicLong();

  private final StoreConfig config;
  private final InstantSource clock;
  private final PacketDecoder decoder = new PacketDecoder();
  private final DecodedPacket scratch = new DecodedPacket();
  private final Map<Integer, Active> open = new HashMap<>();
  private final PcapHeader header;
  private final String instance = Long.toHexString(System.nanoTime() & 0xffffffL);
  private long packetsWritten;
  private long filesSealed;
  private long filesDeleted;
  private long bytesTruncated;

  private static final class Active {
    final StoreFile file;
    final PcapWriter writer;
    final FlowIndex.Builder index = new FlowIndex.Builder();
    final long openedAtMillis;

    Active(StoreFile file, PcapWriter writer, long openedAtMillis) {
      this.file = file;
      this.writer = writer;
      this.openedAtMillis = openedAtMillis;
    }
  }

  private PacketStore(StoreConfig config, InstantSource clock) {
    this.config = config;
    this.clock = clock;
    this.header =
        new PcapHeader(ByteOrder.LITTLE_ENDIAN, true, config.snapLength(), config.linkType());
  }

  /**
   * Opens (creating if needed) a store: recovers files a crash left open, then applies retention.
   */
  public static PacketStore open(StoreConfig config, InstantSource clock) throws IOException {
    Files.createDirectories(config.root());
    PacketStore store = new PacketStore(config, clock);
    store.recover();
    store.applyRetention();
    return store;
  }

  public StoreConfig config() {
    return config;
  }

  /** Appends a packet whose captured and wire lengths are both {@code packet.length}. */
  public void append(int partition, long timestampNanos, byte[] packet) throws IOException {
    append(partition, timestampNanos, packet, 0, packet.length, packet.length);
  }

  /** Appends one packet to the partition's open file, rolling first when it is full or old. */
  public void append(
      int partition, long timestampNanos, byte[] data, int offset, int length, int originalLength)
      throws IOException {
    Active a = open.get(partition);
    if (a != null && (a.writer.position() + 16 + length > config.rollBytes() || tooOld(a))) {
      seal(a);
      open.remove(partition);
      a = null;
      applyRetention();
    }
    if (a == null) {
      a = create(partition, timestampNanos);
      open.put(partition, a);
    }
    long at = a.writer.position();
    a.writer.write(timestampNanos, originalLength, data, offset, length);
    decoder.decode(config.linkType(), data, offset, length, scratch);
    a.index.add(scratch, at, timestampNanos);
    packetsWritten++;
  }

  private boolean tooOld(Active a) {
    return clock.millis() - a.openedAtMillis >= config.rollAge().toMillis();
  }

  /** Rolls files that have reached their age even though no packet arrived; call periodically. */
  public void tick() throws IOException {
    List<Integer> old = new ArrayList<>();
    for (Map.Entry<Integer, Active> e : open.entrySet()) {
      if (tooOld(e.getValue())) {
        old.add(e.getKey());
      }
    }
    for (Integer p : old) {
      seal(open.remove(p));
    }
    if (!old.isEmpty()) {
      applyRetention();
    }
  }

  /** Writes buffered packets of every open file to disk and forces them to the device. */
  public void flush() throws IOException {
    for (Active a : open.values()) {
      a.writer.sync();
    }
  }

  /** Seals every open file, then applies retention. */
  @Override
  public void close() throws IOException {
    IOException first = null;
    for (Active a : open.values()) {
      try {
        seal(a);
      } catch (IOException e) {
        if (first == null) {
          first = e;
        }
      }
    }
    open.clear();
    if (first != null) {
      throw first;
    }
    applyRetention();
  }

  /** Counters since open. */
  public Stats stats() {
    return new Stats(packetsWritten, filesSealed, filesDeleted, bytesTruncated, open.size());
  }

  /**
   * Store counters.
   *
   * @param packetsWritten packets appended since open
   * @param filesSealed files rolled and indexed (including recovered ones)
   * @param filesDeleted files removed by retention
   * @param bytesTruncated bytes of partial records cut off by recovery
   * @param openFiles files currently being written
   */
  public record Stats(
      long packetsWritten,
      long filesSealed,
      long filesDeleted,
      long bytesTruncated,
      int openFiles) {}

  private Active create(int partition, long firstTs) throws IOException {
    Path dir = config.root().resolve(DAY.format(Instant.ofEpochSecond(0, Math.max(0, firstTs))));
    Files.createDirectories(dir);
    Path data;
    do {
      data =
          dir.resolve(
              "pcap_"
                  + config.topic()
                  + "_"
                  + firstTs
                  + "_"
                  + partition
                  + "_"
                  + instance
                  + Long.toHexString(SEQ.incrementAndGet())
                  + StoreFile.SUFFIX);
    } while (Files.exists(data));
    PcapWriter w = PcapWriter.create(data, header);
    return new Active(new StoreFile(data, null, firstTs, partition), w, clock.millis());
  }

  private void seal(Active a) throws IOException {
    a.writer.sync();
    long length = a.writer.position();
    a.writer.close();
    a.index.write(StoreFile.indexPathOf(a.file.data()), length, config.linkType());
    filesSealed++;
  }

  private void recover() throws IOException {
    cleanOrphans();
    for (StoreFile f : StoreFile.list(config.root())) {
      if (!f.sealed()) {
        recoverFile(f.data());
      }
    }
  }

  private void cleanOrphans() throws IOException {
    try (Stream<Path> days = Files.list(config.root())) {
      for (Path day : days.filter(Files::isDirectory).toList()) {
        try (Stream<Path> files = Files.list(day)) {
          for (Path p : files.toList()) {
            String n = p.getFileName().toString();
            if (n.endsWith(StoreFile.INDEX_SUFFIX + ".tmp")) {
              Files.deleteIfExists(p);
            } else if (n.endsWith(StoreFile.INDEX_SUFFIX)) {
              Path data = p.resolveSibling(n.substring(0, n.length() - 4));
              if (!Files.exists(data)) {
                Files.deleteIfExists(p);
              }
            }
          }
        }
      }
    }
  }

  /** Cuts a file back to its last whole record, indexes and seals it. */
  private void recoverFile(Path data) throws IOException {
    long size = Files.size(data);
    if (size < PcapHeader.SIZE) {
      Files.delete(data);
      bytesTruncated += size;
      return;
    }
    FlowIndex.Builder index = new FlowIndex.Builder();
    long valid = PcapHeader.SIZE;
    int linkType = config.linkType();
    try (PacketReader r = PacketReader.open(data)) {
      try {
        while (r.next()) {
          linkType = r.linkType();
          decoder.decode(linkType, r.buffer(), r.dataOffset(), r.capturedLength(), scratch);
          index.add(scratch, r.recordOffset(), r.timestampNanos());
          valid = r.recordOffset() + PcapHeader.RECORD_HEADER_SIZE + r.capturedLength();
        }
      } catch (PcapFormatException e) {
        // The tail after the last whole record is what a crash left; it is cut off below.
      }
    } catch (PcapFormatException e) {
      // Not even a readable header: nothing of value.
      Files.delete(data);
      bytesTruncated += size;
      return;
    }
    if (valid < size) {
      try (FileChannel ch = FileChannel.open(data, StandardOpenOption.WRITE)) {
        ch.truncate(valid);
        ch.force(true);
      }
      bytesTruncated += size - valid;
    }
    index.write(StoreFile.indexPathOf(data), valid, linkType);
    filesSealed++;
  }

  /** Deletes the oldest sealed files beyond the age and size limits. */
  public void applyRetention() throws IOException {
    filesDeleted += applyRetention(config, clock).files();
  }

  /**
   * What a retention pass deleted.
   *
   * @param files data files deleted (each with its flow index)
   * @param bytes their size, indexes included
   */
  public record Removed(long files, long bytes) {}

  /**
   * Deletes, oldest first, the sealed files of the store under {@code config.root()} whose last
   * packet is older than {@code config.retainAge()} or that take the store over {@code
   * config.retainBytes()}. Open files are never touched, so this is safe beside a running writer
   * (the platform's retention schedule runs it from another thread).
   */
  public static Removed applyRetention(StoreConfig config, InstantSource clock) throws IOException {
    if (config.retainAge() == null && config.retainBytes() <= 0) {
      return new Removed(0, 0);
    }
    List<StoreFile> sealed = new ArrayList<>();
    long total = 0;
    for (StoreFile f : StoreFile.list(config.root())) {
      long size = Files.size(f.data()) + (f.sealed() ? Files.size(f.index()) : 0);
      total += size;
      if (f.sealed()) {
        sealed.add(f);
      }
    }
    long cutoff =
        config.retainAge() == null
            ? Long.MIN_VALUE
            : (clock.millis() - config.retainAge().toMillis()) * 1_000_000L;
    long files = 0;
    long bytes = 0;
    for (StoreFile f : sealed) {
      boolean tooOld = cutoff != Long.MIN_VALUE && lastTimestamp(f) < cutoff;
      boolean tooBig = config.retainBytes() > 0 && total > config.retainBytes();
      if (!tooOld && !tooBig) {
        continue;
      }
      long size = Files.size(f.data()) + Files.size(f.index());
      Files.deleteIfExists(f.data());
      Files.deleteIfExists(f.index());
      total -= size;
      files++;
      bytes += size;
    }
    return new Removed(files, bytes);
  }

  private static long lastTimestamp(StoreFile f) throws IOException {
    try (FileChannel ch = FileChannel.open(f.index(), StandardOpenOption.READ)) {
      ByteBuffer b = ByteBuffer.allocate(FlowIndex.HEADER);
      int r = 0;
      while (b.hasRemaining() && r >= 0) {
        r = ch.read(b);
      }
      long packets = b.getLong(16);
      return packets == 0 ? f.startNanos() : b.getLong(40);
    }
  }
}
