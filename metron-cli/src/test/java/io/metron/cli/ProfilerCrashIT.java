package io.metron.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.metron.pipeline.profile.FileProfileStore;
import io.metron.pipeline.profile.ProfilePeriod;
import io.metron.pipeline.profile.ProfileStore;
import io.metron.pipeline.profile.client.ProfileFunctions;
import io.metron.stellar.CompiledExpression;
import io.metron.stellar.FunctionRegistry;
import io.metron.stellar.StellarCompiler;
import io.metron.stellar.StellarContext;
import io.metron.stellar.VariableResolver;
import java.io.PrintWriter;
import java.io.StringWriter;
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
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The profiler inside {@code metron run}, killed with SIGKILL in the middle of a period: after the
 * restart every period has exactly the counts of its events, and {@code metron profile backfill}
 * over the archive the platform wrote gives the same values.
 */
class ProfilerCrashIT {
  @TempDir Path dir;

  private static final long PERIOD = 10_000;
  private static final long BASE = 177_000_000L * PERIOD;

  @Test
  void aKilledProfilerNeitherLosesNorDoubleCountsAndTheBackfillAgrees() throws Exception {
    Path conf = dir.resolve("conf");
    MetronProcess.writeBroParser(conf);
    Files.writeString(
        conf.resolve("global.json"),
        "{\"profiler.period.duration\": 10, \"profiler.period.duration.units\": \"SECONDS\","
            + " \"profiler.window.lag\": 0, \"profiler.window.lag.units\": \"SECONDS\"}");
    Files.writeString(
        conf.resolve("profiler.json"),
        "{\"timestampField\": \"timestamp\", \"profiles\": [{\"profile\": \"hits\", \"foreach\":"
            + " \"ip_src_addr\", \"init\": {\"n\": \"0\"}, \"update\": {\"n\": \"n + 1\"},"
            + " \"result\": \"n\"}]}");
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
    ProfileStore store = FileProfileStore.inDataDir(data);
    ProfilePeriod first = ProfilePeriod.of(BASE, PERIOD);
    ProfilePeriod second = first.next();
    int[] seq = {0};

    MetronProcess metron = MetronProcess.start(dir.resolve("metron.log"), run).awaitReady();
    List<ProducerRecord<byte[], byte[]>> events = new ArrayList<>();
    for (String ip : List.of("a", "b", "a", "c", "b", "a")) {
      events.add(event(BASE + 1_000 + seq[0]++, ip));
    }
    for (String ip : List.of("a", "b", "b")) {
      events.add(event(BASE + PERIOD + 1_000 + seq[0]++, ip));
    }
    try (KafkaProducer<byte[], byte[]> producer = MetronProcess.producer("127.0.0.1:" + port)) {
      MetronProcess.sendAll(producer, events);
    }
    Map<String, Object> firstCounts = Map.of("a", List.of(3), "b", List.of(2), "c", List.of(1));
    await(store, first, firstCounts, metron, "127.0.0.1:" + port);
    // SIGKILL in the middle of the second period, whose counts so far live only in stream state
    assertThat(metron.kill()).isEqualTo(137);
    metron = MetronProcess.start(dir.resolve("metron-2.log"), run).awaitReady();
    events.clear();
    for (String ip : List.of("b", "c", "b", "c")) {
      events.add(event(BASE + 2 * PERIOD - 2_000 + seq[0]++, ip));
    }
    events.add(event(BASE + 2 * PERIOD + 500, "z")); // closes the second period
    try (KafkaProducer<byte[], byte[]> producer = MetronProcess.producer("127.0.0.1:" + port)) {
      MetronProcess.sendAll(producer, events);
    }
    Map<String, Object> secondCounts = Map.of("a", List.of(1), "b", List.of(4), "c", List.of(2));
    await(store, second, secondCounts, metron, "127.0.0.1:" + port);
    assertThat(counts(store, first)).isEqualTo(firstCounts);
    // the archive writer flushes every few seconds; a clean stop flushes the rest
    Thread.sleep(6_000);
    assertThat(metron.stop()).isIn(0, 143); // 143: the JVM exits by SIGTERM after its shutdown hook

    Path other = dir.resolve("backfilled");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cli = MetronCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code =
        cli.execute(
            "profile",
            "backfill",
            "--from",
            Instant.ofEpochMilli(BASE).toString(),
            "--to",
            Instant.ofEpochMilli(BASE + 2 * PERIOD).toString(),
            "--config-dir",
            conf.toString(),
            "--data",
            other.toString(),
            "--archive",
            data.resolve("archive").toString());
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("Replayed 13 events").contains("6 measurements");
    assertThat(err.toString()).contains("[##############################] 1/1");
    ProfileStore backfilled = FileProfileStore.inDataDir(other);
    assertThat(counts(backfilled, first)).isEqualTo(firstCounts);
    assertThat(counts(backfilled, second)).isEqualTo(secondCounts);
  }

  private static ProducerRecord<byte[], byte[]> event(long ts, String ip) {
    String json =
        "{\"source.type\": \"bro\", \"guid\": \"g-"
            + ts
            + "\", \"ip_src_addr\": \""
            + ip
            + "\", \"timestamp\": "
            + ts
            + "}";
    return new ProducerRecord<>("indexing", json.getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, Object> counts(ProfileStore store, ProfilePeriod period) {
    CompiledExpression get =
        new StellarCompiler(
                ProfileFunctions.register(FunctionRegistry.builtin(), store, Clock.systemUTC()))
            .compile("PROFILE_GET('hits', entity, [period])");
    Map<String, Object> out = new LinkedHashMap<>();
    for (String entity : List.of("a", "b", "c")) {
      out.put(
          entity,
          get.evaluate(
              VariableResolver.of(Map.of("entity", entity, "period", period)),
              StellarContext.empty()));
    }
    return out;
  }

  private static void await(
      ProfileStore store,
      ProfilePeriod period,
      Map<String, Object> expected,
      MetronProcess metron,
      String kafka)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline && !expected.equals(counts(store, period))) {
      Thread.sleep(200);
    }
    assertThat(counts(store, period))
        .as(metron.log() + "\n" + BrokerState.describe(kafka))
        .isEqualTo(expected);
  }
}
