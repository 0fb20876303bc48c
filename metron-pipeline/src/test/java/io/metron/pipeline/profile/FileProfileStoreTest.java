package io.metron.pipeline.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
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
}
