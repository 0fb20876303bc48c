package io.metron.streams.indexing;

import static org.assertj.core.api.Assertions.assertThat;

import io.metron.core.config.ConfigLoader;
import io.metron.core.config.Configs;
import io.metron.search.Incoming;
import io.metron.search.SearchRequest;
import io.metron.search.archive.ArchivePolicy;
import io.metron.search.archive.ArchiveReader;
import io.metron.search.archive.ArchiveWriter;
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
import java.util.ArrayList;
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
 * Exactly-once into the search index and the archive: a writer that dies after its outputs
 * committed but before its offsets did (the crash the replay exists for) leaves records that the
 * next writer reads again. In the index those must replace their documents, not add second copies,
 * while records past what the store holds are added without a replace; the archive, which cannot
 * replace, must not get them again at all.
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
      Path archiveDir = dir.resolve("archive");
      try (LuceneSearchStore store = LuceneSearchStore.open(index)) {
        // not closed: the crash leaves its file in progress, as a SIGKILL would
        ArchiveWriter archive = ArchiveWriter.open(archiveDir, ArchivePolicy.DEFAULT, clock);
        IndexingWriter first =
            writer(
                bootstrap,
                BatchWriter.of(store),
                crashingAfterCommit(BatchWriter.of(archive)),
                configs,
                "a",
                new Metrics());
        Thread thread = Thread.ofPlatform().start(first);
        thread.join(120_000);
        assertThat(first.failure()).hasMessageContaining("simulated crash");
        storedAtCrash = store.search(SearchRequest.of("*", 0)).total();
      }
      assertThat(archived(archiveDir))
          .as("the dead writer's archive flush holds records whose offsets were never committed")
          .isNotEmpty();
      assertThat(storedAtCrash)
          .as("the dead writer's store commit holds records whose offsets were never committed")
          .isPositive();

      try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
        send(producer, FIRST, SECOND);
      }
      Metrics metrics = new Metrics();
      try (LuceneSearchStore store = LuceneSearchStore.open(index);
          ArchiveWriter archive = ArchiveWriter.open(archiveDir, ArchivePolicy.DEFAULT, clock)) {
        IndexingWriter second =
            writer(
                bootstrap, BatchWriter.of(store), BatchWriter.of(archive), configs, "b", metrics);
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
      List<String> guids = archived(archiveDir);
      assertThat(guids).hasSize(FIRST + SECOND).doesNotHaveDuplicates();
    }
  }

  /** The guids of every line in the archive, in progress or sealed. */
  private static List<String> archived(Path archive) throws IOException {
    List<String> guids = new ArrayList<>();
    ArchiveReader.read(archive, List.of(), null, null, m -> true, m -> guids.add(m.guid()));
    return guids;
  }

  /** An indexing writer with the two outputs the platform has, committing every 200 ms. */
  private static IndexingWriter writer(
      String bootstrap,
      BatchWriter search,
      BatchWriter archive,
      Configs configs,
      String instance,
      Metrics metrics) {
    return new IndexingWriter(
        bootstrap,
        List.of(
            new IndexingWriter.Output(IndexingWriter.Kind.SEARCH, search),
            new IndexingWriter.Output(IndexingWriter.Kind.ARCHIVE, archive)),
        () -> configs,
        Clock.systemUTC(),
        "test-host",
        Duration.ofMillis(200),
        instance,
        metrics);
  }

  /** The output, committed, and then the process "dies" before the writer commits its offsets. */
  private static BatchWriter crashingAfterCommit(BatchWriter real) {
    return new BatchWriter() {
      @Override
      public void write(SensorSettings settings, List<Incoming> messages) throws IOException {
        real.write(settings, messages);
      }

      @Override
      public void commit(Map<String, Long> positions) throws IOException {
        real.commit(positions);
        throw new IOException("simulated crash after the output's commit");
      }

      @Override
      public Optional<Map<String, Long>> storedPositions() throws IOException {
        return real.storedPositions();
      }

      @Override
      public Optional<Map<String, Long>> committedPositions() throws IOException {
        return real.committedPositions();
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
