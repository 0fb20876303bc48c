package io.metron.streams.ingest.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.metron.streams.ingest.RecordingSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Following, rotation and restart, with Kafka replaced by a recording sink. */
class FileTailEdgeTest {
  @TempDir Path dir;

  private Path log() {
    return dir.resolve("app.log");
  }

  private Path state() {
    return dir.resolve("state");
  }

  private FileTailEdge edge(RecordingSink sink) throws IOException {
    FileTailEdge edge =
        new FileTailEdge(new TailSpec(log(), "app"), sink, state(), Duration.ofMillis(20), 100);
    edge.start();
    return edge;
  }

  private static void append(Path file, String text) throws IOException {
    Files.writeString(
        file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private static List<String> lines(String prefix, int from, int to) {
    return IntStream.range(from, to).mapToObj(i -> prefix + " line " + i).toList();
  }

  private static String text(List<String> lines) {
    return String.join("\n", lines) + "\n";
  }

  /** Waits until the sink holds {@code count} events, then a little longer for extras. */
  private static List<String> await(RecordingSink sink, int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (sink.texts().size() < count && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    Thread.sleep(150);
    return sink.texts();
  }

  @Test
  void waitsForTheFileThenFollowsItHoldingAPartialLineUntilItsNewlineArrives() throws Exception {
    RecordingSink sink = new RecordingSink();
    try (FileTailEdge edge = edge(sink)) {
      Thread.sleep(100);
      append(log(), "first\r\n\nsecond\nthird wit");
      assertThat(await(sink, 2)).containsExactly("first", "second");
      append(log(), "hout a break yet\n");
      assertThat(await(sink, 3)).containsExactly("first", "second", "third without a break yet");
      assertThat(edge.stats().getFirst().written()).isEqualTo(3);
    }
    TailPosition saved = TailPosition.load(dir.resolve("state").resolve(stateName()));
    assertThat(saved.offset()).isEqualTo(Files.size(log()));
    try (var files = Files.list(state())) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  private String stateName() throws IOException {
    try (var files = Files.list(state())) {
      return files.findFirst().orElseThrow().getFileName().toString();
    }
  }

  @Test
  void followsRenameAndCreateRotationFinishingTheOldFileFirst() throws Exception {
    RecordingSink sink = new RecordingSink();
    List<String> expected = new ArrayList<>(lines("old", 0, 50));
    try (FileTailEdge edge = edge(sink)) {
      append(log(), text(lines("old", 0, 50)));
      await(sink, 50);
      Path rotated = dir.resolve("app.log.1");
      Files.move(log(), rotated);
      // The writer has not reopened yet: it finishes its last lines in the renamed file, the
      // very last one without a newline.
      append(rotated, "old late line\nold unterminated");
      expected.add("old late line");
      expected.add("old unterminated");
      append(log(), text(lines("new", 0, 30)));
      expected.addAll(lines("new", 0, 30));
      assertThat(await(sink, expected.size())).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void followsCopyTruncateRotation() throws Exception {
    RecordingSink sink = new RecordingSink();
    try (FileTailEdge edge = edge(sink)) {
      append(log(), text(lines("before", 0, 40)));
      await(sink, 40);
      Files.copy(log(), dir.resolve("app.log.1"));
      try (var ch = Files.newByteChannel(log(), StandardOpenOption.WRITE)) {
        ch.truncate(0);
      }
      Thread.sleep(200);
      append(log(), text(lines("after", 0, 5)));
      List<String> expected = new ArrayList<>(lines("before", 0, 40));
      expected.addAll(lines("after", 0, 5));
      assertThat(await(sink, 45)).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void resumesAfterARestartWithoutResendingAcknowledgedLines() throws Exception {
    RecordingSink first = new RecordingSink();
    try (FileTailEdge edge = edge(first)) {
      append(log(), text(lines("a", 0, 20)) + "half of a li");
      assertThat(await(first, 20)).containsExactlyElementsOf(lines("a", 0, 20));
    }
    append(log(), "ne\n" + text(lines("b", 0, 10)));
    RecordingSink second = new RecordingSink();
    try (FileTailEdge edge = edge(second)) {
      List<String> expected = new ArrayList<>(List.of("half of a line"));
      expected.addAll(lines("b", 0, 10));
      assertThat(await(second, 11)).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void onRestartFinishesAFileRotatedWhileStoppedThenReadsTheNewOne() throws Exception {
    RecordingSink first = new RecordingSink();
    try (FileTailEdge edge = edge(first)) {
      append(log(), text(lines("a", 0, 10)));
      await(first, 10);
    }
    append(log(), text(lines("a", 10, 15)));
    Files.move(log(), dir.resolve("app.log.2024-05-01"));
    append(log(), text(lines("b", 0, 5)));
    RecordingSink second = new RecordingSink();
    try (FileTailEdge edge = edge(second)) {
      List<String> expected = new ArrayList<>(lines("a", 10, 15));
      expected.addAll(lines("b", 0, 5));
      assertThat(await(second, 10)).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void onRestartRecognisesAFileTruncatedAndRefilledInPlace() throws Exception {
    RecordingSink first = new RecordingSink();
    try (FileTailEdge edge = edge(first)) {
      append(log(), text(lines("a", 0, 10)));
      await(first, 10);
    }
    // Same inode, now longer than the saved position, but different content.
    Files.writeString(
        log(), text(lines("replacement", 0, 20)), StandardOpenOption.TRUNCATE_EXISTING);
    RecordingSink second = new RecordingSink();
    try (FileTailEdge edge = edge(second)) {
      assertThat(await(second, 20)).containsExactlyElementsOf(lines("replacement", 0, 20));
    }
  }

  @Test
  void skipsLinesOverTheLimitAndCountsThem() throws Exception {
    RecordingSink sink = new RecordingSink();
    try (FileTailEdge edge = edge(sink)) {
      append(log(), "short\n" + "x".repeat(250));
      Thread.sleep(150);
      append(log(), "x".repeat(2000) + "\nafter\n" + "y".repeat(101) + "\nend\n");
      assertThat(await(sink, 3)).containsExactly("short", "after", "end");
      assertThat(edge.stats().getFirst().oversize()).isEqualTo(2);
    }
  }

  @Test
  void retriesABatchKafkaRefusedSoNoLineIsLost() throws Exception {
    RecordingSink sink = new RecordingSink();
    sink.refuseWhen(v -> true);
    try (FileTailEdge edge = edge(sink)) {
      append(log(), text(lines("r", 0, 5)));
      Thread.sleep(200);
      assertThat(sink.texts()).isEmpty();
      assertThat(edge.stats().getFirst().failed()).isGreaterThanOrEqualTo(5);
      sink.refuseWhen(v -> false);
      assertThat(await(sink, 5)).containsExactlyElementsOf(lines("r", 0, 5));
    }
  }

  @Test
  void stateFileIsReplacedAtomically() throws Exception {
    Path file = dir.resolve("pos.json");
    new TailPosition("/x", "(dev=1,ino=2)", 10, 10, 99).save(file);
    new TailPosition("/x", "(dev=1,ino=2)", 20, 20, 98).save(file);
    assertThat(TailPosition.load(file))
        .isEqualTo(new TailPosition("/x", "(dev=1,ino=2)", 20, 20, 98));
    assertThat(Files.exists(dir.resolve("pos.json.tmp"))).isFalse();
    Files.move(file, dir.resolve("moved.json"), StandardCopyOption.ATOMIC_MOVE);
    assertThat(TailPosition.load(file)).isNull();
  }
}
