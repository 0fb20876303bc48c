package io.metron.pipeline.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileProfileStoreTest {
  @TempDir Path dir;

  private static ProfileMeasurement m(String entity, long period, Object value, String... groups) {
    return new ProfileMeasurement(
        "hits",
        entity,
        new ProfilePeriod(period, 1000),
        List.of((Object[]) groups),
        value,
        Map.of());
  }

  @Test
  void theLastWriteOfAKeyWinsAndGroupsAreExact() throws Exception {
    try (FileProfileStore store = new FileProfileStore(dir)) {
      store.write(List.of(m("a", 1, 10), m("a", 1, 20, "x"), m("b", 1, List.of(1, 2))));
      store.write(List.of(m("a", 1, 11)));
      ProfilePeriod p = new ProfilePeriod(1, 1000);
      assertThat(store.read("hits", "a", p, List.of()).orElseThrow().value()).isEqualTo(11);
      assertThat(store.read("hits", "a", p, List.of("x")).orElseThrow().value()).isEqualTo(20);
      assertThat(store.read("hits", "b", p, List.of()).orElseThrow().value())
          .isEqualTo(List.of(1, 2));
      assertThat(store.read("hits", "a", new ProfilePeriod(2, 1000), List.of())).isEmpty();
      assertThat(store.read("other", "a", p, List.of())).isEmpty();
    }
  }

  @Test
  void aLineTornByACrashIsSkippedAndNotGluedToTheNext() throws Exception {
    FileProfileStore store = new FileProfileStore(dir);
    store.write(List.of(m("a", 1, 10)));
    Path file;
    try (var files = Files.walk(dir)) {
      file = files.filter(Files::isRegularFile).findFirst().orElseThrow();
    }
    Files.writeString(
        file, "{\"entity\":\"a\",\"gro", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    FileProfileStore reader = new FileProfileStore(dir);
    assertThat(
            reader.read("hits", "a", new ProfilePeriod(1, 1000), List.of()).orElseThrow().value())
        .isEqualTo(10);
    store.write(List.of(m("b", 1, 5)));
    assertThat(
            reader.read("hits", "b", new ProfilePeriod(1, 1000), List.of()).orElseThrow().value())
        .isEqualTo(5);
    assertThat(
            reader.read("hits", "a", new ProfilePeriod(1, 1000), List.of()).orElseThrow().value())
        .isEqualTo(10);
  }

  private static ProfileMeasurement expiring(String entity, long period, Object value, Long days) {
    return new ProfileMeasurement(
        "hits", entity, new ProfilePeriod(period, 1000), List.of(), value, Map.of(), days);
  }

  @Test
  void expiredMeasurementsAreHiddenThenTheirFilesDeleted() throws Exception {
    long day = 86_400_000L;
    AtomicLong now = new AtomicLong(1_000_000_000_000L);
    InstantSource clock = () -> Instant.ofEpochMilli(now.get());
    FileProfileStore store = new FileProfileStore(dir, clock);
    FileProfileStore reader = new FileProfileStore(dir, clock);
    // period 1: one measurement that expires after 2 days, one kept forever; period 2: expiring
    store.write(List.of(expiring("a", 1, 10, 2L), expiring("b", 1, 20, null)));
    store.write(List.of(expiring("a", 2, 30, 2L)));
    ProfilePeriod p1 = new ProfilePeriod(1, 1000);
    ProfilePeriod p2 = new ProfilePeriod(2, 1000);
    now.addAndGet(2 * day - 1);
    assertThat(reader.read("hits", "a", p1, List.of())).isPresent();
    assertThat(reader.read("hits", "a", p2, List.of()).orElseThrow().value()).isEqualTo(30);
    assertThat(store.purgeExpired()).isEqualTo(new FileProfileStore.Purged(0, 0, 0));

    now.addAndGet(1);
    assertThat(reader.read("hits", "a", p1, List.of())).isEmpty();
    assertThat(reader.read("hits", "a", p2, List.of())).isEmpty();
    assertThat(reader.read("hits", "b", p1, List.of()).orElseThrow().value()).isEqualTo(20);
    FileProfileStore.Purged purged = store.purgeExpired();
    assertThat(purged.files()).isEqualTo(1);
    assertThat(purged.measurements()).isEqualTo(1);
    try (var files = Files.walk(dir)) {
      assertThat(files.filter(Files::isRegularFile).map(f -> f.getFileName().toString()))
          .containsExactly("1-1000.jsonl");
    }
    // a period written anew after its file was deleted reads back, also to a reader that had it
    store.write(List.of(expiring("c", 2, 40, 2L)));
    assertThat(reader.read("hits", "c", p2, List.of()).orElseThrow().value()).isEqualTo(40);
    assertThat(reader.read("hits", "a", p2, List.of())).isEmpty();
  }
}
