package io.metron.server.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.metron.core.config.ConfigLoader;
import io.metron.core.config.DisabledSensors;
import io.metron.pipeline.enrich.EnrichmentResources;
import io.metron.pipeline.parse.ParserConfigCheck;
import io.metron.search.lucene.LuceneSearchStore;
import io.metron.server.ApiServer;
import io.metron.server.ManagedPlatform;
import io.metron.server.ServerContext;
import io.metron.server.audit.AuditLog;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sensor management's endpoints on a real HTTP server over a real config directory, enrichment
 * tables and audit log: status from the platform's metrics, switching a sensor off and on, the
 * config check with JSON paths, the test bench comparing edited and saved configs, table loads, and
 * Metron's Grok endpoints.
 */
class SensorManagementTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PASSWORD = "sensor-test-password-7";
  private static final String CSV = "org.apache.metron.parsers.csv.CSVParser";

  @TempDir static Path dir;

  private static LuceneSearchStore store;
  private static ApiServer api;
  private static Javalin http;
  private static String base;
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    Path conf = dir.resolve("conf");
    Files.createDirectories(conf.resolve("parsers"));
    Files.writeString(
        conf.resolve("parsers/proxy.json"),
        "{\"parserClassName\": \""
            + CSV
            + "\", \"sensorTopic\": \"proxy\", \"parserConfig\": {\"columns\": [\"ip_src_addr\","
            + " \"action\"]}}");
    Files.writeString(conf.resolve("global.json"), "{\"es.date.format\": \"yyyy.MM.dd\"}");
    store = LuceneSearchStore.open(dir.resolve("index"));
    Clock clock = Clock.systemUTC();
    api =
        new ApiServer(
            new ServerContext(
                dir.resolve("data"),
                conf,
                new ConfigLoader(List.of(new ParserConfigCheck())),
                store,
                () -> {
                  throw new IllegalStateException("not used by these routes");
                },
                () -> false,
                () -> null,
                AuditLog.in(dir.resolve("data"), clock),
                clock),
            false);
    api.bootstrapAdmin(PASSWORD);
    api.manage(
        new ManagedPlatform(
            () ->
                Map.of(
                    "metron_parse_received_total{sensor=\"proxy\"}", 12.0,
                    "metron_parse_total{sensor=\"proxy\",outcome=\"parsed\"}", 10.0,
                    "metron_parse_total{sensor=\"proxy\",outcome=\"error\"}", 2.0,
                    "metron_parse_last_record_millis{sensor=\"proxy\"}", 1.7e12),
            EnrichmentResources.none()));
    http =
        Javalin.create(
                config -> {
                  config.startup.showJavalinBanner = false;
                  api.mount(config);
                })
            .start("127.0.0.1", 0);
    base = "http://127.0.0.1:" + http.port();
  }

  @AfterAll
  static void stop() throws Exception {
    http.stop();
    api.close();
    store.close();
  }

  @Test
  void statusComesFromThePlatformsCountersAndSwitchingASensorIsSavedAndAudited() throws Exception {
    List<Map<String, Object>> status = list(send("GET", "/api/v1/sensor/status", null));
    Map<String, Object> proxy = status.getFirst();
    assertThat(proxy)
        .containsEntry("sensor", "proxy")
        .containsEntry("enabled", true)
        .containsEntry("received", 12)
        .containsEntry("parsed", 10)
        .containsEntry("errors", 2)
        .containsEntry("lastMessage", 1_700_000_000_000L);

    HttpResponse<String> off = send("POST", "/api/v1/storm/parser/deactivate/proxy", null);
    assertThat(off.statusCode()).isEqualTo(200);
    assertThat(Files.readString(dir.resolve("conf/global.json")))
        .contains(DisabledSensors.KEY)
        .contains("proxy")
        .contains("yyyy.MM.dd");
    assertThat(list(send("GET", "/api/v1/sensor/status", null)).getFirst())
        .containsEntry("enabled", false);
    assertThat(send("GET", "/api/v1/storm/parser/activate/proxy", null).statusCode())
        .isEqualTo(200);
    assertThat(Files.readString(dir.resolve("conf/global.json")))
        .doesNotContain(DisabledSensors.KEY);
    assertThat(Files.readString(dir.resolve("data/audit/audit.jsonl")))
        .contains("\"action\":\"sensor.disable\",\"target\":\"sensor/proxy\"")
        .contains("\"action\":\"sensor.enable\",\"target\":\"sensor/proxy\"");
    assertThat(send("POST", "/api/v1/storm/parser/deactivate/nosuch", null).statusCode())
        .isEqualTo(404);
  }

  @Test
  void theConfigCheckNamesEveryProblemWithItsJsonPath() throws Exception {
    Map<String, Object> answer =
        map(
            send(
                "POST",
                "/api/v1/sensor/config/validate",
                "{\"sensor\": \"web\", \"sensorParserConfig\": {\"parserClassName\": \""
                    + CSV
                    + "\", \"parserConfig\": {\"columns\": [\"a\"], \"separator\": \";;\"}},"
                    + " \"sensorIndexingConfig\": {\"elasticsearch\": {\"batchSize\":"
                    + " \"many\"}}}"));
    assertThat(answer).containsEntry("valid", false);
    List<Map<String, Object>> problems = (List<Map<String, Object>>) answer.get("problems");
    assertThat(problems)
        .anySatisfy(
            p -> {
              assertThat(p).containsEntry("file", "parsers/web.json");
              assertThat(p.get("path").toString()).startsWith("$.parserConfig");
              assertThat(p.get("message").toString()).contains("one character");
            })
        .anySatisfy(
            p -> {
              assertThat(p).containsEntry("file", "indexing/web.json");
              assertThat(p.get("path").toString()).isEqualTo("$.elasticsearch.batchSize");
            });
    Map<String, Object> fixed =
        map(
            send(
                "POST",
                "/api/v1/sensor/config/validate",
                "{\"sensor\": \"web\", \"sensorParserConfig\": {\"parserClassName\": \""
                    + CSV
                    + "\", \"parserConfig\": {\"columns\": [\"a\"]}}}"));
    assertThat(fixed).containsEntry("valid", true);
    assertThat(Files.exists(dir.resolve("conf/parsers/web.json"))).isFalse();
  }

  @Test
  void theTestBenchRunsEditedAndSavedConfigsOnTheSameLines() throws Exception {
    String body =
        "{\"sensor\": \"proxy\", \"sensorParserConfig\": {\"parserClassName\": \""
            + CSV
            + "\", \"sensorTopic\": \"proxy\", \"parserConfig\": {\"columns\": [\"ip_src_addr\","
            + " \"action\"], \"separator\": \"|\"}},"
            + " \"sampleData\": [\"10.0.0.1,allow\", \"10.0.0.2|deny\"]}";
    Map<String, Object> answer = map(send("POST", "/api/v1/sensor/test", body));
    assertThat(answer).containsEntry("saved", true);
    List<Map<String, Object>> results = (List<Map<String, Object>>) answer.get("results");
    assertThat(results).hasSize(2);
    Map<String, Object> first = results.get(0);
    // The saved config (comma) parses the first line; the edited one (pipe) cannot.
    assertThat(kinds(first.get("saved"))).containsExactly("message");
    assertThat(kinds(first.get("edited"))).containsExactly("error");
    Map<String, Object> error =
        (Map<String, Object>)
            ((List<Map<String, Object>>) first.get("edited")).getFirst().get("fields");
    assertThat(error.get("message").toString()).contains("column 'action'");
    Map<String, Object> second = results.get(1);
    Map<String, Object> edited =
        (Map<String, Object>)
            ((List<Map<String, Object>>) second.get("edited")).getFirst().get("fields");
    assertThat(edited).containsEntry("action", "deny").containsEntry("source.type", "proxy");

    HttpResponse<String> bad =
        send(
            "POST",
            "/api/v1/sensor/test",
            "{\"sensor\": \"proxy\", \"sensorParserConfig\": {\"parserClassName\": \"nope\"},"
                + " \"sampleData\": [\"x\"]}");
    Map<String, Object> refused = map(bad);
    assertThat((List<?>) refused.get("results")).isEmpty();
    assertThat((List<Map<String, Object>>) refused.get("problems"))
        .anySatisfy(p -> assertThat(p.get("path").toString()).startsWith("$.parserClassName"));
  }

  @Test
  void aCsvIsLoadedIntoTheTablesAndBrowsedByIndicator() throws Exception {
    Map<String, Object> job =
        map(
            send(
                "POST",
                "/api/v1/sensor/enrichment/table/load",
                "{\"name\": \"watch.csv\", \"content\": \"10.1.1.1,a\\n"
                    + "10.1.1.2,b\\n"
                    + "10.2.0.1,c\\n"
                    + "\", \"extractorConfig\": {\"extractor\": \"CSV\", \"config\": {\"columns\":"
                    + " {\"ip\": 0, \"source\": 1}, \"indicator_column\": \"ip\", \"type\":"
                    + " \"watch\"}}}"));
    String id = job.get("jobId").toString();
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (job.get("status").equals("RUNNING") && System.nanoTime() < deadline) {
      Thread.sleep(100);
      job = map(send("GET", "/api/v1/sensor/enrichment/table/load/" + id, null));
    }
    assertThat(job).containsEntry("status", "SUCCEEDED").containsEntry("rows", 3);
    List<Map<String, Object>> rows =
        list(send("GET", "/api/v1/sensor/enrichment/table/watch?indicator=10.1.", null));
    assertThat(rows).extracting(r -> r.get("indicator")).containsExactly("10.1.1.1", "10.1.1.2");
    assertThat((Map<String, Object>) rows.getFirst().get("value")).containsEntry("source", "a");
    assertThat(Files.readString(dir.resolve("data/audit/audit.jsonl")))
        .contains("\"action\":\"table.load\",\"target\":\"watch.csv\"");

    HttpResponse<String> bad =
        send(
            "POST",
            "/api/v1/sensor/enrichment/table/load",
            "{\"content\": \"x\", \"extractorConfig\": {\"extractor\": \"XML\", \"config\": {}}}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(map(bad)).containsEntry("field", "extractorConfig");
  }

  @Test
  void grokStatementsAreTriedOnSamplesAsMetronsGrokControllerDid() throws Exception {
    Map<String, Object> hit =
        map(
            send(
                "POST",
                "/api/v1/grok/validate",
                "{\"statement\": \"WEB %{IP:ip_src_addr} %{WORD:method} %{NUMBER:code:int}\","
                    + " \"sampleData\": \"10.0.0.1 GET 200\"}"));
    assertThat((Map<String, Object>) hit.get("results"))
        .containsEntry("ip_src_addr", "10.0.0.1")
        .containsEntry("method", "GET")
        .containsEntry("code", 200);
    Map<String, Object> miss =
        map(
            send(
                "POST",
                "/api/v1/grok/validate",
                "{\"statement\": \"WEB %{IP:ip_src_addr} %{WORD:method}\", \"patternLabel\":"
                    + " \"WEB\", \"sampleData\": \"no match here\"}"));
    assertThat(((Map<String, Object>) miss.get("results")).get("error").toString())
        .contains("does not match");
    HttpResponse<String> unknown =
        send(
            "POST",
            "/api/v1/grok/validate",
            "{\"statement\": \"WEB %{NO_SUCH_PATTERN:x}\", \"sampleData\": \"a\"}");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(map(unknown)).containsEntry("field", "statement");
    assertThat(map(send("GET", "/api/v1/grok/list", null))).containsKey("IP");
    HttpResponse<String> squid =
        send("GET", "/api/v1/grok/get/statement?path=/patterns/squid", null);
    assertThat(squid.statusCode()).isEqualTo(200);
    assertThat(squid.body()).contains("SQUID_DELIMITED");
    assertThat(send("GET", "/api/v1/grok/get/statement?path=/etc/passwd", null).statusCode())
        .isEqualTo(400);
  }

  private static List<String> kinds(Object outputs) {
    return ((List<Map<String, Object>>) outputs)
        .stream().map(o -> o.get("kind").toString()).toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(HttpResponse<String> r) throws Exception {
    return JSON.readValue(r.body(), Map.class);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(HttpResponse<String> r) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readValue(r.body(), List.class);
  }

  private static HttpResponse<String> send(String method, String path, String body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
