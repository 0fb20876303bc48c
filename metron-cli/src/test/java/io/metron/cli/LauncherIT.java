package io.metron.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The source tree's {@code ./metron} launcher prints nothing on stderr but the program's own
 * messages: no JVM warning (incubator modules, sun.misc.Unsafe, native access) on any command.
 */
class LauncherIT {
  @TempDir Path dir;

  @Test
  void commandsPrintNoJvmWarnings() throws Exception {
    Path repo = Path.of("..").toAbsolutePath().normalize();
    // This build just compiled the sources and wrote the classpath: mark it fresh, so the launcher
    // runs the program instead of building again (files a test wrote could look newer).
    Files.setLastModifiedTime(
        repo.resolve("metron-cli/target/classpath.txt"), FileTime.from(Instant.now()));

    String help = run(repo, "--help");
    assertThat(help).contains("Usage: metron");
    assertThat(run(repo, "stellar", "-e", "1 + 1").trim()).isEqualTo("2");
    assertThat(run(repo, "search", "*", "--count", "--data", dir.resolve("data").toString()).trim())
        .isEqualTo("0");
  }

  /** Runs {@code ./metron args} and returns its stdout, asserting success and a clean stderr. */
  private String run(Path repo, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(repo.resolve("metron").toString()));
    command.addAll(List.of(args));
    Path out = dir.resolve("out");
    Path err = dir.resolve("err");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process p = builder.start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String stderr = Files.readString(err);
    assertThat(p.exitValue()).as(String.join(" ", args) + ": " + stderr).isZero();
    assertThat(stderr.lines().filter(l -> l.startsWith("WARNING:") || l.contains(" WARN ")))
        .as("metron %s printed warnings:%n%s", String.join(" ", args), stderr)
        .isEmpty();
    return Files.readString(out);
  }
}
