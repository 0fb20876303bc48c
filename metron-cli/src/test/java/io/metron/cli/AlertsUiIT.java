package io.metron.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Alerts UI in a real browser: {@code metron run --demo} with a known admin password, then the
 * Playwright script {@code metron-ui/src/test/playwright/alerts-ui.mjs} (playwright-core driving
 * Debian's {@code /usr/bin/chromium} headless) signs in, searches, facets, groups, opens an alert,
 * changes its status, comments, makes and renames a meta-alert, zooms the time range from the
 * histogram, downloads an alert's packets (checked with Debian's {@code tshark}: the demo captures
 * the flows to its watch-listed hosts), pivots on {@code community_id}, uses the keyboard
 * shortcuts, and checks every control has an accessible name and is reached with Tab. The script's
 * exit code is the verdict; its output (one line per step) is in the failure message.
 *
 * <p>With {@code -Dmetron.ui.screenshots=<dir>} the script also saves the main views as PNGs (that
 * is how {@code docs/ui/} was made).
 */
class AlertsUiIT {
  private static final String PASSWORD = "ui-test-Passw0rd!";
  private static final int BURST = 400;

  @TempDir Path dir;

  @Test
  void analystsSignInSearchAndTriageAlertsInTheBrowser() throws Exception {
    Path repo = Path.of("..").toAbsolutePath().normalize();
    int http = MetronProcess.freePort();
    MetronProcess metron =
        MetronProcess.startIn(
                repo,
                dir.resolve("metron.log"),
                Map.of("METRON_ADMIN_PASSWORD", PASSWORD),
                "run",
                "--demo",
                "--demo-burst",
                String.valueOf(BURST),
                "--demo-rate",
                "0",
                "--data",
                dir.resolve("data").toString(),
                "--config-dir",
                repo.resolve("conf").toString(),
                "--kafka-port",
                String.valueOf(MetronProcess.freePort()),
                "--http-port",
                String.valueOf(http))
            .awaitReady();
    try {
      String base = "http://127.0.0.1:" + http;
      // The UI's page is served without a session; the data behind it is not.
      HttpClient client = HttpClient.newHttpClient();
      HttpResponse<String> page =
          client.send(
              HttpRequest.newBuilder(URI.create(base + "/")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("<div id=\"app\">").contains("app.js");
      HttpResponse<String> data =
          client.send(
              HttpRequest.newBuilder(URI.create(base + "/api/v1/alerts/ui/settings")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(data.statusCode()).isEqualTo(401);

      BrowserScript.run(
          repo,
          "alerts-ui.mjs",
          base,
          PASSWORD,
          Map.of("DEMO_BURST", String.valueOf(BURST)),
          Duration.ofMinutes(5),
          dir);
    } finally {
      metron.stop();
    }
  }
}
