package io.metron.pipeline.parse;

import io.metron.core.config.ConfigException;
import io.metron.core.config.ConfigLoader;
import io.metron.core.config.ConfigProblem;
import io.metron.core.config.Configs;
import io.metron.core.config.GlobalConfig;
import io.metron.core.config.SensorParserConfig;
import io.metron.core.message.MessageCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The logic of {@code metron parse}: reads raw messages, one per line, runs them through a sensor's
 * parser and writes one JSON object per produced message (error messages included, at their place)
 * so a sensor's output can be checked line by line.
 */
public final class ParseTool {
  /** Exit status when the config cannot be used. */
  public static final int CONFIG_ERROR = 2;

  /** Exit status when the input or output fails. */
  public static final int IO_ERROR = 1;

  /**
   * What to run.
   *
   * @param config a sensor config file ({@code parsers/bro.json}); the sensor is its base name
   * @param global a global config file, or {@code null}
   * @param sensor a sensor name in {@code configDir}, used when {@code config} is null
   * @param configDir the config directory for {@code sensor}
   * @param input the file of raw messages, or {@code null} for standard input
   * @param stats whether to print counts per outcome to the error stream
   */
  public record Options(
      Path config, Path global, String sensor, Path configDir, Path input, boolean stats) {}

  /** Counts per outcome. */
  public record Stats(long lines, long parsed, long invalid, long failed, long filtered) {
    @Override
    public String toString() {
      return "lines="
          + lines
          + " parsed="
          + parsed
          + " invalid="
          + invalid
          + " failed="
          + failed
          + " filtered="
          + filtered;
    }
  }

  private ParseTool() {}

  /** Runs {@code metron parse}; returns the exit status. */
  public static int run(Options options, InputStream stdin, PrintStream out, PrintStream err) {
    ParserRunner runner;
    try {
      Loaded loaded = load(options);
      runner = ParserRunner.create(loaded.config(), loaded.global());
    } catch (ConfigException e) {
      e.problems().forEach(p -> err.println(p));
      return CONFIG_ERROR;
    } catch (ParserConfigException e) {
      e.problems().forEach(p -> err.println(p));
      return CONFIG_ERROR;
    } catch (IOException e) {
      err.println("cannot read the config: " + e.getMessage());
      return CONFIG_ERROR;
    }
    byte[] data;
    String source = options.input() == null ? "stdin" : options.input().getFileName().toString();
    try (InputStream in = options.input() == null ? stdin : Files.newInputStream(options.input())) {
      data = in.readAllBytes();
    } catch (IOException e) {
      err.println("cannot read " + source + ": " + e.getMessage());
      return IO_ERROR;
    }
    Stats stats = parse(runner, data, source, out);
    if (options.stats()) {
      err.println(stats);
    }
    return out.checkError() ? IO_ERROR : 0;
  }

  private record Loaded(SensorParserConfig config, GlobalConfig global) {}

  /** Parses each line of {@code data} and writes the outcomes to {@code out}. */
  public static Stats parse(ParserRunner runner, byte[] data, String source, PrintStream out) {
    long lines = 0;
    long parsed = 0;
    long invalid = 0;
    long failed = 0;
    long filtered = 0;
    int start = 0;
    int number = 0;
    while (start < data.length) {
      int end = start;
      while (end < data.length && data[end] != '\n') {
        end++;
      }
      number++;
      int stop = end > start && data[end - 1] == '\r' ? end - 1 : end;
      if (stop > start) {
        byte[] line = Arrays.copyOfRange(data, start, stop);
        lines++;
        RawMessage raw = new RawMessage(line, null, runner.sensor(), source + ":" + number);
        for (ParseOutcome outcome : runner.process(raw)) {
          switch (outcome) {
            case ParseOutcome.Parsed p -> parsed++;
            case ParseOutcome.Invalid i -> invalid++;
            case ParseOutcome.Failed f -> failed++;
            case ParseOutcome.Filtered f -> filtered++;
          }
          if (outcome.message() != null) {
            out.println(MessageCodec.toJson(outcome.message()));
          }
        }
      }
      start = end + 1;
    }
    return new Stats(lines, parsed, invalid, failed, filtered);
  }

  private static Loaded load(Options options) throws ConfigException, IOException {
    Configs configs;
    String sensor;
    if (options.config() != null) {
      String name = options.config().getFileName().toString();
      sensor = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
      configs = loadAlone(options.config(), options.global(), sensor);
    } else {
      if (options.sensor() == null) {
        throw new ConfigException("parse", "give --config FILE or --sensor NAME");
      }
      sensor = options.sensor();
      Path dir = options.configDir() == null ? Path.of("conf") : options.configDir();
      configs = new ConfigLoader().load(dir);
    }
    Optional<SensorParserConfig> config = configs.parser(sensor);
    if (config.isEmpty()) {
      throw new ConfigException(
          "parsers/" + sensor + ".json", "no parser config for sensor '" + sensor + "'");
    }
    return new Loaded(config.get(), configs.global());
  }

  /**
   * Reads one sensor file (and a global file) with the standard loader, so a file given on the
   * command line is validated exactly as one in a config directory.
   */
  private static Configs loadAlone(Path config, Path global, String sensor)
      throws ConfigException, IOException {
    Path dir = Files.createTempDirectory("metron-parse");
    try {
      Files.createDirectories(dir.resolve("parsers"));
      Files.copy(config, dir.resolve("parsers").resolve(sensor + ".json"));
      if (global != null) {
        Files.copy(global, dir.resolve("global.json"));
      }
      ConfigLoader.Result result = new ConfigLoader().read(dir);
      if (!result.valid()) {
        throw new ConfigException(
            result.problems().errors().stream().map(p -> rename(p, config, global)).toList());
      }
      return result.configs();
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /** Reports problems against the files the user named, not the temporary copies. */
  private static ConfigProblem rename(ConfigProblem p, Path config, Path global) {
    String file =
        p.file().startsWith("parsers/")
            ? config.toString()
            : global == null ? p.file() : global.toString();
    return new ConfigProblem(file, p.path(), p.message());
  }
}
