package io.metron.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.metron.search.SearchRequest;
import io.metron.search.SearchResponse;
import io.metron.search.lucene.LuceneSearchStore;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the real program with SIGKILL while events flow, restarts it on the same data directory,
 * and checks that every event is in the index exactly once.
 */
class CrashRecoveryIT {
  private static final int EVENTS = 40_000;

  @TempDir Path dir;

  @Test
  void aKilledPlatformRestartsWithoutLosingOrDuplicatingEvents() throws Exception {
    Path conf = dir.resolve("conf");
    Files.createDirectories(conf.resolve("parsers"));
    Files.writeString(
        conf.resolve("parsers/bro.json"),
        "{\"parserClassName\": \"org.apache.metron.parsers.bro.BasicBroParser\", \"sensorTopic\":"
            + " \"bro\"}");
    Path data = dir.resolve("data");
    int port = freePort();

    Process first = start(conf, data, port);
    try {
      awaitReady(first, 1);
      try (KafkaProducer<byte[], byte[]> producer = producer("127.0.0.1:" + port)) {
        for (int i = 0; i < EVENTS; i++) {
          String event =
              "{\"conn\": {\"ts\": 1764300000."
                  + (i % 1000)
                  + ", \"uid\": \"E"
                  + i
                  + "\", \"id.orig_h\": \"10.0.0."
                  + (i % 250)
                  + "\", \"id.orig_p\": 40000, \"id.resp_h\": \"8.8.8.8\", \"id.resp_p\": 53}}";
          producer.send(new ProducerRecord<>("bro", event.getBytes(StandardCharsets.UTF_8)));
        }
        producer.flush();
      }
      long before = awaitCount(data, EVENTS / 8, Duration.ofSeconds(120));
      first.destroyForcibly().waitFor();
      assertThat(first.exitValue()).isEqualTo(137);
      System.out.println("killed with " + before + " of " + EVENTS + " events indexed");
    } finally {
      first.destroyForcibly();
    }

    Process second = start(conf, data, port);
    try {
      awaitReady(second, 2);
      assertThat(awaitCount(data, EVENTS, Duration.ofSeconds(180))).isEqualTo(EVENTS);
      Thread.sleep(3000); // anything replayed late would show up as extra documents by now
      Map<String, Integer> seen = new HashMap<>();
      try (LuceneSearchStore store = LuceneSearchStore.openReadOnly(data.resolve("index"))) {
        assertThat(store.search(SearchRequest.of("*", 0)).total()).isEqualTo(EVENTS);
        for (int from = 0; from < EVENTS; from += SearchRequest.MAX_SIZE) {
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
      assertThat(seen).hasSize(EVENTS);
      assertThat(seen.values()).containsOnly(1);
    } finally {
      second.destroy();
      second.waitFor();
    }
  }

  private Process start(Path conf, Path data, int port) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-Xmx1g");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("io.metron.cli.Main");
    command.addAll(
        List.of(
            "run",
            "--data",
            data.toString(),
            "--config-dir",
            conf.toString(),
            "--kafka-port",
            String.valueOf(port)));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("metron.log").toFile()))
        .start();
  }

  private void awaitReady(Process process, int startsLogged) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError(
            "metron run exited: " + Files.readString(dir.resolve("metron.log")));
      }
      if (Files.exists(dir.resolve("metron.log"))
          && Files.readString(dir.resolve("metron.log")).split("Metron is running", -1).length
              > startsLogged) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "metron run not ready: " + Files.readString(dir.resolve("metron.log")));
  }

  private static long awaitCount(Path data, long atLeast, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    long count = 0;
    while (System.nanoTime() < deadline) {
      try (LuceneSearchStore store = LuceneSearchStore.openReadOnly(data.resolve("index"))) {
        count = store.search(SearchRequest.of("*", 0)).total();
      } catch (Exception e) {
        count = 0; // an index being created between listing and opening; look again
      }
      if (count >= atLeast) {
        return count;
      }
      Thread.sleep(100);
    }
    return count;
  }

  private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "10");
    return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
