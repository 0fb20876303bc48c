package io.metron.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.metron.core.config.ConfigLoader;
import io.metron.search.lucene.LuceneSearchStore;
import io.metron.server.ApiServer;
import io.metron.server.ServerContext;
import io.metron.server.audit.AuditLog;
import io.metron.streams.broker.EmbeddedKafka;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every declared route keeps, checked by walking the declarations themselves (so a new
 * route is covered the day it is added): without credentials it answers 401; with them, a
 * malformed, mistyped, unknown-field, empty or oversized body and a bad path parameter each get a
 * 4xx in the one error shape; and no answer ever carries a stack trace. Runs on a real HTTP server
 * with a real Lucene store and an embedded Kafka broker.
 */
class ApiContractTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PASSWORD = "contract-test-password-7";
  private static final String BAD_PARAM = "bad%20name%21";

  @TempDir static Path dir;

  private static EmbeddedKafka kafka;
  private static LuceneSearchStore store;
  private static ApiServer api;
  private static Javalin http;
  private static String base;
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    kafka = new EmbeddedKafka(dir.resolve("kafka"), port);
    String bootstrap = kafka.start();
    Path conf = dir.resolve("conf");
    Files.createDirectories(conf.resolve("parsers"));
    Files.writeString(
        conf.resolve("parsers/bro.json"),
        "{\"parserClassName\": \"org.apache.metron.parsers.bro.BasicBroParser\"}");
    store = LuceneSearchStore.open(dir.resolve("index"));
    Clock clock = Clock.systemUTC();
    api =
        new ApiServer(
            new ServerContext(
                dir.resolve("data"),
                conf,
                new ConfigLoader(),
                store,
                () -> {
                  throw new IllegalStateException("not used by these routes");
                },
                () -> false,
                () -> bootstrap,
                AuditLog.in(dir.resolve("data"), clock),
                clock),
            false);
    api.bootstrapAdmin(PASSWORD);
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
    kafka.close();
  }

  @Test
  void everyRouteRefusesCallersWithoutCredentials() throws Exception {
    for (Endpoint<?> e : api.endpoints()) {
      if (e.access() == Access.PUBLIC) {
        continue;
      }
      HttpResponse<String> r = send(e.method().name(), path(e, "x"), "{}", null, null);
      assertThat(r.statusCode()).as(describe(e)).isEqualTo(401);
      assertErrorShape(e, r);
    }
  }

  @Test
  void everyRouteAnswersBadInputWithA4xxNamingTheProblemAndNoStackTrace() throws Exception {
    List<String> checked = new ArrayList<>();
    for (Endpoint<?> e : api.endpoints()) {
      String auth = basic();
      if (e.path().contains("{")) {
        HttpResponse<String> r =
            send(e.method().name(), path(e, BAD_PARAM), body(e), "application/json", auth);
        assertThat(r.statusCode())
            .as(describe(e) + " with a bad path parameter")
            .isBetween(400, 499);
        assertErrorShape(e, r);
        checked.add(describe(e) + " param");
      }
      if (e.body() == Void.class) {
        if (!e.path().contains("{")) {
          HttpResponse<String> r = send(e.method().name(), e.path(), null, null, auth);
          assertThat(r.statusCode()).as(describe(e)).isLessThan(500);
          assertNoStackTrace(e, r);
        }
        continue;
      }
      String path = path(e, "bro");
      List<String> bad = new ArrayList<>(List.of("{\"query\": ", "", "[1, 2", "{} {}"));
      if (e.body().isRecord()) {
        bad.add("{\"no_such_field\": 1}");
        bad.add("[]");
        bad.add("42");
      } else if (e.body().isArray()) {
        bad.add("{\"a\": 1}");
        bad.add("[{\"a\": 1}]");
      } else if (Map.class.isAssignableFrom(e.body())) {
        bad.add("[1]");
        bad.add("\"text\"");
      }
      for (String b : bad) {
        if (e.body() == String.class && !b.isEmpty()) {
          continue;
        }
        HttpResponse<String> r = send(e.method().name(), path, b, "application/json", auth);
        assertThat(r.statusCode()).as(describe(e) + " with body " + b).isBetween(400, 499);
        assertErrorShape(e, r);
      }
      HttpResponse<String> huge =
          send(
              e.method().name(),
              path,
              "[\"" + "x".repeat(Router.MAX_BODY_BYTES) + "\"]",
              "application/json",
              auth);
      assertThat(huge.statusCode()).as(describe(e) + " oversized").isEqualTo(413);
      assertErrorShape(e, huge);
      checked.add(describe(e));
    }
    assertThat(checked).hasSizeGreaterThan(20);
  }

  @Test
  void wrongTypesAndUnknownFieldsNameTheField() throws Exception {
    HttpResponse<String> r =
        send("POST", "/api/v1/search/search", "{\"size\": \"ten\"}", "application/json", basic());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(JSON.readValue(r.body(), Map.class)).containsEntry("field", "size");
    r =
        send(
            "POST",
            "/api/v1/search/search",
            "{\"sort\": [{\"field\": \"a\", \"sortOrder\": \"up\"}]}",
            "application/json",
            basic());
    assertThat(JSON.readValue(r.body(), Map.class)).containsEntry("field", "sort[0].sortOrder");
    r = send("POST", "/api/v1/search/search", "{\"qurey\": \"*\"}", "application/json", basic());
    assertThat(JSON.readValue(r.body(), Map.class).get("error").toString())
        .contains("unknown field 'qurey'")
        .contains("query");
    r =
        send(
            "POST",
            "/api/v1/sensor/parser/config/bro",
            "{\"parserClassName\": \"org.apache.metron.parsers.bro.BasicBroParser\","
                + " \"parserConfig\": 3}",
            "application/json",
            basic());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(JSON.readValue(r.body(), Map.class).get("field").toString())
        .contains("parsers/bro.json")
        .contains("parserConfig");
  }

  @Test
  void theOpenApiDocumentDescribesEveryDeclaredRoute() throws Exception {
    HttpResponse<String> r = send("GET", "/api/v1/openapi.json", null, null, basic());
    assertThat(r.statusCode()).isEqualTo(200);
    Map<?, ?> paths = (Map<?, ?>) JSON.readValue(r.body(), Map.class).get("paths");
    for (Endpoint<?> e : api.endpoints()) {
      Map<?, ?> item = (Map<?, ?>) paths.get(e.path());
      assertThat(item).as(e.path()).isNotNull();
      Map<?, ?> op = (Map<?, ?>) item.get(e.method().name().toLowerCase(java.util.Locale.ROOT));
      assertThat(op).as(describe(e)).isNotNull();
      assertThat(op.get("summary")).isEqualTo(e.summary());
      assertThat(op.get("x-metron-role")).isEqualTo(e.access().name());
    }
  }

  private static String body(Endpoint<?> e) {
    return e.body() == Void.class ? null : e.body() == String.class ? "guid" : "{}";
  }

  @SuppressWarnings("unchecked")
  private static void assertErrorShape(Endpoint<?> e, HttpResponse<String> r) throws Exception {
    assertNoStackTrace(e, r);
    Map<String, Object> body = JSON.readValue(r.body(), Map.class);
    assertThat(body)
        .as(describe(e) + ": " + r.body())
        .containsKeys("error", "field", "responseCode");
    // An error message speaks of fields and values, never of the code's types.
    assertThat(body.get("error").toString())
        .isNotBlank()
        .doesNotContain("com.fasterxml")
        .doesNotContain("io.metron")
        .doesNotContain("java.lang");
  }

  private static void assertNoStackTrace(Endpoint<?> e, HttpResponse<String> r) {
    assertThat(r.body())
        .as(describe(e) + " answered " + r.statusCode() + ": " + r.body())
        .doesNotContain("Exception")
        .doesNotContain("\tat ")
        .doesNotContain(".java:");
  }

  private static String describe(Endpoint<?> e) {
    return e.method() + " " + e.path();
  }

  private static String path(Endpoint<?> e, String param) {
    return e.path().replaceAll("\\{[^}]+}", param);
  }

  private static String basic() {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
  }

  private static HttpResponse<String> send(
      String method, String path, String body, String contentType, String auth) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    if (auth != null) {
      b.header("Authorization", auth);
    }
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
