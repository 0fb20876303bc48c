package io.metron.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.metron.search.SearchRequest;
import io.metron.search.lucene.LuceneSearchStore;
import io.metron.streams.broker.EmbeddedKafka;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Two instances on one broker share their tables: {@code metron load --kafka} publishes to the
 * compacted {@code metron.tables} topic, both instances' local stores follow it, and events through
 * either instance are matched against the loaded threat intel.
 */
class TablesConvergeIT {
  private static final int EVENTS = 200;

  @TempDir Path dir;

  @Test
  void rowsLoadedThroughTheBrokerAnswerLookupsOnEveryInstance() throws Exception {
    Path conf = dir.resolve("conf");
    MetronProcess.writeBroParser(conf);
    Files.createDirectories(conf.resolve("enrichments"));
    Files.writeString(
        conf.resolve("enrichments/bro.json"),
        "{\"threatIntel\": {\"fieldMap\": {\"hbaseThreatIntel\": [\"ip_src_addr\"]},"
            + " \"fieldToTypeMap\": {\"ip_src_addr\": [\"malicious_ip\"]}}}");
    Path extractor = dir.resolve("extractor.json");
    Files.writeString(
        extractor,
        "{\"config\": {\"columns\": {\"ip\": 0, \"source\": 1}, \"indicator_column\": \"ip\","
            + " \"type\": \"malicious_ip\", \"separator\": \",\"}, \"extractor\": \"CSV\"}");
    Path indicators = dir.resolve("indicators.csv");
    StringBuilder csv = new StringBuilder();
    for (int i = 0; i < 250; i++) {
      csv.append("10.0.0.").append(i).append(",watchlist\n");
    }
    Files.writeString(indicators, csv);

    try (EmbeddedKafka broker = new EmbeddedKafka(dir.resolve("broker"), 0)) {
      String kafka = broker.start();
      assertThat(cli("config", "push", conf.toString(), "--kafka", kafka)).isZero();
      Path dataA = dir.resolve("a");
      Path dataB = dir.resolve("b");
      MetronProcess a = instance(kafka, dataA, "a.log");
      MetronProcess b = instance(kafka, dataB, "b.log");
      try {
        a.awaitReady(Duration.ofSeconds(180));
        b.awaitReady(Duration.ofSeconds(180));
        // Loaded "on a" (its data directory), answered by b.
        assertThat(
                cli(
                    "load",
                    "flatfile",
                    "-e",
                    extractor.toString(),
                    "-i",
                    indicators.toString(),
                    "--kafka",
                    kafka,
                    "--data",
                    dataA.toString(),
                    "--quiet"))
            .isZero();
        // The rows arrive in order (one partition): the last one on both means all of them.
        String lookup = "ENRICHMENT_GET('malicious_ip', '10.0.0.249', 'threatintel', 't')";
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String onB = "";
        while (System.nanoTime() < deadline && !onB.contains("watchlist")) {
          onB = stellar(dataB, lookup);
          Thread.sleep(250);
        }
        assertThat(onB).contains("watchlist");
        assertThat(stellar(dataA, lookup)).contains("watchlist");
        // in each store now; the pipelines' readers catch up within their 1 s refresh
        Thread.sleep(2_500);

        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
          records.add(
              new ProducerRecord<>(
                  "bro", Integer.toString(i).getBytes(), MetronProcess.broEvent(i)));
        }
        try (KafkaProducer<byte[], byte[]> producer = MetronProcess.producer(kafka)) {
          MetronProcess.sendAll(producer, records);
        }
        deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline
            && CrashRecoveryIT.count(dataA) + CrashRecoveryIT.count(dataB) < EVENTS) {
          Thread.sleep(250);
        }
        long alerts = alerts(dataA) + alerts(dataB);
        System.out.println(
            "TablesConvergeIT: a indexed "
                + CrashRecoveryIT.count(dataA)
                + ", b "
                + CrashRecoveryIT.count(dataB)
                + "; threat-intel hits "
                + alerts);
        assertThat(CrashRecoveryIT.count(dataA) + CrashRecoveryIT.count(dataB))
            .as(() -> "indexed by the two instances; " + BrokerState.describe(kafka))
            .isEqualTo(EVENTS);
        assertThat(alerts).isEqualTo(EVENTS);
      } finally {
        a.stop();
        b.stop();
      }
    }
  }

  private static MetronProcess instance(String kafka, Path data, String log) throws Exception {
    return MetronProcess.start(
        data.resolveSibling(log),
        "run",
        "--kafka",
        kafka,
        "--data",
        data.toString(),
        "--partitions",
        "4",
        "--no-http");
  }

  private static long alerts(Path data) throws Exception {
    try (LuceneSearchStore store = LuceneSearchStore.openReadOnly(data.resolve("index"))) {
      return store
          .search(
              SearchRequest.of("threatintels.hbaseThreatIntel.ip_src_addr.malicious_ip:alert", 0))
          .total();
    }
  }

  /** What {@code metron stellar -e} prints (on the process' standard output) for a data dir. */
  private static synchronized String stellar(Path data, String expression) {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      CommandLine cli = MetronCommand.commandLine();
      cli.setErr(new PrintWriter(new StringWriter(), true));
      cli.execute("stellar", "--data", data.toString(), "-e", expression);
    } finally {
      System.setOut(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

  private static int cli(String... args) {
    CommandLine cli = MetronCommand.commandLine();
    cli.setOut(new PrintWriter(new StringWriter(), true));
    return cli.execute(args);
  }
}
