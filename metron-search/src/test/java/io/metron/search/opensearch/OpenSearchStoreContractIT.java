package io.metron.search.opensearch;

import io.metron.search.FieldTyping;
import io.metron.search.SearchStore;
import io.metron.search.SearchStoreContract;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.codelibs.opensearch.runner.OpenSearchRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * The search store contract, on a real single-node OpenSearch started inside the test JVM (one node
 * for the whole class; every test starts from no indices).
 */
class OpenSearchStoreContractIT extends SearchStoreContract {
  private static OpenSearchRunner runner;
  private static Path home;
  private static URI url;
  private OpenSearchStore store;

  @BeforeAll
  static void startNode() throws Exception {
    home = Files.createTempDirectory("metron-opensearch");
    int http = freePort();
    int transport = freePort();
    runner = new OpenSearchRunner();
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
                .clusterName("metron-contract")
                .disableESLogger());
    runner.ensureYellow();
    url = URI.create("http://127.0.0.1:" + http);
  }

  @AfterAll
  static void stopNode() throws IOException {
    if (runner != null) {
      runner.close();
      runner.clean();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  protected SearchStore emptyStore() throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      http.send(
          HttpRequest.newBuilder(url.resolve("/*_index_*")).DELETE().build(),
          HttpResponse.BodyHandlers.discarding());
    }
    store = OpenSearchStore.connect(url, FieldTyping.defaults());
    return store;
  }

  @AfterEach
  void close() throws IOException {
    store.close();
  }
}
