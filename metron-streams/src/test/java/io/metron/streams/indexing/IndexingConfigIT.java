package io.metron.streams.indexing;

import static org.assertj.core.api.Assertions.assertThat;

import io.metron.core.config.ConfigLoader;
import io.metron.search.SearchRequest;
import io.metron.search.lucene.LuceneSearchStore;
import io.metron.streams.PipelineStages;
import io.metron.streams.Platform;
import io.metron.streams.config.LiveConfigs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The indexing config keys on the running platform: a batch waits for its {@code batchSize} (later
 * messages of another sensor overtake it), a partial batch goes after its {@code batchTimeout},
 * {@code index} names the search index, {@code enabled: false} keeps a sensor out of the archive
 * and {@code outputPathFunction} names its archive directory.
 */
class IndexingConfigIT {
  @TempDir Path dir;

  @Test
  void batchSizeTimeoutIndexEnabledAndOutputPathAreHonoured() throws Exception {
    Path conf = dir.resolve("conf");
    sensor(
        conf,
        "held",
        "{\"elasticsearch\": {\"batchSize\": 3, \"batchTimeout\": 3600},"
            + " \"hdfs\": {\"enabled\": false}}");
    sensor(
        conf,
        "named",
        "{\"elasticsearch\": {\"index\": \"custom\"}, \"hdfs\":"
            + " {\"outputPathFunction\": \"FORMAT('by-user/%s', user)\"}}");
    sensor(conf, "trickle", "{\"elasticsearch\": {\"batchSize\": 1000, \"batchTimeout\": 1}}");
    Clock clock = Clock.systemUTC();
    Path data = dir.resolve("data");
    Platform platform =
        new Platform(
            Platform.Settings.of(data, null, 0, 1),
            LiveConfigs.fixed(new ConfigLoader().load(conf)),
            PipelineStages.parsingOnly(clock),
            LuceneSearchStore.open(data.resolve("index")),
            clock,
            "test-host");
    try {
      platform.start();
      try (KafkaProducer<byte[], byte[]> producer = producer(platform.bootstrapServers())) {
        send(producer, "held", "{\"user\": \"h1\"}");
        send(producer, "held", "{\"user\": \"h2\"}");
        producer.flush();
        send(producer, "named", "{\"user\": \"alice\"}");
        send(producer, "trickle", "{\"user\": \"t1\"}");
        producer.flush();
        assertThat(await(data, "source.type:named", 1)).isEqualTo(1);
        assertThat(await(data, "source.type:trickle", 1))
            .as("a partial batch of 1 of 1000 goes after its 1 s batchTimeout")
            .isEqualTo(1);
        assertThat(count(data, "source.type:held"))
            .as("2 of a batch of 3 still wait, though a later message is searchable")
            .isZero();
        send(producer, "held", "{\"user\": \"h3\"}");
        producer.flush();
        assertThat(await(data, "source.type:held", 3)).isEqualTo(3);
      }
      try (LuceneSearchStore store = LuceneSearchStore.openReadOnly(data.resolve("index"))) {
        assertThat(store.search(SearchRequest.of("source.type:named", 1)).hits().getFirst().index())
            .startsWith("custom_index_");
      }
      Path byUser = data.resolve("archive/by-user/alice");
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (System.nanoTime() < deadline && !hasFiles(byUser)) {
        Thread.sleep(200);
      }
      assertThat(hasFiles(byUser)).as("archive files under %s", byUser).isTrue();
      assertThat(data.resolve("archive/held")).doesNotExist();
    } finally {
      platform.close();
    }
  }

  /** Writes a JSON-map sensor's parser config and its indexing config under {@code conf}. */
  static void sensor(Path conf, String sensor, String indexing) throws Exception {
    Files.createDirectories(conf.resolve("parsers"));
    Files.createDirectories(conf.resolve("indexing"));
    Files.writeString(
        conf.resolve("parsers/" + sensor + ".json"),
        "{\"parserClassName\": \"org.apache.metron.parsers.json.JSONMapParser\"}");
    Files.writeString(conf.resolve("indexing/" + sensor + ".json"), indexing);
  }

  private static boolean hasFiles(Path dir) throws Exception {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.findAny().isPresent();
    }
  }

  private static long await(Path data, String query, long atLeast) throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    long n = 0;
    while (System.nanoTime() < deadline && (n = count(data, query)) < atLeast) {
      Thread.sleep(100);
    }
    return n;
  }

  private static long count(Path data, String query) {
    try (LuceneSearchStore store = LuceneSearchStore.openReadOnly(data.resolve("index"))) {
      return store.search(SearchRequest.of(query, 0)).total();
    } catch (Exception e) {
      return 0; // an index being created between listing and opening; look again
    }
  }

  private static void send(KafkaProducer<byte[], byte[]> producer, String topic, String json) {
    producer.send(new ProducerRecord<>(topic, json.getBytes(StandardCharsets.UTF_8)));
  }

  private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }
}
