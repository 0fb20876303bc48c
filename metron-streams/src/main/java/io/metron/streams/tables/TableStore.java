package io.metron.streams.tables;

import com.fasterxml.jackson.core.type.TypeReference;
import io.metron.core.message.MessageCodec;
import io.metron.pipeline.enrich.EnrichmentLookup;
import io.metron.pipeline.enrich.LookupKey;
import io.metron.pipeline.load.RowSink;
import io.metron.pipeline.load.TableRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.rocksdb.CompressionType;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The enrichment and threat-intel tables on disk: an embedded RocksDB database under {@code
 * <data>/tables}, holding Metron's (type, indicator) → value map model. Keys are the UTF-8 type, a
 * zero byte and the UTF-8 indicator; values are the JSON of the map.
 *
 * <p>One process writes ({@link #openForWriting}: {@code metron load}); any number read ({@link
 * #openForReading}: the platform, {@code metron process}) as RocksDB <em>secondary</em> instances,
 * which follow the writer's files and see its writes after {@link #catchUp()} — so a load shows up
 * in a running pipeline without a restart, and readers never block the writer. A second writer
 * fails with a message saying another load is running.
 *
 * <p>Thread-safe. Reads of a missing row return {@code null}; a storage failure is an {@link
 * UncheckedIOException} on reads and an {@link IOException} on writes.
 */
public final class TableStore implements EnrichmentLookup, RowSink, TableReader {
  static {
    RocksDB.loadLibrary();
  }

  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

  private final RocksDB db;
  private final Options options;
  private final WriteOptions writeOptions;
  private final Path secondaryDir;
  private final boolean writer;

  private TableStore(RocksDB db, Options options, Path secondaryDir, boolean writer) {
    this.db = db;
    this.options = options;
    this.writeOptions = new WriteOptions().setSync(false);
    this.secondaryDir = secondaryDir;
    this.writer = writer;
  }

  /** The tables' directory under a data directory. */
  public static Path directory(Path dataDir) {
    return dataDir.resolve("tables");
  }

  /**
   * Opens the tables for writing, creating them if needed.
   *
   * @throws IOException when another process is writing (a load is running) or the files are
   *     unusable
   */
  public static TableStore openForWriting(Path dataDir) throws IOException {
    Path dir = directory(dataDir);
    Files.createDirectories(dir);
    Options options =
        new Options()
            .setCreateIfMissing(true)
            .setCompressionType(CompressionType.LZ4_COMPRESSION)
            .setMaxOpenFiles(-1);
    try {
      return new TableStore(RocksDB.open(options, dir.toString()), options, null, true);
    } catch (RocksDBException e) {
      options.close();
      String message = String.valueOf(e.getMessage());
      if (message.contains("lock") || message.contains("Lock")) {
        throw new IOException(
            dir
                + ": the tables are being written by another process (is another `metron load`"
                + " running, or a `metron run --kafka` whose tables follow the metron.tables"
                + " topic? then load with --kafka)",
            e);
      }
      throw new IOException(dir + ": cannot open the tables: " + message, e);
    }
  }

  /**
   * Opens the tables for reading while another process may write them. Creates empty tables when
   * there are none yet, so a platform can start before the first load.
   */
  public static TableStore openForReading(Path dataDir) throws IOException {
    Path dir = directory(dataDir);
    if (!Files.exists(dir.resolve("CURRENT"))) {
      try (TableStore created = openForWriting(dataDir)) {
        // Just creates the files; a writer that got there first has created them too.
      } catch (IOException e) {
        if (!Files.exists(dir.resolve("CURRENT"))) {
          throw e;
        }
      }
    }
    Path secondary = dataDir.resolve("tables-readers").resolve(UUID.randomUUID().toString());
    Files.createDirectories(secondary);
    // A secondary instance keeps every file open so the writer's compactions cannot pull files
    // from under it.
    Options options = new Options().setMaxOpenFiles(-1);
    try {
      RocksDB db = RocksDB.openAsSecondary(options, dir.toString(), secondary.toString());
      return new TableStore(db, options, secondary, false);
    } catch (RocksDBException e) {
      options.close();
      deleteTree(secondary);
      throw new IOException(dir + ": cannot open the tables for reading: " + e.getMessage(), e);
    }
  }

  /**
   * Brings a reader up to date with the writer's latest writes. Returns whether anything changed.
   */
  @Override
  public boolean catchUp() throws IOException {
    if (writer) {
      return false;
    }
    long before = db.getLatestSequenceNumber();
    try {
      db.tryCatchUpWithPrimary();
    } catch (RocksDBException e) {
      throw new IOException("cannot catch up with the tables' writer: " + e.getMessage(), e);
    }
    return db.getLatestSequenceNumber() != before;
  }

  static byte[] key(String type, String indicator) {
    byte[] t = type.getBytes(StandardCharsets.UTF_8);
    byte[] i = indicator.getBytes(StandardCharsets.UTF_8);
    byte[] key = new byte[t.length + 1 + i.length];
    System.arraycopy(t, 0, key, 0, t.length);
    System.arraycopy(i, 0, key, t.length + 1, i.length);
    return key;
  }

  private static Map<String, Object> value(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    try {
      return MessageCodec.JSON.readValue(bytes, MAP);
    } catch (IOException e) {
      throw new UncheckedIOException("a table value is not a JSON map", e);
    }
  }

  @Override
  public Map<String, Object> get(String type, String indicator) {
    try {
      return value(db.get(key(type, indicator)));
    } catch (RocksDBException e) {
      throw new UncheckedIOException(new IOException("table read failed: " + e.getMessage(), e));
    }
  }

  @Override
  public List<Map<String, Object>> getAll(List<LookupKey> keys) {
    if (keys.size() == 1) {
      LookupKey k = keys.getFirst();
      return java.util.Collections.singletonList(get(k.type(), k.indicator()));
    }
    List<byte[]> raw = new ArrayList<>(keys.size());
    for (LookupKey k : keys) {
      raw.add(key(k.type(), k.indicator()));
    }
    try {
      List<byte[]> found = db.multiGetAsList(raw);
      List<Map<String, Object>> out = new ArrayList<>(found.size());
      for (byte[] bytes : found) {
        out.add(value(bytes));
      }
      return out;
    } catch (RocksDBException e) {
      throw new UncheckedIOException(new IOException("table read failed: " + e.getMessage(), e));
    }
  }

  /**
   * Up to {@code limit} rows of {@code type} whose indicator starts with {@code prefix}, in
   * indicator order (byte order of their UTF-8): how the management UI browses a table.
   */
  public List<TableRow> scan(String type, String prefix, int limit) {
    byte[] start = key(type, prefix);
    List<TableRow> out = new ArrayList<>();
    int typeLength = type.getBytes(StandardCharsets.UTF_8).length;
    try (org.rocksdb.RocksIterator it = db.newIterator()) {
      for (it.seek(start); it.isValid() && out.size() < limit; it.next()) {
        byte[] k = it.key();
        if (!startsWith(k, start)) {
          break;
        }
        String indicator =
            new String(k, typeLength + 1, k.length - typeLength - 1, StandardCharsets.UTF_8);
        out.add(new TableRow(new LookupKey(type, indicator), value(it.value())));
      }
    }
    return out;
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void write(List<TableRow> rows) throws IOException {
    if (!writer) {
      throw new IOException("the tables were opened for reading");
    }
    try (WriteBatch batch = new WriteBatch()) {
      for (TableRow row : rows) {
        batch.put(
            key(row.key().type(), row.key().indicator()),
            MessageCodec.JSON.writeValueAsBytes(row.value()));
      }
      db.write(writeOptions, batch);
    } catch (RocksDBException e) {
      throw new IOException("cannot write to the tables: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    if (writer) {
      try {
        db.syncWal();
      } catch (RocksDBException e) {
        // Closing flushes the memtable anyway; the WAL sync only narrows a crash window.
      }
    }
    writeOptions.close();
    db.close();
    options.close();
    if (secondaryDir != null) {
      deleteTree(secondaryDir);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  // A reader's scratch directory left behind is harmless.
                }
              });
    } catch (IOException e) {
      // Same as above.
    }
  }
}
