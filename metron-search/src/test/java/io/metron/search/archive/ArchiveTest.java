package io.metron.search.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.metron.core.message.Message;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveTest {
  private static final long DAY1 = 1_764_288_000_000L; // 2025-11-28T00:00:00Z

  @TempDir Path root;

  private final MutableClock clock = new MutableClock(DAY1);

  private static Message event(int i, String sensor, long ts) {
    return Message.empty()
        .put("guid", sensor + "-" + i)
        .put("source.type", sensor)
        .put("timestamp", ts)
        .put("ip_src_addr", "10.0.0." + (i % 250))
        .put("n", (long) i);
  }

  private List<Message> readAll(List<String> sensors, Instant from, Instant to) throws IOException {
    List<Message> out = new ArrayList<>();
    ArchiveReader.read(root, sensors, from, to, m -> true, out::add);
    return out;
  }

  private List<Path> files(String suffix) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
    }
  }

  @Test
  void anOutputPathNamesTheDirectoryUnderTheRootAndCannotLeaveIt() throws Exception {
    try (ArchiveWriter writer = ArchiveWriter.open(root, ArchivePolicy.DEFAULT, clock)) {
      writer.write("by-host/10.0.0.1", List.of(event(1, "bro", DAY1), event(2, "snort", DAY1)));
      writer.write("", List.of(event(3, "bro", DAY1)));
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> writer.write("../outside", List.of(event(4, "bro", DAY1))))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("../outside");
    }
    assertThat(files(".json.gz"))
        .extracting(p -> root.relativize(p).toString().replaceAll("-\\d{8}T\\d{6}-\\d+", ""))
        .containsExactlyInAnyOrder(
            "by-host/10.0.0.1/bro.json.gz", "by-host/10.0.0.1/snort.json.gz", "bro.json.gz");
    assertThat(root.resolveSibling("outside")).doesNotExist();
  }

  @Test
  void roundTripsBySensorDayAndTimeRangeThroughAPredicate() throws Exception {
    try (ArchiveWriter writer = ArchiveWriter.open(root, ArchivePolicy.DEFAULT, clock)) {
      writer.write(
          List.of(
              event(1, "bro", DAY1 + 1000),
              event(2, "bro", DAY1 + 86_400_000L + 5),
              event(3, "snort", DAY1 + 2000),
              event(4, "bro", DAY1 + 3000)));
    }
    assertThat(files(".json.gz"))
        .extracting(p -> root.relativize(p.getParent()).toString())
        .containsExactlyInAnyOrder("bro/2025/11/28", "bro/2025/11/29", "snort/2025/11/28");
    assertThat(files(".inprogress")).isEmpty();

    assertThat(readAll(List.of(), null, null)).hasSize(4);
    assertThat(readAll(List.of("bro"), null, null))
        .extracting(Message::guid)
        .containsExactly("bro-1", "bro-4", "bro-2");
    assertThat(
            readAll(
                List.of("bro"),
                Instant.ofEpochMilli(DAY1 + 2000),
                Instant.ofEpochMilli(DAY1 + 86_400_000L + 5)))
        .extracting(Message::guid)
        .containsExactly("bro-4");
    List<Message> odd = new ArrayList<>();
    ArchiveReader.Result result =
        ArchiveReader.read(
            root, List.of(), null, null, m -> ((Long) m.get("n")) % 2 == 1, odd::add);
    assertThat(odd).extracting(Message::guid).containsExactlyInAnyOrder("bro-1", "snort-3");
    assertThat(result.matched()).isEqualTo(2);
    assertThat(result.files()).isEqualTo(3);
    assertThat(result.warnings()).isEmpty();
    assertThat(odd.getFirst().get("ip_src_addr")).isEqualTo("10.0.0.1");
  }

  @Test
  void rotatesBySizeAndByAge() throws Exception {
    try (ArchiveWriter writer =
        ArchiveWriter.open(root, new ArchivePolicy(2_000, Duration.ofMinutes(10)), clock)) {
      for (int i = 0; i < 400; i++) {
        writer.write(List.of(event(i, "bro", DAY1 + i)));
        if (i % 50 == 0) {
          writer.flush();
        }
      }
      writer.flush();
      int bySize = files(".json.gz").size();
      assertThat(bySize).isGreaterThan(1);

      writer.write(List.of(event(1000, "yaf", DAY1)));
      writer.flush();
      assertThat(files(".inprogress")).hasSize(2);
      clock.advance(Duration.ofMinutes(11));
      writer.flush();
      assertThat(files(".inprogress")).isEmpty();
    }
    assertThat(readAll(List.of(), null, null)).hasSize(401);
  }

  @Test
  void aCrashKeepsWhatWasFlushedAndATornFileIsSkippedWithAWarning() throws Exception {
    ArchiveWriter crashed = ArchiveWriter.open(root, ArchivePolicy.DEFAULT, clock);
    for (int i = 0; i < 100; i++) {
      crashed.write(List.of(event(i, "bro", DAY1 + i)));
    }
    crashed.flush();
    crashed.write(List.of(event(100, "bro", DAY1 + 100))); // never flushed: lost in the crash
    Path inProgress = files(".inprogress").getFirst();
    // A torn write: a few stray bytes after the last flush.
    Files.write(inProgress, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);

    // While it is in progress a reader sees what was flushed.
    assertThat(readAll(List.of("bro"), null, null)).hasSize(100);

    try (ArchiveWriter restarted = ArchiveWriter.open(root, ArchivePolicy.DEFAULT, clock)) {
      assertThat(files(".inprogress")).isEmpty();
      assertThat(files(".json.gz")).hasSize(1);
      restarted.write(List.of(event(200, "bro", DAY1 + 200)));
    }
    assertThat(readAll(List.of("bro"), null, null)).hasSize(101);

    // A sealed file damaged on disk: read up to the damage, the rest reported.
    Path sealed = files(".json.gz").getFirst();
    try (RandomAccessFile f = new RandomAccessFile(sealed.toFile(), "rw")) {
      f.setLength(f.length() / 2);
    }
    List<Message> out = new ArrayList<>();
    ArchiveReader.Result result =
        ArchiveReader.read(root, List.of(), null, null, m -> true, out::add);
    assertThat(result.warnings()).hasSize(1);
    assertThat(result.warnings().getFirst())
        .contains(sealed.getFileName().toString())
        .contains("the rest of the file was skipped");
    assertThat(out.size()).isLessThan(101);
  }

  @Test
  void aCrashAfterTheDataWasSyncedButBeforeItsCheckpointKeepsOnlyWhatTheCheckpointCounts()
      throws Exception {
    ArchiveWriter crashed = ArchiveWriter.open(root, ArchivePolicy.DEFAULT, clock);
    for (int i = 0; i < 100; i++) {
      crashed.write(List.of(event(i, "bro", DAY1 + i)));
    }
    crashed.flush(Map.of("indexing-0", 100L));
    Path first = checkpoints().getFirst();
    byte[] firstCheckpoint = Files.readAllBytes(first);
    for (int i = 100; i < 150; i++) {
      crashed.write(List.of(event(i, "bro", DAY1 + i)));
    }
    crashed.flush(Map.of("indexing-0", 150L));
    assertThat(checkpoints()).hasSize(1).doesNotContain(first);
    // The crash came while the second checkpoint was written: it is torn, the first one is back.
    Path second = checkpoints().getFirst();
    byte[] whole = Files.readAllBytes(second);
    Files.write(second, java.util.Arrays.copyOf(whole, whole.length / 2));
    Files.write(first, firstCheckpoint);

    try (ArchiveWriter restarted = ArchiveWriter.open(root, ArchivePolicy.DEFAULT, clock)) {
      assertThat(restarted.positions()).isEqualTo(Map.of("indexing-0", 100L));
      assertThat(files(".inprogress")).isEmpty();
      restarted.write(List.of(event(100, "bro", DAY1 + 100)));
      restarted.flush(Map.of("indexing-1", 7L));
      assertThat(restarted.positions())
          .as("a partition the flush did not name keeps its position")
          .isEqualTo(Map.of("indexing-0", 100L, "indexing-1", 7L));
    }
    // the 50 lines after the first checkpoint were dropped: the input replays them
    assertThat(readAll(List.of("bro"), null, null)).hasSize(101);
    try (ArchiveWriter again = ArchiveWriter.open(root, ArchivePolicy.DEFAULT, clock)) {
      assertThat(again.positions()).isEqualTo(Map.of("indexing-0", 100L, "indexing-1", 7L));
    }
  }

  @Test
  void aFileRotatedSinceTheLastFlushIsNotSealedBeforeTheNextOne() throws Exception {
    ArchiveWriter crashed =
        ArchiveWriter.open(root, new ArchivePolicy(2_000, Duration.ofMinutes(10)), clock);
    crashed.write(List.of(event(0, "bro", DAY1)));
    crashed.flush();
    for (int i = 1; i < 200; i++) {
      crashed.write(List.of(event(i, "bro", DAY1 + i))); // rotates several times
    }
    assertThat(files(".json.gz")).as("nothing sealed that no flush acknowledged").isEmpty();

    try (ArchiveWriter restarted = ArchiveWriter.open(root, ArchivePolicy.DEFAULT, clock)) {
      assertThat(files(".inprogress")).isEmpty();
    }
    assertThat(readAll(List.of("bro"), null, null)).hasSize(1);
  }

  private List<Path> checkpoints() throws IOException {
    try (Stream<Path> list = Files.list(root)) {
      return list.filter(p -> p.getFileName().toString().startsWith(ArchiveCheckpoint.PREFIX))
          .sorted()
          .toList();
    }
  }

  @Test
  void readingAMissingArchiveFindsNothing() throws Exception {
    List<Message> out = new ArrayList<>();
    ArchiveReader.Result result =
        ArchiveReader.read(root.resolve("none"), List.of("bro"), null, null, m -> true, out::add);
    assertThat(result.files()).isZero();
    assertThat(out).isEmpty();
  }

  /** A clock the test moves by hand. */
  private static final class MutableClock extends Clock {
    private long now;

    MutableClock(long now) {
      this.now = now;
    }

    void advance(Duration d) {
      now += d.toMillis();
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(now);
    }
  }
}
