package io.metron.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.metron.core.config.ConfigLoader;
import io.metron.core.config.Configs;
import io.metron.core.config.SensorParserConfig;
import io.metron.pipeline.parse.ParseOutcome;
import io.metron.search.SearchRequest;
import io.metron.search.lucene.LuceneSearchStore;
import io.metron.streams.config.LiveConfigs;
import io.metron.streams.enrich.MessageEnricher;
import io.metron.streams.parse.SensorParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Config changes reach the running pipeline without a restart; bad changes are refused. */
class LiveConfigIT {
  @TempDir Path dir;

  /** Tags each message with its parser config's {@code tag}, so a test sees which config ran. */
  private static Stages taggingStages(Clock clock) {
    return new Stages() {
      @Override
      public SensorParser parser(SensorParserConfig parser, Configs configs) {
        SensorParser standard = PipelineStages.parsingOnly(clock).parser(parser, configs);
        Object tag = parser.parserConfig().get("tag");
        return raw -> {
          List<ParseOutcome> out = standard.parse(raw);
          out.stream()
              .filter(o -> o.message() != null)
              .forEach(o -> o.message().put("config_tag", tag));
          return out;
        };
      }

      @Override
      public MessageEnricher enricher(Configs configs) {
        return MessageEnricher.none();
      }
    };
  }

  @Test
  void changedParserConfigsApplyWithinSecondsAndBadOnesAreRefused() throws Exception {
    Path conf = dir.resolve("conf");
    Files.createDirectories(conf.resolve("parsers"));
    writeParser(conf, "web", "web", "v1");
    LiveConfigs configs = LiveConfigs.load(conf, new ConfigLoader());
    configs.watch(200);
    Clock clock = Clock.systemUTC();
    Path index = dir.resolve("data/index");
    Platform platform =
        new Platform(
            Platform.Settings.of(dir.resolve("data"), null, 0, 1),
            configs,
            taggingStages(clock),
            LuceneSearchStore.open(index),
            clock,
            "test-host");
    try (platform;
        KafkaProducer<byte[], byte[]> producer = PlatformIT.producer(startAndGet(platform))) {
      send(producer, "web", "{\"n\": 1}");
      assertThat(awaitHits(index, "config_tag:v1", 1)).isEqualTo(1);

      writeParser(conf, "web", "web", "v2");
      awaitApplied(configs, "web", "v2");
      send(producer, "web", "{\"n\": 2}");
      assertThat(awaitHits(index, "config_tag:v2", 1)).isEqualTo(1);

      Files.writeString(
          conf.resolve("parsers/web.json"),
          "{\"parserClassName\": \"x\", \"sensorTopc\": \"web\"}");
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (configs.lastRefusal().isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(configs.lastRefusal())
          .singleElement()
          .hasToString(
              "parsers/web.json: $.sensorTopc: unknown key 'sensorTopc' (did you mean"
                  + " 'sensorTopic'?)");
      send(producer, "web", "{\"n\": 3}");
      assertThat(awaitHits(index, "config_tag:v2", 2)).isEqualTo(2);

      writeParser(conf, "web", "web", "v3");
      writeParser(conf, "dns", "dnslogs", "new-sensor");
      awaitApplied(configs, "dns", "new-sensor");
      send(producer, "dnslogs", "{\"n\": 4}");
      assertThat(awaitHits(index, "source.type:dns AND config_tag:new-sensor", 1)).isEqualTo(1);
    }
  }

  private static String startAndGet(Platform platform) throws Exception {
    platform.start();
    return platform.bootstrapServers();
  }

  private static void writeParser(Path conf, String sensor, String topic, String tag)
      throws Exception {
    Files.writeString(
        conf.resolve("parsers/" + sensor + ".json"),
        "{\"parserClassName\": \"org.apache.metron.parsers.json.JSONMapParser\", \"sensorTopic\":"
            + " \""
            + topic
            + "\", \"parserConfig\": {\"tag\": \""
            + tag
            + "\"}}");
  }

  private static void awaitApplied(LiveConfigs configs, String sensor, String tag)
      throws InterruptedException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (System.nanoTime() < deadline) {
      var parser = configs.get().parser(sensor);
      if (parser.isPresent() && tag.equals(parser.get().parserConfig().get("tag"))) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("config for " + sensor + " with tag " + tag + " was not applied");
  }

  private static void send(KafkaProducer<byte[], byte[]> producer, String topic, String json)
      throws Exception {
    producer.send(new ProducerRecord<>(topic, json.getBytes(StandardCharsets.UTF_8))).get();
  }

  private static long awaitHits(Path index, String query, long expected) throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    long hits = 0;
    while (System.nanoTime() < deadline) {
      try (LuceneSearchStore reader = LuceneSearchStore.openReadOnly(index)) {
        hits = reader.search(SearchRequest.of(query, 0)).total();
      }
      if (hits >= expected) {
        return hits;
      }
      Thread.sleep(200);
    }
    return hits;
  }
}
