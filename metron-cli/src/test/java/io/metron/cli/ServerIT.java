package io.metron.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The REST API as {@code metron run} serves it, over real HTTP: only {@code /health} answers
 * without credentials; Basic, a login session (whose writes need the CSRF token) and a Bearer token
 * each work; a status change and a comment are searchable at once and audited; a USER cannot save a
 * config; the ingest edge wants its token once bound beyond loopback; and {@code metron alerts
 * status} goes through the running server.
 */
class ServerIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ALICE_PASSWORD = "correct-horse-staple-9";

  @TempDir Path dir;

  private final HttpClient client = HttpClient.newHttpClient();
  private String base;
  private MetronProcess metron;

  @Test
  void theApiAuthenticatesAuditsAndIsTheOneWriter() throws Exception {
    Path conf = dir.resolve("conf");
    MetronProcess.writeBroParser(conf);
    Files.writeString(
        conf.resolve("global.json"),
        "{\"ingest.hec.tokens\": [{\"token\": \"ingest-secret\", \"sensor\": \"bro\"}]}");
    Path data = dir.resolve("data");
    int http = MetronProcess.freePort();
    base = "http://127.0.0.1:" + http;
    metron =
        MetronProcess.start(
                dir.resolve("metron.log"),
                "run",
                "--data",
                data.toString(),
                "--config-dir",
                conf.toString(),
                "--kafka-port",
                String.valueOf(MetronProcess.freePort()),
                "--http-host",
                "0.0.0.0",
                "--http-port",
                String.valueOf(http))
            .awaitReady();
    try {
      Matcher m = Pattern.compile("user 'admin' with password: (\\S+)").matcher(metron.log());
      assertThat(m.find()).as("the first start shows the admin password").isTrue();
      String admin = basic("admin", m.group(1));

      // Nothing but /health answers without credentials.
      assertThat(send("GET", "/health", null, Map.of()).statusCode()).isEqualTo(200);
      for (String path : List.of("/metrics", "/api/v1/user", "/api/v1/openapi.json")) {
        HttpResponse<String> refused = send("GET", path, null, Map.of());
        assertThat(refused.statusCode()).as(path).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate"))
            .hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
      }
      assertThat(send("GET", "/metrics", null, Map.of("Authorization", admin)).body())
          .contains("metron_");
      assertThat(
              send(
                      "GET",
                      "/api/v1/user",
                      null,
                      Map.of("Authorization", basic("admin", "wrong-password-0")))
                  .statusCode())
          .isEqualTo(401);

      // Bound beyond loopback, the ingest edge wants its own token.
      String events = broEvents();
      assertThat(send("POST", "/ingest/bro", events, Map.of()).statusCode()).isEqualTo(401);
      assertThat(send("POST", "/ingest/bro", events, Map.of("Authorization", admin)).statusCode())
          .isEqualTo(401);
      assertThat(
              send("POST", "/ingest/bro", events, Map.of("Authorization", "Bearer ingest-secret"))
                  .statusCode())
          .isEqualTo(200);

      // Basic.
      assertThat(send("GET", "/api/v1/user", null, Map.of("Authorization", admin)).body())
          .isEqualTo("admin");
      Map<String, Object> found = awaitHits(admin, "source.type:bro", 3);
      String guid = (String) hits(found).getFirst().get("id");

      // A USER, made with the CLI beside the running server, and a token for her.
      assertThat(cli(ALICE_PASSWORD + "\n", "user", "add", "alice", "--data", data.toString()))
          .contains("Added user 'alice'");
      String token =
          cli("", "token", "create", "--user", "alice", "--name", "it", "--data", data.toString())
              .trim();
      assertThat(token).startsWith("mtr_");
      assertThat(
              send("GET", "/api/v1/user", null, Map.of("Authorization", "Bearer " + token)).body())
          .isEqualTo("alice");

      // A session: writes need the CSRF token.
      HttpResponse<String> login =
          send(
              "POST",
              "/api/v1/login",
              "{\"username\": \"alice\", \"password\": \"" + ALICE_PASSWORD + "\"}",
              Map.of("Content-Type", "application/json"));
      assertThat(login.statusCode()).isEqualTo(200);
      String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
      assertThat(setCookie).contains("HttpOnly").contains("SameSite=Strict");
      String cookie = setCookie.substring(0, setCookie.indexOf(';'));
      String csrf = (String) JSON.readValue(login.body(), Map.class).get("csrfToken");
      String patch =
          "{\"guid\": \""
              + guid
              + "\", \"sensorType\": \"bro\", \"patch\": [{\"op\": \"add\", \"path\":"
              + " \"/alert_status\", \"value\": \"OPEN\"}]}";
      HttpResponse<String> noCsrf =
          send("PATCH", "/api/v1/update/patch", patch, Map.of("Cookie", cookie));
      assertThat(noCsrf.statusCode()).isEqualTo(403);
      assertThat(noCsrf.body()).contains("X-CSRF-Token");
      assertThat(send("GET", "/api/v1/user", null, Map.of("Cookie", cookie)).body())
          .isEqualTo("alice");
      assertThat(
              send(
                      "PATCH",
                      "/api/v1/update/patch",
                      patch,
                      Map.of("Cookie", cookie, "X-CSRF-Token", csrf))
                  .statusCode())
          .isEqualTo(200);
      // Searchable as soon as the change is acknowledged.
      assertThat(total(search(admin, "alert_status:OPEN AND guid:\"" + guid + "\""))).isEqualTo(1);

      // A comment with the Bearer token, read back.
      HttpResponse<String> comment =
          send(
              "POST",
              "/api/v1/update/add/comment",
              "{\"guid\": \"" + guid + "\", \"sensorType\": \"bro\", \"comment\": \"looking\"}",
              Map.of("Authorization", "Bearer " + token));
      assertThat(comment.statusCode()).isEqualTo(200);
      Map<?, ?> doc =
          JSON.readValue(
              send(
                      "POST",
                      "/api/v1/search/findOne",
                      "{\"guid\": \"" + guid + "\", \"sensorType\": \"bro\"}",
                      Map.of("Authorization", admin))
                  .body(),
              Map.class);
      assertThat(((Map<?, ?>) doc.get("document")).get("comments").toString())
          .contains("looking")
          .contains("alice");

      // Roles: a USER may not save configs or read the audit log.
      HttpResponse<String> refusedSave =
          send(
              "POST",
              "/api/v1/sensor/parser/config/bro",
              "{\"parserClassName\": \"org.apache.metron.parsers.bro.BasicBroParser\"}",
              Map.of("Authorization", "Bearer " + token));
      assertThat(refusedSave.statusCode()).isEqualTo(403);
      assertThat(refusedSave.body()).contains("ADMIN");
      assertThat(
              send("GET", "/api/v1/audit", null, Map.of("Authorization", "Bearer " + token))
                  .statusCode())
          .isEqualTo(403);

      // The command line's writer goes through the running server (no index lock conflict).
      assertThat(
              cli(
                  "",
                  "alerts",
                  "status",
                  guid,
                  "ESCALATE",
                  "--comment",
                  "from the cli",
                  "--data",
                  data.toString()))
          .contains("is now ESCALATE");
      assertThat(total(search(admin, "alert_status:ESCALATE AND guid:\"" + guid + "\"")))
          .isEqualTo(1);

      // Every write is audited, with who and what changed.
      List<Map<String, Object>> audit =
          JSON.readValue(
              send("GET", "/api/v1/audit?target=" + guid, null, Map.of("Authorization", admin))
                  .body(),
              List.class);
      assertThat(audit)
          .anySatisfy(
              e -> {
                assertThat(e.get("action")).isEqualTo("alert.patch");
                assertThat(e.get("user")).isEqualTo("alice");
                assertThat(e.get("after").toString()).contains("alert_status=OPEN");
                assertThat(e.get("before").toString()).contains("alert_status=null");
              })
          .anySatisfy(
              e -> {
                assertThat(e.get("action")).isEqualTo("alert.comment.add");
                assertThat(e.get("user")).isEqualTo("alice");
              })
          .anySatisfy(
              e -> {
                assertThat(e.get("action")).isEqualTo("alert.patch");
                assertThat(e.get("user").toString()).startsWith("local:");
                assertThat(e.get("after").toString()).contains("ESCALATE");
              });
      List<Map<String, Object>> logins =
          JSON.readValue(
              send("GET", "/api/v1/audit?action=login", null, Map.of("Authorization", admin))
                  .body(),
              List.class);
      assertThat(logins)
          .extracting(e -> e.get("action"))
          .contains("login.success", "login.failure");
      assertThat(Files.readString(data.resolve("audit/audit.jsonl")))
          .contains("token.use", "user.add", "token.create");

      // Failed logins are held back.
      int status = 0;
      for (int i = 0; i < 7 && status != 429; i++) {
        status =
            send(
                    "POST",
                    "/api/v1/login",
                    "{\"username\": \"alice\", \"password\": \"guess-" + i + "-xxxxxxx\"}",
                    Map.of("Content-Type", "application/json"))
                .statusCode();
      }
      assertThat(status).isEqualTo(429);
    } finally {
      metron.stop();
    }
    assertThat(data.resolve("server.json")).doesNotExist();
  }

  private static String broEvents() {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      body.append(new String(MetronProcess.broEvent(i), StandardCharsets.UTF_8)).append('\n');
    }
    return body.toString();
  }

  private Map<String, Object> awaitHits(String auth, String query, long n) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    Map<String, Object> answer = search(auth, query);
    while (total(answer) < n && System.nanoTime() < deadline) {
      Thread.sleep(250);
      answer = search(auth, query);
    }
    assertThat(total(answer)).as("indexed; the log:%n%s", metron.log()).isEqualTo(n);
    return answer;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> search(String auth, String query) throws Exception {
    HttpResponse<String> r =
        send(
            "POST",
            "/api/v1/search/search",
            JSON.writeValueAsString(Map.of("query", query, "size", 10)),
            Map.of("Authorization", auth));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readValue(r.body(), Map.class);
  }

  private static long total(Map<String, Object> answer) {
    return ((Number) answer.get("total")).longValue();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> hits(Map<String, Object> answer) {
    return (List<Map<String, Object>>) answer.get("results");
  }

  private HttpResponse<String> send(
      String method, String path, String body, Map<String, String> headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(b::header);
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static String cli(String stdin, String... args) {
    InputStream saved = System.in;
    System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    try {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      CommandLine cli = MetronCommand.commandLine();
      cli.setOut(new PrintWriter(out, true));
      cli.setErr(new PrintWriter(err, true));
      int code = cli.execute(args);
      assertThat(code).as(String.join(" ", args) + ": " + err).isZero();
      return out.toString();
    } finally {
      System.setIn(saved);
    }
  }
}
