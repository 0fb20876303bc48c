package io.metron.pipeline.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metron.pipeline.enrich.LookupKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlatFileLoaderTest {
  @TempDir Path dir;

  private final Map<LookupKey, Map<String, Object>> table = new ConcurrentHashMap<>();
  private final List<String> bad = Collections.synchronizedList(new ArrayList<>());
  private final List<LoadProgress> progress = Collections.synchronizedList(new ArrayList<>());

  private final FlatFileLoader.Listener listener =
      new FlatFileLoader.Listener() {
        @Override
        public void progress(LoadProgress p) {
          progress.add(p);
        }

        @Override
        public void badRow(String where, String reason) {
          bad.add(where + ": " + reason);
        }
      };

  private static Extractor csv() throws LoadException {
    return CsvExtractor.create(
        Map.of(
            "columns",
            Map.of("ip", 0, "source", 1),
            "indicator_column",
            "ip",
            "type",
            "malicious_ip"));
  }

  private Path file(String name, int rows, int badEvery) throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 1; i <= rows; i++) {
      lines.add(
          badEvery > 0 && i % badEvery == 0
              ? "broken-row"
              : "10.0." + (i / 250) + "." + (i % 250) + ",feed");
    }
    return Files.write(dir.resolve(name), lines);
  }

  @Test
  void loadsEveryRowWithSeveralThreadsAndReportsBadRowsWithLineNumbers() throws Exception {
    Path input = file("intel.csv", 10_000, 1_000);
    FlatFileLoader loader =
        new FlatFileLoader(
            csv(), rows -> rows.forEach(r -> table.put(r.key(), r.value())), listener);
    FlatFileLoader.Summary summary =
        loader.load(new FlatFileLoader.Options(List.of(input), false, 4, 128));
    assertThat(summary.rows()).isEqualTo(9_990);
    assertThat(summary.badRows()).isEqualTo(10);
    assertThat(summary.lines()).isEqualTo(10_000);
    assertThat(summary.files()).isEqualTo(1);
    assertThat(summary.bytes()).isEqualTo(Files.size(input));
    assertThat(table)
        .hasSize(9_990)
        .containsEntry(
            new LookupKey("malicious_ip", "10.0.0.1"), Map.of("ip", "10.0.0.1", "source", "feed"));
    assertThat(bad)
        .hasSize(10)
        .contains(input + ":1000: has 1 column(s), the extractor config needs 2");
    assertThat(progress.getLast().fraction()).isEqualTo(1.0);
    assertThat(progress.getLast().rows()).isEqualTo(9_990);
  }

  @Test
  void loadingTheSameFileTwiceLeavesTheSameTable() throws Exception {
    Path input = file("intel.csv", 500, 0);
    FlatFileLoader loader =
        new FlatFileLoader(
            csv(), rows -> rows.forEach(r -> table.put(r.key(), r.value())), listener);
    loader.load(new FlatFileLoader.Options(List.of(input), false, 2, 50));
    Map<LookupKey, Map<String, Object>> first = Map.copyOf(table);
    loader.load(new FlatFileLoader.Options(List.of(input), false, 2, 50));
    assertThat(table).isEqualTo(first);
  }

  @Test
  void directoriesAreReadInNameOrder() throws Exception {
    Path sub = Files.createDirectory(dir.resolve("feeds"));
    Files.writeString(sub.resolve("b.csv"), "1.1.1.2,b\n");
    Files.writeString(sub.resolve("a.csv"), "1.1.1.1,a\n");
    Files.writeString(sub.resolve(".hidden"), "junk\n");
    assertThat(FlatFileLoader.files(List.of(sub)))
        .containsExactly(sub.resolve("a.csv"), sub.resolve("b.csv"));
    assertThatThrownBy(() -> FlatFileLoader.files(List.of(dir.resolve("nope"))))
        .hasMessageContaining("no such file or directory");
  }

  @Test
  void aFailingStoreStopsTheLoadAndSaysWhere() throws Exception {
    Path input = file("intel.csv", 1_000, 0);
    List<TableRow> stored = Collections.synchronizedList(new ArrayList<>());
    RowSink failsAtLine501 =
        rows -> {
          if (rows.getFirst().key().indicator().equals("10.0.2.1")) { // line 501
            throw new IOException("disk full");
          }
          stored.addAll(rows);
        };
    FlatFileLoader loader = new FlatFileLoader(csv(), failsAtLine501, listener);
    assertThatThrownBy(() -> loader.load(new FlatFileLoader.Options(List.of(input), false, 3, 100)))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("stopped at " + input + ":501: disk full")
        .hasMessageContaining("Every row before " + input + ":501 is stored");
    assertThat(stored).extracting(r -> r.key().indicator()).contains("10.0.0.1", "10.0.1.249");
  }

  @Test
  void wholeFileInputIsOneUnit() throws Exception {
    Path input = Files.writeString(dir.resolve("x.txt"), "line one\nline two\n");
    List<String> units = new ArrayList<>();
    FlatFileLoader loader =
        new FlatFileLoader(
            text -> {
              units.add(text);
              return List.of();
            },
            rows -> {},
            listener);
    loader.load(new FlatFileLoader.Options(List.of(input), true, 1, 10));
    assertThat(units).containsExactly("line one\nline two\n");
  }

  @Test
  void progressRendersRateAndEta() {
    LoadProgress p = new LoadProgress(500_000, 500_000, 50, 100, 2_000_000_000L);
    assertThat(p.render(10)).isEqualTo("[#####-----]  50%  500,000 rows  250,000 rows/s  ETA 0:02");
    assertThat(LoadProgress.clock(3725)).isEqualTo("1:02:05");
  }
}
