package io.metron.streams.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metron.pipeline.enrich.LookupKey;
import io.metron.pipeline.load.CsvExtractor;
import io.metron.pipeline.load.FlatFileLoader;
import io.metron.pipeline.load.LoadProgress;
import io.metron.pipeline.load.TableRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TablesTest {
  @TempDir Path data;

  private static TableRow row(String type, String indicator, Map<String, Object> value) {
    return new TableRow(new LookupKey(type, indicator), value);
  }

  @Test
  void rowsWrittenAreReadBackWithTheirValues() throws IOException {
    try (TableStore store = TableStore.openForWriting(data)) {
      store.write(
          List.of(
              row("malicious_ip", "203.0.113.9", Map.of("source", "abuse.ch", "score", 7L)),
              row("asset", "10.0.0.5", Map.of("owner", "it"))));
      assertThat(store.get("malicious_ip", "203.0.113.9"))
          .isEqualTo(Map.of("source", "abuse.ch", "score", 7L));
      assertThat(store.get("malicious_ip", "10.0.0.5")).as("type is part of the key").isNull();
      assertThat(store.exists("asset", "10.0.0.5")).isTrue();
      assertThat(
              store.getAll(
                  List.of(
                      new LookupKey("asset", "10.0.0.5"),
                      new LookupKey("asset", "nope"),
                      new LookupKey("malicious_ip", "203.0.113.9"))))
          .extracting(m -> m == null ? null : m.keySet())
          .containsExactly(java.util.Set.of("owner"), null, java.util.Set.of("source", "score"));
    }
    assertThat(Files.isDirectory(data.resolve("tables"))).isTrue();
  }

  @Test
  void aRunningReaderSeesALoadWithoutRestart() throws Exception {
    try (Tables tables = Tables.open(data, 1_000, Duration.ofHours(1))) {
      assertThat(tables.get("malicious_ip", "198.51.100.1")).isNull(); // cached as missing
      try (TableStore writer = TableStore.openForWriting(data)) {
        writer.write(List.of(row("malicious_ip", "198.51.100.1", Map.of("source", "feed"))));
        tables.refresh();
        assertThat(tables.get("malicious_ip", "198.51.100.1")).isEqualTo(Map.of("source", "feed"));
        writer.write(List.of(row("malicious_ip", "198.51.100.1", Map.of("source", "newer"))));
      }
      tables.refresh();
      assertThat(tables.get("malicious_ip", "198.51.100.1")).isEqualTo(Map.of("source", "newer"));
      assertThat(
              tables.getAll(
                  List.of(
                      new LookupKey("malicious_ip", "198.51.100.1"),
                      new LookupKey("malicious_ip", "x"))))
          .containsExactly(Map.of("source", "newer"), null);
    }
  }

  @Test
  void aBackgroundRefreshPicksUpWritesOnItsOwn() throws Exception {
    try (Tables tables = Tables.open(data, 1_000, Duration.ofMillis(50));
        TableStore writer = TableStore.openForWriting(data)) {
      assertThat(tables.exists("t", "i")).isFalse();
      writer.write(List.of(row("t", "i", Map.of())));
      boolean seen = false;
      for (int i = 0; i < 200 && !seen; i++) {
        Thread.sleep(50);
        seen = tables.exists("t", "i");
      }
      assertThat(seen).as("the reader caught up with the writer").isTrue();
    }
  }

  @Test
  void anAnswerReadBeforeARefreshIsNotCachedAfterIt() throws Exception {
    // A reader whose first read of the indicator pauses after reading, as a lookup on another
    // thread can be overtaken by the refresh that brings the row in.
    Map<String, Object> row = Map.of("source", "watchlist");
    Map<String, Map<String, Object>> rows = new ConcurrentHashMap<>();
    CountDownLatch reading = new CountDownLatch(1);
    CountDownLatch resume = new CountDownLatch(1);
    AtomicBoolean pause = new AtomicBoolean(true);
    AtomicBoolean changed = new AtomicBoolean();
    TableReader reader =
        new TableReader() {
          @Override
          public Map<String, Object> get(String type, String indicator) {
            Map<String, Object> found = rows.get(indicator);
            if (pause.getAndSet(false)) {
              reading.countDown();
              try {
                resume.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            return found;
          }

          @Override
          public boolean catchUp() {
            return changed.getAndSet(false);
          }

          @Override
          public void close() {}
        };
    try (Tables tables = new Tables(reader, 1_000, Duration.ofHours(1))) {
      Thread lookup = Thread.ofPlatform().start(() -> tables.get("malicious_ip", "10.0.0.7"));
      reading.await();
      rows.put("10.0.0.7", row); // loaded while the lookup holds its (missing) answer
      changed.set(true);
      tables.refresh();
      resume.countDown();
      lookup.join();
      assertThat(tables.get("malicious_ip", "10.0.0.7"))
          .as("the row loaded before the refresh, not the miss read before it")
          .isEqualTo(row);
    }
  }

  @Test
  void onlyOneWriterAtATime() throws IOException {
    try (TableStore first = TableStore.openForWriting(data)) {
      assertThatThrownBy(() -> TableStore.openForWriting(data))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("another `metron load`");
    }
  }

  @Test
  void flatFileLoadIntoTheStoreIsIdempotent() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      lines.add("10.1." + (i / 256) + "." + (i % 256) + ",feed-" + (i % 3));
    }
    Path csv = Files.write(data.resolve("intel.csv"), lines);
    FlatFileLoader.Listener quiet =
        new FlatFileLoader.Listener() {
          @Override
          public void progress(LoadProgress progress) {}

          @Override
          public void badRow(String where, String reason) {}
        };
    for (int run = 0; run < 2; run++) {
      try (TableStore store = TableStore.openForWriting(data)) {
        FlatFileLoader.Summary summary =
            new FlatFileLoader(
                    CsvExtractor.create(
                        Map.of(
                            "columns", Map.of("ip", 0, "source", 1),
                            "indicator_column", "ip",
                            "type", "malicious_ip")),
                    store,
                    quiet)
                .load(new FlatFileLoader.Options(List.of(csv), false, 2, 500));
        assertThat(summary.rows()).isEqualTo(5_000);
      }
    }
    try (TableStore reader = TableStore.openForReading(data)) {
      assertThat(reader.get("malicious_ip", "10.1.19.135"))
          .isEqualTo(Map.of("ip", "10.1.19.135", "source", "feed-1"));
    }
  }
}
