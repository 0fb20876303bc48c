package io.metron.cli;

import io.metron.server.ServerFile;
import io.metron.server.api.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The command line's way to a running server: found through {@code <data>/server.json}, called with
 * its local token and the name of the user at the keyboard (for the audit log). While a server runs
 * it is the one writer, so the command line's writers go through it.
 */
final class ServerClient implements AutoCloseable {
  private final ServerFile server;
  private final HttpClient http;

  private ServerClient(ServerFile server) {
    this.server = server;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  }

  /** The server running on {@code data}, if any. */
  static Optional<ServerClient> find(Path data) {
    return ServerFile.find(data).map(ServerClient::new);
  }

  /** The Authorization header for the local token. */
  static String authorization(ServerFile server) {
    return "Bearer " + server.token();
  }

  /** Sends a JSON body and returns the answer's JSON, or fails with the server's error message. */
  Map<String, Object> send(String method, String path, Object body) throws UserException {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(server.url() + path))
              .timeout(Duration.ofSeconds(30))
              .header("Authorization", authorization(server))
              .header("X-Metron-User", System.getProperty("user.name", "unknown"))
              .header("Content-Type", "application/json")
              .method(
                  method,
                  HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body)))
              .build();
      HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      @SuppressWarnings("unchecked")
      Map<String, Object> answer =
          response.body().length == 0
              ? Map.of()
              : Json.MAPPER.readValue(response.body(), Map.class);
      if (response.statusCode() / 100 != 2) {
        throw new UserException(
            "the running server refused "
                + path
                + ": "
                + answer.getOrDefault("error", "HTTP " + response.statusCode()));
      }
      return answer;
    } catch (IOException e) {
      throw new UserException(
          "cannot reach the running server at " + server.url() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserException("interrupted");
    }
  }

  @Override
  public void close() {
    http.close();
  }
}
