package io.metron.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The ingest edges as {@code metron run} starts them: events over HTTP, syslog from Debian's {@code
 * logger} and lines appended to a followed file all end up parsed in the index, and {@code metron
 * status} reports them.
 */
class IngestIT {
  @TempDir Path dir;

  @Test
  void httpSyslogAndFileEventsReachTheIndexAndStatusShowsThem() throws Exception {
    Path conf = dir.resolve("conf");
    MetronProcess.writeBroParser(conf);
    Files.writeString(
        conf.resolve("parsers/syslog5424.json"),
        "{\"parserClassName\": \"org.apache.metron.parsers.syslog.Syslog5424Parser\"}");
    Files.writeString(
        conf.resolve("parsers/applog.json"),
        "{\"parserClassName\": \"org.apache.metron.parsers.json.JSONMapParser\"}");
    Path followed = dir.resolve("app.log");
    Files.writeString(followed, "");
    Path data = dir.resolve("data");
    int http = MetronProcess.freePort();
    int syslog = MetronProcess.freePort();
    MetronProcess metron =
        MetronProcess.start(
                dir.resolve("metron.log"),
                "run",
                "--data",
                data.toString(),
                "--config-dir",
                conf.toString(),
                "--kafka-port",
                String.valueOf(MetronProcess.freePort()),
                "--http-port",
                String.valueOf(http),
                "--syslog",
                "udp:" + syslog + ":syslog5424",
                "--tail",
                followed + ":applog")
            .awaitReady();
    try (HttpClient client = HttpClient.newHttpClient()) {
      MetronProcess.postBro(client, http, 0, 50);
      HttpResponse<String> unknown =
          client.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + "/ingest/nosuch"))
                  .POST(HttpRequest.BodyPublishers.ofString("x\n"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(unknown.statusCode()).isBetween(400, 499);

      Process logger =
          new ProcessBuilder(
                  "logger",
                  "--rfc5424",
                  "-d",
                  "-n",
                  "127.0.0.1",
                  "-P",
                  String.valueOf(syslog),
                  "-t",
                  "sshd",
                  "Accepted publickey for alice from 10.0.0.9 port 50022")
              .inheritIO()
              .start();
      assertThat(logger.waitFor()).isZero();
      Files.writeString(followed, "{\"user\": \"bob\", \"action\": \"login\"}\n");

      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while (System.nanoTime() < deadline && CrashRecoveryIT.count(data) < 52) {
        Thread.sleep(250);
      }
      assertThat(count(data, "source.type:bro")).isEqualTo("50");
      assertThat(count(data, "source.type:syslog5424 AND syslog.header.appName:sshd"))
          .isEqualTo("1");
      assertThat(count(data, "source.type:applog AND user:bob")).isEqualTo("1");

      StringWriter out = new StringWriter();
      CommandLine cli = MetronCommand.commandLine();
      cli.setOut(new PrintWriter(out, true));
      assertThat(
              cli.execute("status", "--http-port", String.valueOf(http), "--data", data.toString()))
          .isZero();
      assertThat(out.toString())
          .containsPattern("bro\\s+parsed\\s+50\\b")
          .containsPattern("syslog5424\\s+parsed\\s+1\\b")
          .contains("Indexing")
          .contains("udp");
    } finally {
      metron.stop();
    }
  }

  private static String count(Path data, String query) {
    StringWriter out = new StringWriter();
    CommandLine cli = MetronCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.execute("search", query, "--count", "--data", data.toString());
    return out.toString().trim();
  }
}
