package io.metron.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.metron.core.message.MessageCodec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code metron run --opensearch} against a real OpenSearch node: events ingested over HTTP are
 * indexed there with the index template's types, and the REST API (search, update) and {@code
 * metron search} answer from it. A cluster that cannot be reached is one clear message.
 */
class OpenSearchRunIT {
  private static final String PASSWORD = "os-test-Passw0rd!";
  private static final int EVENTS = 60;
  private static final Duration READY = Duration.ofSeconds(180);

  @TempDir Path dir;

  @Test
  void runIndexesIntoOpenSearchAndTheApiAndCliSearchIt() throws Exception {
    Path conf = dir.resolve("conf");
    MetronProcess.writeBroParser(conf);
    Path data = dir.resolve("data");
    int http = MetronProcess.freePort();
    try (OpenSearchNode node = OpenSearchNode.start(dir.resolve("opensearch"), "metron-run-it")) {
      MetronProcess metron =
          MetronProcess.startIn(
              null,
              dir.resolve("metron.log"),
              Map.of("METRON_ADMIN_PASSWORD", PASSWORD),
              "run",
              "--data",
              data.toString(),
              "--config-dir",
              conf.toString(),
              "--kafka-port",
              String.valueOf(MetronProcess.freePort()),
              "--http-port",
              String.valueOf(http),
              "--opensearch",
              node.url().toString());
      try (HttpClient client = HttpClient.newHttpClient()) {
        metron.awaitReady(READY);
        MetronProcess.postBro(client, http, 0, EVENTS);
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline && !count(data, "*").equals(String.valueOf(EVENTS))) {
          Thread.sleep(250);
        }
        // metron search finds the cluster run recorded in the data directory...
        assertThat(count(data, "*")).isEqualTo(String.valueOf(EVENTS));
        assertThat(count(data, "ip_src_addr:\"10.0.0.0/24\" AND ip_dst_port:53"))
            .isEqualTo(String.valueOf(EVENTS));
        // ...and the data is in OpenSearch itself, typed by the installed template.
        JsonNode mapping =
            MessageCodec.JSON.readTree(node.request("GET", "/bro_index_*/_mapping", null));
        JsonNode properties = mapping.elements().next().path("mappings").path("properties");
        assertThat(properties.path("ip_src_addr").path("type").asText()).isEqualTo("ip");
        assertThat(properties.path("timestamp").path("type").asText()).isEqualTo("date");
        assertThat(node.request("GET", "/_index_template/metron", null)).contains("*_index_*");

        JsonNode found =
            api(
                client,
                http,
                "POST",
                "/api/v1/search/search",
                "{\"indices\": [\"bro\"], \"query\": \"uid:E7\", \"size\": 5}");
        assertThat(found.path("total").asLong()).isEqualTo(1);
        String guid = found.path("results").path(0).path("id").asText();
        api(
            client,
            http,
            "PATCH",
            "/api/v1/update/patch",
            "{\"guid\": \""
                + guid
                + "\", \"sensorType\": \"bro\", \"patch\": [{\"op\": \"add\", \"path\":"
                + " \"/alert_status\", \"value\": \"ESCALATE\"}]}");
        JsonNode escalated =
            MessageCodec.JSON.readTree(
                node.request(
                    "POST",
                    "/bro_index_*/_search",
                    "{\"query\": {\"term\": {\"alert_status\": \"ESCALATE\"}}}"));
        assertThat(escalated.path("hits").path("total").path("value").asLong()).isEqualTo(1);
        assertThat(escalated.path("hits").path("hits").path(0).path("_id").asText())
            .isEqualTo(guid);
      } finally {
        metron.stop();
      }
    }
  }

  @Test
  void anUnreachableClusterIsOneMessageWithoutAStackTrace() throws Exception {
    int closed = MetronProcess.freePort();
    StringWriter err = new StringWriter();
    CommandLine cli = MetronCommand.commandLine();
    cli.setErr(new PrintWriter(err, true));
    int code =
        cli.execute(
            "search",
            "*",
            "--data",
            dir.resolve("data").toString(),
            "--opensearch",
            "http://127.0.0.1:" + closed);
    assertThat(code).isEqualTo(2);
    assertThat(err.toString().strip())
        .startsWith("metron search: cannot reach OpenSearch at http://127.0.0.1:" + closed)
        .doesNotContain("\tat ")
        .doesNotContain("Exception");
    assertThat(err.toString().strip().lines()).hasSize(1);
  }

  private static String count(Path data, String query) {
    StringWriter out = new StringWriter();
    CommandLine cli = MetronCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(new StringWriter(), true));
    cli.execute("search", query, "--count", "--data", data.toString());
    return out.toString().trim();
  }

  private static JsonNode api(HttpClient client, int port, String method, String path, String body)
      throws Exception {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header(
                    "Authorization",
                    "Basic "
                        + Base64.getEncoder()
                            .encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode())
        .as(method + " " + path + ": " + response.body())
        .isEqualTo(200);
    return MessageCodec.JSON.readTree(response.body());
  }
}
