package io.metron.streams.indexing;

import static org.assertj.core.api.Assertions.assertThat;

import io.metron.core.config.ConfigLoader;
import io.metron.core.config.Configs;
import io.metron.search.Incoming;
import io.metron.search.SearchRequest;
import io.metron.search.lucene.LuceneSearchStore;
import io.metron.streams.Topics;
import io.metron.streams.broker.EmbeddedKafka;
import io.metron.streams.metrics.Metrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once into the search index with the add-without-replace fast path: a writer that dies
 * after the store committed but before its offsets did (the crash the replay exists for) leaves
 * records that the next writer reads again; those must replace their documents, not add second
 * copies, while records past what the store holds are added without a replace.
 */
class ReplayAfterCrashIT {
  @TempDir Path dir;

  private static final int FIRST = 200;
  private static final int SECOND = 100;

  @Test
  void aBatchReplayedAfterACrashLeavesOneDocumentPerGuid() throws Exception {
    Files.createDirectories(dir.resolve("conf"));
    Configs configs = new ConfigLoader().load(dir.resolve("conf"));
    Clock clock = Clock.systemUTC();
    Path index = dir.resolve("index");
    try (EmbeddedKafka broker = new EmbeddedKafka(dir.resolve("kafka"), 0)) {
      String bootstrap = broker.start();
      Topics.ensure(bootstrap, List.of(Topics.INDEXING), 2);
      try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
        send(producer, 0, FIRST);
      }

      long storedAtCrash;
      try (LuceneSearchStore store = LuceneSearchStore.open(index)) {
        IndexingWriter first = writer(bootstrap, crashingAfterCommit(store), configs, clock, "a");
        Thread thread = Thread.ofPlatform().start(first);
        thread.join(120_000);
        assertThat(first.failure()).hasMessageContaining("simulated crash");
        storedAtCrash = store.search(SearchRequest.of("*", 0)).total();
      }
      assertThat(storedAtCrash)
          .as("the dead writer's store commit holds records whose offsets were never committed")
          .isPositive();

      try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
        send(producer, FIRST, SECOND);
      }
      Metrics metrics = new Metrics();
      try (LuceneSearchStore store = LuceneSearchStore.open(index)) {
        IndexingWriter second =
            new IndexingWriter(
                bootstrap,
                List.of(
                    new IndexingWriter.Output(IndexingWriter.Kind.SEARCH, BatchWriter.of(store))),
                () -> configs,
                clock,
                "test-host",
                Duration.ofMillis(200),
                "b",
                metrics);
        Thread thread = Thread.ofPlatform().start(second);
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline && second.indexed() < FIRST + SECOND) {
          Thread.sleep(100);
        }
        second.close();
        thread.join(60_000);
        assertThat(second.failure()).isNull();
        assertThat(second.indexed()).as("the replay and the new records").isEqualTo(FIRST + SECOND);
        assertThat(store.search(SearchRequest.of("*", 0)).total()).isEqualTo(FIRST + SECOND);
        for (int i = 0; i < FIRST + SECOND; i++) {
          assertThat(store.search(SearchRequest.of("guid:g" + i, 0)).total())
              .as("documents with guid g%d", i)
              .isEqualTo(1);
        }
      }
      assertThat(
              metrics
                  .snapshot()
                  .get("metron_indexed_new_guid_total{writer=\"search\"}")
                  .longValue())
          .as("only the records the store did not hold were added without a replace")
          .isEqualTo(FIRST + SECOND - storedAtCrash);
    }
  }

  private static IndexingWriter writer(
      String bootstrap, BatchWriter store, Configs configs, Clock clock, String instance) {
    return new IndexingWriter(
        bootstrap,
        List.of(new IndexingWriter.Output(IndexingWriter.Kind.SEARCH, store)),
        () -> configs,
        clock,
        "test-host",
        Duration.ofMillis(200),
        instance,
        new Metrics());
  }

  /** The store, committed, and then the process "dies" before the writer commits its offsets. */
  private static BatchWriter crashingAfterCommit(LuceneSearchStore store) {
    BatchWriter real = BatchWriter.of(store);
    return new BatchWriter() {
      @Override
      public void write(SensorSettings settings, List<Incoming> messages) throws IOException {
        real.write(settings, messages);
      }

      @Override
      public void commit() throws IOException {
        real.commit();
        throw new IOException("simulated crash after the store commit");
      }

      @Override
      public Optional<Map<String, Long>> storedPositions() throws IOException {
        return real.storedPositions();
      }
    };
  }

  /** Messages g{from}.. with guids the pipeline derived, as the fused parse step marks them. */
  private static void send(KafkaProducer<byte[], byte[]> producer, int from, int count) {
    for (int i = from; i < from + count; i++) {
      String json =
          "{\"guid\":\"g"
              + i
              + "\",\"source.type\":\"bro\",\"timestamp\":"
              + (1_764_288_000_000L + i)
              + "}";
      ProducerRecord<byte[], byte[]> record =
          new ProducerRecord<>(Topics.INDEXING, i % 2, null, json.getBytes(StandardCharsets.UTF_8));
      record.headers().add(IndexingWriter.DERIVED_GUID_HEADER, new byte[] {1});
      producer.send(record);
    }
    producer.flush();
  }

  private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }
}
