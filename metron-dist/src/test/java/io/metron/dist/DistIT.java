package io.metron.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release as a user gets it: the tarball unpacked in an empty directory outside the source
 * tree, {@code bin/metron} run from another empty directory with only a JDK and {@code
 * METRON_ADMIN_PASSWORD}; the demo's events are served by the REST search, the terminal shows no
 * JVM warning, and SIGTERM stops it cleanly.
 */
class DistIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PASSWORD = "unpacked-tarball-Demo-42";

  @TempDir Path dir;

  @Test
  void theUnpackedTarballRunsTheDemoAndServesSearches() throws Exception {
    Path tarball = Path.of(System.getProperty("metron.dist.tarball"));
    assertThat(tarball).as("mvn package builds the tarball first").isRegularFile();
    Path install = Files.createDirectories(dir.resolve("opt"));
    assertThat(
            new ProcessBuilder("tar", "xzf", tarball.toString(), "-C", install.toString())
                .inheritIO()
                .start()
                .waitFor())
        .isZero();
    Path home = install.resolve("metron-" + System.getProperty("metron.dist.version"));
    assertThat(home.resolve("bin/metron")).isExecutable();
    assertThat(home.resolve("systemd/metron.service")).isRegularFile();
    assertThat(home.resolve("conf/global.json")).isRegularFile();
    assertThat(home.resolve("docs/deploy.md")).isRegularFile();
    Path work = Files.createDirectories(dir.resolve("work"));

    Result help = runToEnd(home, work, "--help");
    assertThat(help.code()).as(help.err()).isZero();
    assertThat(help.out()).contains("Usage: metron");
    assertNoWarnings(help.err());
    Result stellar = runToEnd(home, work, "stellar", "-e", "1 + 1");
    assertThat(stellar.out().trim()).as(stellar.err()).isEqualTo("2");
    assertNoWarnings(stellar.err());

    int http = freePort();
    Path data = dir.resolve("data");
    Process metron =
        launcher(
                home,
                work,
                "run",
                "--demo",
                "--data",
                data.toString(),
                "--http-port",
                String.valueOf(http),
                "--kafka-port",
                String.valueOf(freePort()))
            .redirectOutput(dir.resolve("run.out").toFile())
            .redirectError(dir.resolve("run.err").toFile())
            .start();
    try {
      URI search = URI.create("http://127.0.0.1:" + http + "/api/v1/search/search");
      long total = 0;
      Map<?, ?> answer = Map.of();
      long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
      while (total == 0 && System.nanoTime() < deadline && metron.isAlive()) {
        Thread.sleep(500);
        HttpResponse<String> r = search(search, "source.type:bro");
        if (r != null && r.statusCode() == 200) {
          answer = JSON.readValue(r.body(), Map.class);
          total = ((Number) answer.get("total")).longValue();
        }
      }
      assertThat(total).as("demo events served; stderr:%n%s", read("run.err")).isPositive();
      assertThat(answer.toString()).contains("ip_src_addr").contains("bro");
      HttpResponse<String> anonymous =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(search)
                      .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"*\"}"))
                      .header("Content-Type", "application/json")
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(anonymous.statusCode()).isEqualTo(401);
    } finally {
      metron.destroy();
      if (!metron.waitFor(90, TimeUnit.SECONDS)) {
        metron.destroyForcibly();
      }
    }
    assertThat(metron.exitValue())
        .as("a clean stop on SIGTERM; stderr:%n%s", read("run.err"))
        .isIn(0, 143);
    assertThat(read("run.out")).contains("Metron is running");
    assertNoWarnings(read("run.err"));
  }

  private static HttpResponse<String> search(URI uri, String query) throws Exception {
    String auth =
        Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(uri)
                  .timeout(Duration.ofSeconds(10))
                  .header("Authorization", "Basic " + auth)
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          JSON.writeValueAsString(Map.of("query", query, "size", 5))))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException notListeningYet) {
      return null;
    }
  }

  /** Neither the JVM ("WARNING: ...") nor a library's logger (" WARN ") warns on the terminal. */
  private static void assertNoWarnings(String stderr) {
    assertThat(stderr.lines().filter(l -> l.startsWith("WARNING:") || l.contains(" WARN ")))
        .as("warnings on stderr:%n%s", stderr)
        .isEmpty();
  }

  private record Result(int code, String out, String err) {}

  private Result runToEnd(Path home, Path work, String... args) throws Exception {
    Path out = dir.resolve("cmd.out");
    Path err = dir.resolve("cmd.err");
    Process p =
        launcher(home, work, args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  /**
   * {@code bin/metron} with a user's environment: a JDK in JAVA_HOME, no METRON_HOME or Maven
   * settings from the build, the working directory an empty directory.
   */
  private static ProcessBuilder launcher(Path home, Path work, String... args) {
    List<String> command = new ArrayList<>();
    command.add(home.resolve("bin/metron").toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(k -> k.startsWith("METRON_") || k.startsWith("MAVEN"));
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("METRON_ADMIN_PASSWORD", PASSWORD);
    env.put("METRON_JAVA_OPTS", "-Xmx768m");
    return builder;
  }

  private String read(String name) throws IOException {
    Path file = dir.resolve(name);
    return Files.exists(file) ? Files.readString(file) : "";
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
