package io.metron.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of {@code metron-ui/src/test/playwright/*.mjs} against a running platform and asserts it
 * passed. The script drives Debian's Chromium with playwright-core and prints one line per step;
 * its exit code and a "0 failed" summary are the verdict, and its whole output goes into the
 * failure message. {@code -Dmetron.ui.screenshots=<dir>} makes it save its views as PNGs.
 */
final class BrowserScript {
  private BrowserScript() {}

  /**
   * Runs {@code script} with the platform's address and the admin's credentials in its environment,
   * plus {@code extraEnv}, and returns its output once it has passed.
   */
  static String run(
      Path repo,
      String script,
      String baseUrl,
      String password,
      Map<String, String> extraEnv,
      Duration timeout,
      Path workDir)
      throws IOException, InterruptedException {
    Path output = workDir.resolve(script + ".log");
    ProcessBuilder node =
        new ProcessBuilder("node", "src/test/playwright/" + script)
            .directory(repo.resolve("metron-ui").toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    Map<String, String> env = node.environment();
    env.put("METRON_URL", baseUrl);
    env.put("METRON_USER", "admin");
    env.put("METRON_PASSWORD", password);
    env.put("ARTIFACTS", repo.resolve("metron-cli/target").toString());
    env.putAll(extraEnv);
    String shots = System.getProperty("metron.ui.screenshots");
    if (shots != null && !shots.isBlank()) {
      env.put("SCREENSHOTS", Path.of(shots).toAbsolutePath().toString());
    }
    Process process = node.start();
    boolean finished = process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
    if (!finished) {
      process.destroyForcibly().waitFor();
    }
    String log = Files.readString(output, StandardCharsets.UTF_8);
    System.out.println(script + ":\n" + log);
    assertThat(finished).as("the browser test finished within %s:\n%s", timeout, log).isTrue();
    assertThat(process.exitValue())
        .as("the browser test (metron-ui/src/test/playwright/%s):\n%s", script, log)
        .isZero();
    assertThat(log).contains(" 0 failed").doesNotContain("FAIL");
    return log;
  }
}
