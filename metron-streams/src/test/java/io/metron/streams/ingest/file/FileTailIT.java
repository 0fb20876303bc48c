package io.metron.streams.ingest.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.metron.streams.broker.EmbeddedKafka;
import io.metron.streams.ingest.KafkaEventSink;
import io.metron.streams.ingest.TopicReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file edge into a real broker: rotation, restart, and Suricata's eve.json. */
class FileTailIT {
  @TempDir static Path kafkaDir;
  @TempDir Path dir;

  private static EmbeddedKafka broker;
  private static String bootstrap;
  private static KafkaEventSink sink;

  @BeforeAll
  static void startBroker() throws IOException {
    broker = new EmbeddedKafka(kafkaDir, 0);
    bootstrap = broker.start();
    sink = new KafkaEventSink(bootstrap);
  }

  @AfterAll
  static void stopBroker() {
    sink.close();
    broker.close();
  }

  private static void append(Path file, List<String> lines) throws IOException {
    Files.writeString(
        file,
        String.join("\n", lines) + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  private static List<String> lines(String prefix, int from, int to) {
    return IntStream.range(from, to)
        .mapToObj(i -> "{\"seq\":" + i + ",\"batch\":\"" + prefix + "\"}")
        .toList();
  }

  private static void awaitWritten(FileTailEdge edge, long count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (edge.stats().getFirst().written() < count && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  @Test
  void rotationAndRestartPutEveryLineInKafkaExactlyOnceInOrder() throws Exception {
    Path log = dir.resolve("app.log");
    Path state = dir.resolve("state");
    TailSpec spec = new TailSpec(log, "tailed-app");
    List<String> expected = new ArrayList<>();

    append(log, lines("a", 0, 500));
    expected.addAll(lines("a", 0, 500));
    try (FileTailEdge edge = new FileTailEdge(spec, sink, state, Duration.ofMillis(50), 65536)) {
      edge.start();
      awaitWritten(edge, 500);
      Files.move(log, dir.resolve("app.log.1"));
      append(dir.resolve("app.log.1"), lines("a", 500, 520));
      expected.addAll(lines("a", 500, 520));
      append(log, lines("b", 0, 300));
      expected.addAll(lines("b", 0, 300));
      awaitWritten(edge, 820);
    }
    append(log, lines("b", 300, 400));
    expected.addAll(lines("b", 300, 400));
    try (FileTailEdge edge = new FileTailEdge(spec, sink, state, Duration.ofMillis(50), 65536)) {
      edge.start();
      awaitWritten(edge, 100);
      assertThat(edge.stats().getFirst().written()).isEqualTo(100);
    }

    try (TopicReader reader = new TopicReader(bootstrap, "tailed-app")) {
      assertThat(reader.texts(expected.size(), Duration.ofSeconds(60)))
          .containsExactlyElementsOf(expected);
    }
  }

  @Test
  void suricataEveJsonArrivesInKafkaIntact() throws Exception {
    String suricata = suricataBinary();
    Path pcap = dir.resolve("traffic.pcap");
    PcapFixture fixture = new PcapFixture();
    int exchanges = 25;
    for (int i = 0; i < exchanges; i++) {
      fixture.dnsLookup(1000 + i, "host" + i + ".metron.example", 40000 + i);
      fixture.httpGet("/page-" + i + ".html?metron=1", "metron-fixture/" + i, 50000 + i);
    }
    fixture.write(pcap);
    Path config = dir.resolve("suricata.yaml");
    Files.writeString(config, SURICATA_YAML);
    Path rules = dir.resolve("metron.rules");
    Files.writeString(
        rules,
        "alert http any any -> any any (msg:\"METRON fixture request\"; http.uri;"
            + " content:\"metron=1\"; sid:9000001; rev:1;)\n");
    Path out = Files.createDirectories(dir.resolve("suricata-out"));
    Path eve = out.resolve("eve.json");

    // The edge starts before Suricata, so it also waits for the file to appear.
    try (FileTailEdge edge =
        new FileTailEdge(
            new TailSpec(eve, "suricata"),
            sink,
            dir.resolve("state"),
            Duration.ofMillis(50),
            1 << 20)) {
      edge.start();
      Process process =
          new ProcessBuilder(
                  suricata,
                  "-c",
                  config.toString(),
                  "-S",
                  rules.toString(),
                  "-r",
                  pcap.toString(),
                  "-l",
                  out.toString(),
                  "-k",
                  "none")
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("suricata.log").toFile())
              .start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        fail("suricata did not finish in 120 s");
      }
      assertThat(process.exitValue())
          .as("suricata exit code; its log: %s", Files.readString(dir.resolve("suricata.log")))
          .isZero();

      List<String> eveLines = Files.readAllLines(eve, StandardCharsets.UTF_8);
      Map<String, Long> types = new java.util.TreeMap<>();
      ObjectMapper json = new ObjectMapper();
      for (String line : eveLines) {
        types.merge(json.readTree(line).path("event_type").asText(), 1L, Long::sum);
      }
      assertThat(types)
          .containsEntry("dns", 2L * exchanges)
          .containsEntry("http", (long) exchanges)
          .containsEntry("alert", (long) exchanges)
          .containsEntry("flow", 2L * exchanges);

      try (TopicReader reader = new TopicReader(bootstrap, "suricata")) {
        List<String> inKafka = reader.texts(eveLines.size(), Duration.ofSeconds(60));
        assertThat(inKafka).containsExactlyElementsOf(eveLines);
      }
      assertThat(edge.stats().getFirst().written()).isEqualTo(eveLines.size());
      assertThat(
              eveLines.stream()
                  .filter(l -> l.contains("\"event_type\":\"alert\""))
                  .collect(Collectors.toList()))
          .allSatisfy(l -> assertThat(l).contains("METRON fixture request"));
    }
  }

  private static String suricataBinary() {
    for (String candidate : List.of("/usr/bin/suricata", "/usr/local/bin/suricata")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return candidate;
      }
    }
    return fail(
        "suricata is not installed: run scripts/install-suricata (Debian bookworm-backports)");
  }

  private static final String SURICATA_YAML =
      """
      %YAML 1.1
      ---
      vars:
        address-groups:
          HOME_NET: "[10.0.0.0/8]"
          EXTERNAL_NET: "any"
        port-groups:
          HTTP_PORTS: "80"
      outputs:
        - eve-log:
            enabled: yes
            filetype: regular
            filename: eve.json
            types:
              - alert
              - http
              - dns
              - flow
      app-layer:
        protocols:
          http:
            enabled: yes
          dns:
            tcp:
              enabled: yes
            udp:
              enabled: yes
      """;
}
