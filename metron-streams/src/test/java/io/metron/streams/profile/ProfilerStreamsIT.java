package io.metron.streams.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.metron.core.config.ConfigLoader;
import io.metron.core.config.Configs;
import io.metron.core.message.Message;
import io.metron.core.message.MessageCodec;
import io.metron.pipeline.profile.FileProfileStore;
import io.metron.pipeline.profile.ProfilePeriod;
import io.metron.pipeline.profile.ProfileStore;
import io.metron.pipeline.profile.client.ProfileFunctions;
import io.metron.search.archive.ArchivePolicy;
import io.metron.search.archive.ArchiveWriter;
import io.metron.stellar.CompiledExpression;
import io.metron.stellar.FunctionRegistry;
import io.metron.stellar.StellarCompiler;
import io.metron.stellar.StellarContext;
import io.metron.stellar.VariableResolver;
import io.metron.streams.Topics;
import io.metron.streams.broker.EmbeddedKafka;
import io.metron.streams.ingest.TopicReader;
import io.metron.streams.metrics.Metrics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * The streaming profiler on a real embedded broker, with event time and 10-second periods: counts
 * for three entities over two periods, a clean restart in the middle of the second period, the
 * triage messages, and a backfill of the same events from the archive.
 */
class ProfilerStreamsIT {
  @TempDir Path dir;

  private static final long PERIOD = 10_000;
  private static final long BASE = 177_000_000L * PERIOD; // a period start in 2026

  private static final String PROFILES =
      """
      {"timestampField": "timestamp", "profiles": [
        {"profile": "hits", "foreach": "ip_src_addr", "onlyif": "exists(ip_src_addr)",
         "init": {"count": "0"}, "update": {"count": "count + 1"},
         "result": {"profile": "count", "triage": {"hits": "count"}}}
      ]}
      """;

  private final List<Message> produced = new ArrayList<>();

  @Test
  void countsTwoPeriodsForThreeEntitiesAcrossARestartAndTheBackfillAgrees() throws Exception {
    Path conf = dir.resolve("conf");
    Files.createDirectories(conf);
    Files.writeString(
        conf.resolve("global.json"),
        "{\"profiler.period.duration\": 10, \"profiler.period.duration.units\": \"SECONDS\","
            + " \"profiler.window.lag\": 0, \"profiler.window.lag.units\": \"SECONDS\"}");
    Files.writeString(conf.resolve("profiler.json"), PROFILES);
    Configs configs = new ConfigLoader().load(conf);
    Path data = dir.resolve("data");
    ProfilePeriod first = ProfilePeriod.of(BASE, PERIOD);
    ProfilePeriod second = first.next();

    try (EmbeddedKafka broker = new EmbeddedKafka(data.resolve("kafka"), 0)) {
      String bootstrap = broker.start();
      ProfilerStreams profiler = start(bootstrap, data, configs);
      try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
        // period 1: a x3, b x2, c x1; an error message and bytes that are no message are skipped
        for (String ip : List.of("a", "b", "a", "c", "b", "a")) {
          send(producer, event(BASE + 1_000 + produced.size(), ip));
        }
        producer.send(
            new ProducerRecord<>(
                Topics.INDEXING,
                ("{\"source.type\": \"error\", \"ip_src_addr\": \"a\", \"timestamp\": "
                        + (BASE + 2_000)
                        + "}")
                    .getBytes(StandardCharsets.UTF_8)));
        producer.send(
            new ProducerRecord<>(Topics.INDEXING, "not json".getBytes(StandardCharsets.UTF_8)));
        // period 2 begins: the first event closes period 1 (lag 0)
        for (String ip : List.of("a", "b", "b")) {
          send(producer, event(BASE + PERIOD + 1_000 + produced.size(), ip));
        }
      }
      ProfileStore store = FileProfileStore.inDataDir(data);
      Map<String, Object> firstCounts = Map.of("a", List.of(3), "b", List.of(2), "c", List.of(1));
      awaitCounts(store, first, firstCounts);
      assertThat(counts(store, first)).isEqualTo(firstCounts);

      // a clean restart in the middle of period 2: its open state comes back from the store
      profiler.close();
      profiler = start(bootstrap, data, configs);
      try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
        for (String ip : List.of("b", "c", "b", "c")) {
          send(producer, event(BASE + 2 * PERIOD - 2_000 + produced.size(), ip));
        }
        // period 3 begins and closes period 2
        send(producer, event(BASE + 2 * PERIOD + 500, "z"));
      }
      Map<String, Object> secondCounts = Map.of("a", List.of(1), "b", List.of(4), "c", List.of(2));
      awaitCounts(store, second, secondCounts);
      assertThat(counts(store, second)).isEqualTo(secondCounts);
      assertThat(profiler.errors().total()).isZero();

