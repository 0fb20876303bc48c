package io.metron.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.metron.core.config.ConfigLoader;
import io.metron.core.config.Configs;
import io.metron.search.SearchRequest;
import io.metron.search.SearchResponse;
import io.metron.search.lucene.LuceneSearchStore;
import io.metron.streams.config.LiveConfigs;
import io.metron.streams.demo.BroDemoEvents;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole flow on real parts: embedded KRaft broker, Kafka Streams, Lucene. */
class PlatformIT {
  @TempDir Path dir;

  @Test
  void everyProducedEventReachesTheIndexAndBadJsonBecomesAnErrorDocument() throws Exception {
    Path conf = dir.resolve("conf");
    Files.createDirectories(conf.resolve("parsers"));
    Files.writeString(
        conf.resolve("parsers/bro.json"),
        "{\"parserClassName\": \"org.apache.metron.parsers.bro.BasicBroParser\", \"sensorTopic\":"
            + " \"bro\"}");
    Configs configs = new ConfigLoader().load(conf);
    Clock clock = Clock.systemUTC();
    Path index = dir.resolve("data/index");
    int events = 500;
    Platform platform =
        new Platform(
            Platform.Settings.of(dir.resolve("data"), null, 0, 2),
            LiveConfigs.fixed(configs),
            PipelineStages.parsingOnly(clock),
            LuceneSearchStore.open(index),
            clock,
            "test-host");
    try {
      platform.start();
      Set<String> uids = new HashSet<>();
      List<Future<RecordMetadata>> acks = new ArrayList<>();
      try (KafkaProducer<byte[], byte[]> producer = producer(platform.bootstrapServers())) {
        BroDemoEvents demo = new BroDemoEvents(42);
        for (int i = 0; i < events; i++) {
          byte[] event = demo.next(clock.millis());
          uids.add(
              new String(event, StandardCharsets.UTF_8)
                  .replaceAll(".*\"uid\":\"([^\"]+)\".*", "$1"));
          acks.add(producer.send(new ProducerRecord<>("bro", event)));
        }
        acks.add(
            producer.send(
                new ProducerRecord<>(
                    "bro", "{\"conn\": {\"ts\": ".getBytes(StandardCharsets.UTF_8))));
      }
      for (Future<RecordMetadata> ack : acks) {
        ack.get(
            60, TimeUnit.SECONDS); // a record the test failed to send is not one the platform lost
      }
      assertThat(uids).hasSize(events);

      try (LuceneSearchStore reader = LuceneSearchStore.openReadOnly(index)) {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline
            && reader.search(SearchRequest.of("*", 0)).total() < events + 1) {
          Thread.sleep(250);
        }
        assertThat(reader.search(SearchRequest.of("source.type:bro", 0)).total()).isEqualTo(events);
        SearchResponse all =
            reader.search(SearchRequest.of("source.type:bro", SearchRequest.MAX_SIZE));
        Set<Object> indexedUids = new HashSet<>();
        all.hits().forEach(h -> indexedUids.add(h.source().get("uid")));
        assertThat(indexedUids).isEqualTo(uids);
        assertThat(all.hits().getFirst().source())
            .containsKeys("ip_src_addr", "ip_dst_addr", "timestamp", "guid", "original_string");

        SearchResponse errors = reader.search(SearchRequest.of("source.type:error", 10));
        assertThat(errors.total()).isEqualTo(1);
        Map<String, Object> error = errors.hits().getFirst().source();
        assertThat(error)
            .containsEntry("error_type", "parser_error")
            .containsEntry("failed_sensor_type", "bro")
            .containsEntry("raw_message", "{\"conn\": {\"ts\": ");
        assertThat(errors.hits().getFirst().index()).startsWith("error_index_");
      }
      assertThat(platform.metrics().snapshot())
          .containsEntry("metron_parse_received_total{sensor=\"bro\"}", (double) events + 1)
          .containsEntry("metron_parse_total{sensor=\"bro\",outcome=\"parsed\"}", (double) events)
          .containsEntry("metron_parse_total{sensor=\"bro\",outcome=\"error\"}", 1.0)
          .containsEntry("metron_enrich_total{outcome=\"enriched\"}", (double) events)
          .containsEntry("metron_indexed_total{writer=\"search\"}", (double) events + 1);
      Path archive = dir.resolve("data/archive/bro");
      long archiveDeadline = System.nanoTime() + 60_000_000_000L;
      while (!Files.isDirectory(archive) && System.nanoTime() < archiveDeadline) {
        Thread.sleep(250);
      }
      assertThat(archive).as("the archive writer's output for bro").isDirectory();
      assertThat(platform.metrics().prometheus())
          .contains("# TYPE metron_end_to_end_latency_seconds histogram");
    } finally {
      platform.close();
    }
  }

  static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    // one request in flight: a retried batch cannot be overtaken by the next (an
    // OUT_OF_ORDER_SEQUENCE on a partition just created lost this test's events once)
    props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
    return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }
}
