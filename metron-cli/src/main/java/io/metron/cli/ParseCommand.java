package io.metron.cli;

import io.metron.pipeline.parse.ParseTool;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code metron parse}: runs a sensor's parser over raw lines, printing what each produced. */
@Command(
    name = "parse",
    mixinStandardHelpOptions = true,
    description = {
      "Parses raw sensor messages, one per line, from standard input or --input, and prints one",
      "JSON object per produced message (error messages included, at their place), so a",
      "sensor's output can be checked line by line.",
      "",
      "Examples:",
      "  metron parse --config parsers/bro.json < bro.log",
      "  metron parse --sensor yaf --config-dir conf --input yaf.log --stats",
    })
public final class ParseCommand implements Callable<Integer> {

  @Option(names = "--config", paramLabel = "FILE", description = "The sensor's parser config.")
  Path config;

  @Option(names = "--global", paramLabel = "FILE", description = "The global config (global.json).")
  Path global;

  @Option(
      names = "--sensor",
      paramLabel = "NAME",
      description = "Use parsers/NAME.json and global.json from --config-dir.")
  String sensor;

  @Option(
      names = "--config-dir",
      paramLabel = "DIR",
      defaultValue = "conf",
      description = "The config directory for --sensor (default: ${DEFAULT-VALUE}).")
  Path configDir;

  @Option(names = "--input", paramLabel = "FILE", description = "Read raw messages from FILE.")
  Path input;

  @Option(names = "--stats", description = "Print counts per outcome to standard error.")
  boolean stats;

  public ParseCommand() {}

  @Override
  public Integer call() {
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    int status =
        ParseTool.run(
            new ParseTool.Options(config, global, sensor, configDir, input, stats),
            System.in,
            out,
            System.err);
    out.flush();
    return status;
  }
}
