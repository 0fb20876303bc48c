package io.metron.pipeline.enrich.stellar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.metron.stellar.FunctionRegistry;
import io.metron.stellar.StellarCompiler;
import io.metron.stellar.StellarContext;
import io.metron.stellar.VariableResolver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** REST_GET and REST_POST against a real HTTP server on the loopback address. */
class RestFunctionsTest {
  @TempDir Path dir;
  private HttpServer server;
  private String base;
  private final List<String> seen = new CopyOnWriteArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);

  private final StellarCompiler compiler =
      new StellarCompiler(FunctionRegistry.builtin().withAll(RestFunctions.all()));

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/json",
        ex -> {
          seen.add(ex.getRequestMethod() + " " + ex.getRequestURI());
          respond(ex, 200, "application/json", "{\"status\": \"ok\", \"n\": 1}");
        });
    server.createContext(
        "/echo",
        ex -> {
          String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          seen.add(ex.getRequestHeaders().getFirst("Content-Type") + " " + body);
          respond(ex, 200, "application/json", "{\"got\": " + body + "}");
        });
    server.createContext(
        "/secure",
        ex -> {
          String auth = ex.getRequestHeaders().getFirst("Authorization");
          String expected =
              "Basic "
                  + Base64.getEncoder()
                      .encodeToString("metron:s3cret".getBytes(StandardCharsets.UTF_8));
          if (expected.equals(auth)) {
            respond(ex, 200, "application/json", "{\"user\": \"metron\"}");
          } else {
            respond(ex, 401, "application/json", "{}");
          }
        });
    server.createContext("/missing", ex -> respond(ex, 404, "application/json", "{}"));
    server.createContext("/empty", ex -> respond(ex, 200, "application/json", ""));
    server.createContext("/text", ex -> respond(ex, 200, "text/plain", "hello"));
    server.createContext(
        "/slow",
        ex -> {
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          respond(ex, 200, "application/json", "{}");
        });
    server.createContext(
        "/data",
        ex -> {
          // A proxied request names the origin server in its request line.
          boolean proxied = "upstream.invalid".equals(ex.getRequestURI().getHost());
          respond(ex, proxied ? 200 : 400, "application/json", "{\"via\": \"proxy\"}");
        });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.stop(0);
  }

  private static void respond(HttpExchange ex, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", type);
    ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      ex.getResponseBody().write(bytes);
    }
    ex.close();
  }

  private Object eval(String expression, Map<String, Object> global) {
    return compiler
        .compile(expression.replace("BASE", base))
        .evaluate(VariableResolver.empty(), StellarContext.builder().globalConfig(global).build());
  }

  @Test
  void getParsesTheJsonAnswerAndAddsQueryParameters() {
    assertThat(eval("REST_GET('BASE/json')", Map.of())).isEqualTo(Map.of("status", "ok", "n", 1));
    assertThat(eval("MAP_GET('status', REST_GET('BASE/json', {}, {'q': 'a b', 'n': 2}))", Map.of()))
        .isEqualTo("ok");
    assertThat(seen).contains("GET /json?q=a+b&n=2");
  }

  @Test
  void postSendsAMapOrAJsonStringAsJson() {
    assertThat(eval("REST_POST('BASE/echo', {'ip': '10.0.0.1'})", Map.of()))
        .isEqualTo(Map.of("got", Map.of("ip", "10.0.0.1")));
    assertThat(eval("REST_POST('BASE/echo', '[1, 2]')", Map.of()))
        .isEqualTo(Map.of("got", List.of(1, 2)));
    assertThat(seen).contains("application/json {\"ip\":\"10.0.0.1\"}");
    assertThatThrownBy(() -> eval("REST_POST('BASE/echo', 'not json')", Map.of()))
        .hasMessageContaining("REST_POST: post_data is not valid JSON");
  }

  @Test
  void basicAuthReadsThePasswordFromAFile() throws IOException {
    Path password = Files.writeString(dir.resolve("password"), "s3cret\n");
    Map<String, Object> global =
        Map.of(
            RestFunctions.SETTINGS,
            Map.of("basic.auth.user", "metron", "basic.auth.password.path", password.toString()));
    assertThat(eval("REST_GET('BASE/secure')", global)).isEqualTo(Map.of("user", "metron"));
    assertThat(eval("REST_GET('BASE/secure')", Map.of())).isNull();
  }

  @Test
  void failuresAndEmptyAnswersGiveTheConfiguredValues() {
    Map<String, Object> overrides =
        Map.of(
            RestFunctions.GET_SETTINGS,
            Map.of("error.value.override", "error", "empty.content.override", "empty"));
    assertThat(eval("REST_GET('BASE/missing')", overrides)).isEqualTo("error");
    assertThat(eval("REST_GET('BASE/missing')", Map.of())).isNull();
    assertThat(eval("REST_GET('BASE/empty')", overrides)).isEqualTo("empty");
    assertThat(eval("REST_GET('BASE/text')", overrides)).isEqualTo("error");
    assertThat(eval("REST_GET('BASE/text', {'enforce.json': false})", overrides))
        .isEqualTo("error"); // not JSON either way: the parse fails
    assertThat(eval("REST_GET('BASE/missing', {'response.codes.allowed': [200, 404]})", overrides))
        .isEqualTo(Map.of());
    assertThat(eval("REST_GET('BASE/slow', {'timeout': 200})", overrides)).isEqualTo("error");
    assertThat(eval("REST_GET('http://127.0.0.1:1/x')", overrides)).isEqualTo("error");
  }

  @Test
  void theCallsSettingsOverrideTheMethodsWhichOverrideTheGlobalOnes() {
    Map<String, Object> global =
        Map.of(
            RestFunctions.SETTINGS, Map.of("error.value.override", "global"),
            RestFunctions.POST_SETTINGS, Map.of("error.value.override", "post"));
    assertThat(eval("REST_GET('BASE/missing')", global)).isEqualTo("global");
    assertThat(eval("REST_POST('BASE/missing', {})", global)).isEqualTo("post");
    assertThat(eval("REST_POST('BASE/missing', {}, {'error.value.override': 'call'})", global))
        .isEqualTo("call");
  }

  @Test
  void aProxyIsUsedWhenConfigured() {
    String port = String.valueOf(server.getAddress().getPort());
    assertThat(
            eval(
                "REST_GET('http://upstream.invalid/data', {'proxy.host': '127.0.0.1',"
                    + " 'proxy.port': "
                    + port
                    + "})",
                Map.of()))
        .isEqualTo(Map.of("via", "proxy"));
  }

  @Test
  void aBadUrlIsAClearError() {
    assertThatThrownBy(() -> eval("REST_GET('ftp://x')", Map.of()))
        .hasMessageContaining("REST_GET: 'ftp://x' is not a URL");
  }
}
