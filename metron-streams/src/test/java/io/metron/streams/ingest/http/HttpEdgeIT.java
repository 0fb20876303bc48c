package io.metron.streams.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.metron.streams.broker.EmbeddedKafka;
import io.metron.streams.ingest.KafkaEventSink;
import io.metron.streams.ingest.TopicReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP and HEC edges into a real broker, driven by java.net.http. */
class HttpEdgeIT {
  @TempDir static Path kafkaDir;

  private static EmbeddedKafka broker;
  private static String bootstrap;
  private static KafkaEventSink sink;
  private static HttpEdge edge;
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws IOException {
    broker = new EmbeddedKafka(kafkaDir, 0);
    bootstrap = broker.start();
    sink = new KafkaEventSink(bootstrap);
    edge =
        new HttpEdge(
            HttpSettings.defaults()
                .withPort(0)
                .withHecTokens(List.of(HecToken.of("11111111-2222-3333-4444-555555555555", "hec"))),
            sink,
            () -> Set.of("bro", "hec"));
    edge.start();
  }

  @AfterAll
  static void stop() {
    edge.close();
    sink.close();
    broker.close();
  }

  private static HttpResponse<String> post(String path, String body, String... headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + edge.port() + path))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void ingestAnswersOnlyOnceEveryEventIsInKafka() throws Exception {
    List<String> events =
        IntStream.range(0, 2000)
            .mapToObj(i -> "{\"ts\":1714557600." + i + ",\"uid\":\"C" + i + "\",\"proto\":\"tcp\"}")
            .toList();
    HttpResponse<String> r = post("/ingest/bro", String.join("\n", events) + "\n");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"accepted\":2000}");
    // A 200 means acknowledged: a consumer started now finds all of them.
    try (TopicReader reader = new TopicReader(bootstrap, "bro")) {
      assertThat(reader.texts(2000, Duration.ofSeconds(30))).containsExactlyElementsOf(events);
    }
  }

  @Test
  void hecEventsReachKafkaWithTheirEnvelopeAsTheRecordKey() throws Exception {
    String eve = "{\"timestamp\":\"2024-05-01T10:00:00.000+0000\", \"event_type\":\"dns\"}";
    HttpResponse<String> r =
        post(
            "/services/collector/event",
            "{\"time\":1714557600.5,\"host\":\"sensor-7\",\"sourcetype\":\"suricata\",\"event\":"
                + eve
                + "}\n{\"event\":\"plain text event\",\"fields\":{\"site\":\"lab\"}}",
            "Authorization",
            "Splunk 11111111-2222-3333-4444-555555555555");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"text\":\"Success\",\"code\":0}");
    try (TopicReader reader = new TopicReader(bootstrap, "hec")) {
      List<ConsumerRecord<byte[], byte[]>> records = reader.readAtLeast(2, Duration.ofSeconds(30));
      assertThat(records).hasSize(2);
      List<String> values =
          records.stream()
              .map(rec -> new String(rec.value(), StandardCharsets.UTF_8))
              .collect(Collectors.toList());
      assertThat(values).containsExactly(eve, "plain text event");
      assertThat(new String(records.get(0).key(), StandardCharsets.UTF_8))
          .isEqualTo("{\"time\":1714557600.5,\"host\":\"sensor-7\",\"sourcetype\":\"suricata\"}");
      assertThat(new String(records.get(1).key(), StandardCharsets.UTF_8))
          .isEqualTo("{\"site\":\"lab\"}");
    }
  }
}
