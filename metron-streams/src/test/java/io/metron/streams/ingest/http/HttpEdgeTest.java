package io.metron.streams.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.metron.streams.ingest.EdgeStats;
import io.metron.streams.ingest.RecordingSink;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP edge's protocol on a real server and client; Kafka is replaced by a recording sink. */
class HttpEdgeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static RecordingSink sink;
  private static HttpEdge edge;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    sink = new RecordingSink();
    HttpSettings settings =
        new HttpSettings(
            "127.0.0.1",
            0,
            4096,
            List.of(
                new HecToken("good-token", "bro", Set.of("snort"), false),
                new HecToken("off-token", "bro", Set.of(), true)));
    Consumer<JavalinConfig> api = c -> c.routes.get("/api/v1/ping", ctx -> ctx.result("pong"));
    edge = new HttpEdge(settings, sink, () -> Set.of("bro", "snort", "yaf"), List.of(api));
    edge.start();
    base = "http://127.0.0.1:" + edge.port();
  }

  @AfterAll
  static void stop() {
    edge.close();
  }

  @BeforeEach
  void acceptEverything() {
    sink.refuseWhen(v -> false);
  }

  private static HttpResponse<String> post(String path, String body, String... headers)
      throws Exception {
    return post(path, HttpRequest.BodyPublishers.ofString(body), headers);
  }

  private static HttpResponse<String> post(
      String path, HttpRequest.BodyPublisher body, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).POST(body);
    if (headers.length > 0) {
      b.headers(headers);
    }
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    return JSON.readTree(r.body());
  }

  private static List<String> newTexts(int before) {
    List<String> all = sink.texts();
    return all.subList(before, all.size());
  }

  @Test
  void ingestWritesEachLineUnchangedAndCountsThem() throws Exception {
    int before = sink.sent().size();
    HttpResponse<String> r = post("/ingest/bro", "{\"a\":1}\r\n\n{\"b\":\"two words\"}\n{\"c\":3}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).get("accepted").asInt()).isEqualTo(3);
    assertThat(newTexts(before)).containsExactly("{\"a\":1}", "{\"b\":\"two words\"}", "{\"c\":3}");
    assertThat(sink.sent().subList(before, before + 3))
        .allSatisfy(s -> assertThat(s.topic()).isEqualTo("bro"));
    assertThat(edge.stats())
        .filteredOn(s -> s.edge().equals("http-ingest") && s.sensor().equals("bro"))
        .singleElement()
        .satisfies(s -> assertThat(s.written()).isGreaterThanOrEqualTo(3));
  }

  @Test
  void ingestRefusesUnknownSensorsEmptyBodiesAndOversizeBodiesWithJsonErrors() throws Exception {
    int before = sink.sent().size();
    HttpResponse<String> unknown = post("/ingest/nosuch", "x\n");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(json(unknown).get("error").asText())
        .contains("unknown sensor 'nosuch'")
        .contains("bro, snort, yaf");

    HttpResponse<String> empty = post("/ingest/bro", "\n\r\n");
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(json(empty).get("error").asText()).contains("no events");

    HttpResponse<String> big = post("/ingest/bro", "y".repeat(5000));
    assertThat(big.statusCode()).isEqualTo(413);
    assertThat(json(big).get("error").asText()).contains("limit of 4096 bytes");

    // Without a Content-Length (chunked), the limit holds while reading.
    HttpResponse<String> chunked =
        post(
            "/ingest/bro",
            HttpRequest.BodyPublishers.ofInputStream(
                () ->
                    new ByteArrayInputStream("z\n".repeat(3000).getBytes(StandardCharsets.UTF_8))));
    assertThat(chunked.statusCode()).isEqualTo(413);
    assertThat(sink.sent()).hasSize(before);
    EdgeStats bro =
        edge.stats().stream()
            .filter(s -> s.edge().equals("http-ingest") && s.sensor().equals("bro"))
            .findFirst()
            .orElseThrow();
    assertThat(bro.oversize()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void ingestAcceptsGzipBodies() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write("zipped one\nzipped two\n".getBytes(StandardCharsets.UTF_8));
    }
    int before = sink.sent().size();
    HttpResponse<String> r =
        post(
            "/ingest/yaf",
            HttpRequest.BodyPublishers.ofByteArray(bytes.toByteArray()),
            "Content-Encoding",
            "gzip");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(newTexts(before)).containsExactly("zipped one", "zipped two");

    HttpResponse<String> notGzip = post("/ingest/yaf", "plain", "Content-Encoding", "gzip");
    assertThat(notGzip.statusCode()).isEqualTo(400);
  }

  @Test
  void ingestAnswers503WhenKafkaDoesNotAcknowledgeEveryEvent() throws Exception {
    sink.refuseWhen(v -> new String(v, StandardCharsets.UTF_8).contains("refuse"));
    HttpResponse<String> r = post("/ingest/bro", "fine\nrefuse me\nfine too\n");
    assertThat(r.statusCode()).isEqualTo(503);
    JsonNode body = json(r);
    assertThat(body.get("failed").asInt()).isEqualTo(1);
    assertThat(body.get("error").asText()).contains("send the request again");
  }

  @Test
  void hecChecksTheTokenAsSplunkDoes() throws Exception {
    String event = "{\"event\":\"hello\"}";
    assertHec(post("/services/collector/event", event), 401, 2, "Token is required");
    assertHec(
        post("/services/collector/event", event, "Authorization", "Bearer good-token"),
        401,
        3,
        "Invalid authorization");
    assertHec(
        post("/services/collector/event", event, "Authorization", "Splunk wrong"),
        403,
        4,
        "Invalid token");
    assertHec(
        post("/services/collector/event", event, "Authorization", "Splunk off-token"),
        403,
        1,
        "Token disabled");
  }

  @Test
  void hecEventEndpointWritesEventsToTheTokensSensorOrAnAllowedIndex() throws Exception {
    int before = sink.sent().size();
    HttpResponse<String> r =
        post(
            "/services/collector/event",
            "{\"event\":\"one\",\"host\":\"h1\"}{\"event\":{\"k\": \"v\"},\"index\":\"snort\"}",
            "Authorization",
            "Splunk good-token");
    assertThat(r.body()).isEqualTo("{\"text\":\"Success\",\"code\":0}");
    assertThat(r.statusCode()).isEqualTo(200);
    List<RecordingSink.Sent> sent = sink.sent().subList(before, before + 2);
    assertThat(sent.get(0).topic()).isEqualTo("bro");
    assertThat(sent.get(0).text()).isEqualTo("one");
    assertThat(sent.get(0).keyText()).isEqualTo("{\"host\":\"h1\"}");
    assertThat(sent.get(1).topic()).isEqualTo("snort");
    assertThat(sent.get(1).text()).isEqualTo("{\"k\": \"v\"}");

    // The plain /services/collector path is the same endpoint.
    assertThat(
            post("/services/collector", "{\"event\":\"x\"}", "Authorization", "Splunk good-token")
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void hecRefusesAWholeBatchForOneBadEventNamingIt() throws Exception {
    int before = sink.sent().size();
    HttpResponse<String> index =
        post(
            "/services/collector/event",
            "{\"event\":\"ok\"}{\"event\":\"no\",\"index\":\"yaf\"}",
            "Authorization",
            "Splunk good-token");
    JsonNode body = assertHec(index, 400, 7, "Incorrect index");
    assertThat(body.get("invalid-event-number").asInt()).isEqualTo(1);

    HttpResponse<String> format =
        post(
            "/services/collector/event",
            "{\"event\":\"ok\"}{\"event\":",
            "Authorization",
            "Splunk good-token");
    assertThat(assertHec(format, 400, 6, "Invalid data format").get("invalid-event-number").asInt())
        .isEqualTo(1);
    assertHec(
        post("/services/collector/event", "", "Authorization", "Splunk good-token"),
        400,
        5,
        "No data");
    HttpResponse<String> big =
        post("/services/collector/raw", "x".repeat(5000), "Authorization", "Splunk good-token");
    assertThat(big.statusCode()).isEqualTo(413);
    assertThat(json(big).get("text").asText()).contains("limit of 4096 bytes");
    assertThat(sink.sent()).hasSize(before);
  }

  @Test
  void hecRawEndpointTakesLinesAndQueryMetadata() throws Exception {
    int before = sink.sent().size();
    HttpResponse<String> r =
        post(
            "/services/collector/raw?sourcetype=syslog&index=snort",
            "raw one\nraw two\n",
            "Authorization",
            "Splunk good-token");
    assertHec(r, 200, 0, "Success");
    List<RecordingSink.Sent> sent = sink.sent().subList(before, sink.sent().size());
    assertThat(sent).extracting(RecordingSink.Sent::text).containsExactly("raw one", "raw two");
    assertThat(sent).allSatisfy(s -> assertThat(s.topic()).isEqualTo("snort"));
    assertThat(sent.getFirst().keyText())
        .isEqualTo("{\"sourcetype\":\"syslog\",\"index\":\"snort\"}");
  }

  @Test
  void hecAnswersServerBusyWhenKafkaFails() throws Exception {
    sink.refuseWhen(v -> true);
    assertHec(
        post(
            "/services/collector/event", "{\"event\":\"x\"}", "Authorization", "Splunk good-token"),
        503,
        9,
        "Server is busy");
  }

  @Test
  void hecHealthAndSharedRoutesAnswerOnTheSamePort() throws Exception {
    HttpResponse<String> health =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create(base + "/services/collector/health")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertHec(health, 200, 17, "HEC is healthy");
    HttpResponse<String> ping =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create(base + "/api/v1/ping")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(ping.body()).isEqualTo("pong");
  }

  private static JsonNode assertHec(HttpResponse<String> r, int status, int code, String text)
      throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    JsonNode body = json(r);
    assertThat(body.get("code").asInt()).isEqualTo(code);
    assertThat(body.get("text").asText()).isEqualTo(text);
    return body;
  }
}
