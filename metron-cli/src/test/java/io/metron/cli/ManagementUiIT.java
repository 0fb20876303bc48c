package io.metron.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The management area in a real browser: {@code metron run --demo} on a copy of the repository's
 * config directory (the test adds a sensor to it), then the Playwright script {@code
 * metron-ui/src/test/playwright/manage-ui.mjs} (playwright-core driving Debian's {@code
 * /usr/bin/chromium} headless) adds a sensor, fixes a planted config error shown at its field,
 * tests it on sample lines, is asked before saving a config that breaks lines, saves, sees its
 * status count up, switches it off and on, loads a threat-intel CSV and sees the next matching
 * event become an alert, and uses the Grok and Stellar editors. The script's exit code is the
 * verdict; its output (one line per step) is in the failure message.
 *
 * <p>With {@code -Dmetron.ui.screenshots=<dir>} the script also saves the main views as PNGs (that
 * is how {@code docs/ui/manage-*.png} were made).
 */
class ManagementUiIT {
  private static final String PASSWORD = "manage-test-Passw0rd!";

  @TempDir Path dir;

  @Test
  void engineersAddTestAndWatchASensorInTheBrowser() throws Exception {
    Path repo = Path.of("..").toAbsolutePath().normalize();
    Path conf = dir.resolve("conf");
    copy(repo.resolve("conf"), conf);
    int http = MetronProcess.freePort();
    MetronProcess metron =
        MetronProcess.startIn(
                repo,
                dir.resolve("metron.log"),
                Map.of("METRON_ADMIN_PASSWORD", PASSWORD),
                "run",
                "--demo",
                "--demo-burst",
                "50",
                "--demo-rate",
                "0",
                "--data",
                dir.resolve("data").toString(),
                "--config-dir",
                conf.toString(),
                "--kafka-port",
                String.valueOf(MetronProcess.freePort()),
                "--http-port",
                String.valueOf(http))
            .awaitReady();
    try {
      BrowserScript.run(
          repo,
          "manage-ui.mjs",
          "http://127.0.0.1:" + http,
          PASSWORD,
          Map.of(),
          Duration.ofMinutes(4),
          dir);
      // The sensor the browser added was written to the config directory and audited.
      assertThat(conf.resolve("parsers/webproxy.json")).exists();
      assertThat(Files.readString(dir.resolve("data/audit/audit.jsonl")))
          .contains("\"action\":\"config.save\"")
          .contains("\"target\":\"parsers/webproxy\"")
          .contains("\"action\":\"table.load\"");
    } finally {
      metron.stop();
      // The server's log, for a failure's details (the temporary directory goes away).
      Files.copy(
          dir.resolve("metron.log"),
          repo.resolve("metron-cli/target/manage-ui-metron.log"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
  }
}
