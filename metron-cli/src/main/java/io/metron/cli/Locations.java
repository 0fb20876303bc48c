package io.metron.cli;

import io.metron.cli.functions.CliFunctions;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the platform keeps its data and reads its configs; shared by every subcommand. */
final class Locations {
  @Option(
      names = "--data",
      paramLabel = "DIR",
      description =
          "The platform's data directory (broker, index, state). Default: ${DEFAULT-VALUE}.",
      defaultValue = "data")
  Path data;

  @Option(
      names = "--config-dir",
      paramLabel = "DIR",
      description = {
        "Metron config directory: global.json, parsers/, enrichments/, indexing/, profiler.json.",
        "Default: ./conf if it exists, else the conf/ shipped with Metron."
      })
  Path configDir;

  Path index() {
    return data.resolve("index");
  }

  /**
   * The archive: {@code override} (a directory or a Hadoop FileSystem URI) when given, else the
   * global config's {@code archive.uri}, else {@code <data>/archive}.
   */
  String archive(String override) {
    if (override != null) {
      return override;
    }
    Object configured = CliFunctions.globalConfig(configDir()).get("archive.uri");
    return configured != null ? configured.toString() : data.resolve("archive").toString();
  }

  Path configDir() {
    if (configDir != null) {
      return configDir;
    }
    Path local = Path.of("conf");
    if (Files.isDirectory(local)) {
      return local;
    }
    String home = System.getenv("METRON_HOME");
    return home == null ? local : Path.of(home, "conf");
  }
}
