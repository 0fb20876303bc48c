package io.metron.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.metron.search.SearchRequest;
import io.metron.search.SearchResponse;
import io.metron.search.lucene.LuceneSearchStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the real program with SIGKILL several times while events flow, restarts it on the same data
 * directory each time, and checks that every event is in the index exactly once.
 */
class CrashRecoveryIT {
  private static final int EVENTS = 40_000;
  private static final int KILLS = 3;

  @TempDir Path dir;

  @Test
  void aRepeatedlyKilledPlatformLosesAndDuplicatesNothing() throws Exception {
    Path conf = dir.resolve("conf");
    Files.createDirectories(conf.resolve("parsers"));
    Files.writeString(
        conf.resolve("parsers/bro.json"),
        "{\"parserClassName\": \"org.apache.metron.parsers.bro.BasicBroParser\", \"sensorTopic\":"
            + " \"bro\"}");
    Path data = dir.resolve("data");
    String port = String.valueOf(MetronProcess.freePort());
    String[] run = {
      "run",
      "--data",
      data.toString(),
      "--config-dir",
      conf.toString(),
      "--kafka-port",
      port,
      "--no-http"
    };

    MetronProcess metron = MetronProcess.start(dir.resolve("metron.log"), run).awaitReady();
    try (KafkaProducer<byte[], byte[]> producer = MetronProcess.producer("127.0.0.1:" + port)) {
      for (int i = 0; i < EVENTS; i++) {
        producer.send(new ProducerRecord<>("bro", MetronProcess.broEvent(i)));
      }
      producer.flush();
    }
    for (int kill = 1; kill <= KILLS; kill++) {
      long indexed = awaitCount(data, (long) EVENTS * kill / (KILLS + 1), Duration.ofSeconds(120));
      assertThat(metron.kill()).isEqualTo(137);
      System.out.println("kill " + kill + ": " + indexed + " of " + EVENTS + " events indexed");
      metron = MetronProcess.start(dir.resolve("metron-" + kill + ".log"), run).awaitReady();
    }
    try {
      assertThat(awaitCount(data, EVENTS, Duration.ofSeconds(180))).isEqualTo(EVENTS);
      Thread.sleep(3000); // anything replayed late would show up as extra documents by now
      assertThat(count(data)).isEqualTo(EVENTS);
      Map<String, Integer> seen = new HashMap<>();
      collectUids(data, seen);
      assertThat(seen).hasSize(EVENTS);
      assertThat(seen.values()).containsOnly(1);
    } finally {
      metron.stop();
    }
  }

  /** Counts each {@code uid} in the index under {@code data} into {@code seen}. */
  static void collectUids(Path data, Map<String, Integer> seen) throws Exception {
    try (LuceneSearchStore store = LuceneSearchStore.openReadOnly(data.resolve("index"))) {
      long total = store.search(SearchRequest.of("*", 0)).total();
      for (int from = 0; from < total; from += SearchRequest.MAX_SIZE) {
        SearchResponse page =
            store.search(
                new SearchRequest(
                    "*",
                    List.of(),
                    from,
                    SearchRequest.MAX_SIZE,
                    null,
                    null,
                    List.of(new SearchRequest.SortField("uid", true)),
                    List.of("uid"),
                    List.of()));
        page.hits().forEach(h -> seen.merge((String) h.source().get("uid"), 1, Integer::sum));
      }
    }
  }

  static long awaitCount(Path data, long atLeast, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    long count = 0;
    while (System.nanoTime() < deadline) {
      count = count(data);
      if (count >= atLeast) {
        return count;
      }
      Thread.sleep(100);
    }
    return count;
  }

  static long count(Path data) {
    try (LuceneSearchStore store = LuceneSearchStore.openReadOnly(data.resolve("index"))) {
      return store.search(SearchRequest.of("*", 0)).total();
    } catch (Exception e) {
      return 0; // an index being created between listing and opening; look again
    }
  }
}
