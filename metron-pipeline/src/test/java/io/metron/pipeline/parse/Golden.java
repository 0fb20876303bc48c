package io.metron.pipeline.parse;

import io.metron.core.config.ConfigLoader;
import io.metron.core.config.Configs;
import io.metron.core.message.Message;
import io.metron.core.message.MessageCodec;
import io.metron.pipeline.parse.expr.ExpressionEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Shared fixtures: the fixed clock, test resources and config loading from a sensor file. */
final class Golden {
  /** Every golden case runs at this instant, so "now" and year-less dates are deterministic. */
  static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-01T12:00:00Z"), ZoneOffset.UTC);

  static final Path ROOT = Path.of("src/test/resources/io/metron/pipeline/parse");

  private Golden() {}

  /** Loads {@code json} as {@code parsers/<sensor>.json} with the standard loader. */
  static Configs load(String sensor, String json, String globalJson) throws Exception {
    Path dir = Files.createTempDirectory("golden");
    Files.createDirectories(dir.resolve("parsers"));
    Files.writeString(dir.resolve("parsers").resolve(sensor + ".json"), json);
    if (globalJson != null) {
      Files.writeString(dir.resolve("global.json"), globalJson);
    }
    return new ConfigLoader().load(dir);
  }

  static ParserRunner runner(String sensor, String json) throws Exception {
    return runner(sensor, json, null);
  }

  static ParserRunner runner(String sensor, String json, String globalJson) throws Exception {
    Configs configs = load(sensor, json, globalJson);
    return ParserRunner.create(
        configs.parser(sensor).orElseThrow(), configs.global(), CLOCK, ExpressionEngine.standard());
  }

  /**
   * Runners for sensors whose configs are {@code <sensor>/config.json} under {@link #ROOT}, plus
   * any given as name to JSON in {@code extra}, loaded together with the standard loader.
   */
  static List<ParserRunner> runners(List<String> sensors, Map<String, String> extra)
      throws Exception {
    Path dir = Files.createTempDirectory("sensors");
    try {
      Path parsers = Files.createDirectories(dir.resolve("parsers"));
      for (String sensor : sensors) {
        Files.copy(ROOT.resolve(sensor).resolve("config.json"), parsers.resolve(sensor + ".json"));
      }
      for (Map.Entry<String, String> e : extra.entrySet()) {
        Files.writeString(parsers.resolve(e.getKey() + ".json"), e.getValue());
      }
      Configs configs = new ConfigLoader().load(dir);
      List<ParserRunner> runners = new ArrayList<>();
      for (String sensor : Stream.concat(sensors.stream(), extra.keySet().stream()).toList()) {
        runners.add(
            ParserRunner.create(
                configs.parser(sensor).orElseThrow(),
                configs.global(),
                CLOCK,
                ExpressionEngine.standard()));
      }
      return List.copyOf(runners);
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(file);
        }
      }
    }
  }

  /** The messages of a run with the fields that change from run to run removed. */
  static List<Map<String, Object>> comparable(List<ParseOutcome> outcomes) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (ParseOutcome outcome : outcomes) {
      Message message = outcome.message();
      if (message != null) {
        Message copy = message.copy();
        copy.remove("guid");
        if ("error".equals(copy.sourceType())) {
          copy.remove("hostname");
          copy.remove("stack");
        }
        out.add(copy.fields());
      }
    }
    return out;
  }

  static Map<String, Object> parse(String json) throws Exception {
    return MessageCodec.read(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)).fields();
  }

  static List<String> lines(Path file) throws IOException {
    return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
  }
}