      try (TopicReader profiles = new TopicReader(bootstrap, ProfilerStreams.PROFILES);
          TopicReader enrichments = new TopicReader(bootstrap, Topics.ENRICHMENTS)) {
        List<String> measurements = profiles.texts(6, Duration.ofSeconds(30));
        assertThat(measurements).hasSize(6);
        assertThat(measurements)
            .anySatisfy(
                m ->
                    assertThat(json(m))
                        .containsEntry("profile", "hits")
                        .containsEntry("entity", "b")
                        .containsEntry("period", second.period())
                        .containsEntry("value", 4L));
        List<String> triage = enrichments.texts(6, Duration.ofSeconds(30));
        assertThat(triage).hasSize(6);
        Map<String, Object> one = json(triage.getFirst());
        assertThat(one)
            .containsEntry("source.type", "profiler")
            .containsEntry("is_alert", "true")
            .containsKeys("guid", "hits", "period.start", "period.end", "timestamp");
      }
      profiler.close();
    }

    // the same events, archived, replayed by the backfill into a fresh store: identical values
    Path archive = dir.resolve("archive");
    try (ArchiveWriter writer =
        ArchiveWriter.open(archive, ArchivePolicy.DEFAULT, Clock.systemUTC())) {
      writer.write(produced);
    }
    FileProfileStore replayed = new FileProfileStore(dir.resolve("backfill"));
    List<String> progress = new ArrayList<>();
    ProfileBackfill.Result result =
        ProfileBackfill.run(
            archive,
            configs,
            Instant.ofEpochMilli(BASE + 3_000),
            Instant.ofEpochMilli(BASE + 2 * PERIOD - 1),
            replayed,
            Clock.systemUTC(),
            (done, chunks, messages, measurements) -> progress.add(done + "/" + chunks));
    assertThat(result.from()).isEqualTo(Instant.ofEpochMilli(BASE));
    assertThat(result.measurements()).isEqualTo(6);
    assertThat(progress).isNotEmpty().last().isEqualTo("1/1");
    ProfileStore streamed = FileProfileStore.inDataDir(dir.resolve("data"));
    for (ProfilePeriod p : List.of(first, second)) {
      assertThat(counts(replayed, p)).isEqualTo(counts(streamed, p));
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(String text) throws java.io.IOException {
    return MessageCodec.JSON.readValue(text, Map.class);
  }

  private static ProfilerStreams start(String bootstrap, Path data, Configs configs)
      throws Exception {
    ProfilerStreams profiler =
        new ProfilerStreams(bootstrap, data, () -> configs, Clock.systemUTC(), new Metrics(), 2);
    profiler.start();
    return profiler;
  }

  private Message event(long ts, String ip) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("source.type", "bro");
    fields.put("guid", "g-" + produced.size());
    fields.put("ip_src_addr", ip);
    fields.put("timestamp", ts);
    return Message.of(fields);
  }

  private void send(KafkaProducer<byte[], byte[]> producer, Message m) {
    produced.add(m);
    producer.send(new ProducerRecord<>(Topics.INDEXING, MessageCodec.write(m)));
  }

  /** PROFILE_GET of each entity for one period, as a rule would call it. */
  private static Map<String, Object> counts(ProfileStore store, ProfilePeriod period) {
    CompiledExpression get =
        new StellarCompiler(
                ProfileFunctions.register(FunctionRegistry.builtin(), store, Clock.systemUTC()))
            .compile("PROFILE_GET('hits', entity, periods)");
    Map<String, Object> out = new LinkedHashMap<>();
    for (String entity : List.of("a", "b", "c")) {
      Object value =
          get.evaluate(
              VariableResolver.of(Map.of("entity", entity, "periods", List.of(period))),
              StellarContext.empty());
      out.put(entity, value);
    }
    return out;
  }

  private static void awaitCounts(
      ProfileStore store, ProfilePeriod period, Map<String, Object> expected)
      throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline && !expected.equals(counts(store, period))) {
      Thread.sleep(200);
    }
  }

  static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }
}
