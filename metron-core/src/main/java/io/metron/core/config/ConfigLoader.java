package io.metron.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.metron.core.message.MessageCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a config directory laid out as Metron's {@code $METRON_HOME/config/zookeeper}:
 *
 * <pre>
 * global.json
 * parsers/&lt;sensor&gt;.json
 * enrichments/&lt;sensor&gt;.json
 * indexing/&lt;sensor&gt;.json
 * profiler.json
 * </pre>
 *
 * Every document is read and every problem collected before deciding, so one run of {@code metron
 * config validate} shows them all. Storm tuning keys are ignored with a single warning.
 * Thread-safe.
 */
public final class ConfigLoader {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);

  private final List<ConfigCheck> checks;

  public ConfigLoader(List<ConfigCheck> checks) {
    this.checks = List.copyOf(checks);
  }

  public ConfigLoader() {
    this(List.of());
  }

  /** The outcome of reading a directory: the configs (possibly partial) and every problem. */
  public record Result(Configs configs, Problems problems) {
    public boolean valid() {
      return problems.isEmpty();
    }

    /** The configs, or an exception listing every problem. */
    public Configs orThrow() throws ConfigException {
      if (!valid()) {
        throw new ConfigException(problems.errors());
      }
      return configs;
    }
  }

  /** Reads and validates {@code dir}, then throws if anything is wrong. */
  public Configs load(Path dir) throws ConfigException {
    return read(dir).orThrow();
  }

  public Result read(Path dir) throws ConfigException {
    if (!Files.isDirectory(dir)) {
      throw new ConfigException(
          dir.toString(),
          Files.exists(dir)
              ? "is not a directory: a config directory holds global.json, parsers/, enrichments/,"
                  + " indexing/"
              : "no such config directory");
    }
    Problems problems = new Problems();
    GlobalConfig global =
        readOne(dir, "global.json", problems).map(GlobalConfig::read).orElse(GlobalConfig.empty());
    Map<String, SensorParserConfig> parsers =
        readSensors(dir, "parsers", problems, SensorParserConfig::read);
    Map<String, SensorEnrichmentConfig> enrichments =
        readSensors(dir, "enrichments", problems, SensorEnrichmentConfig::read);
    Map<String, IndexingConfig> indexing =
        readSensors(dir, "indexing", problems, IndexingConfig::read);
    ProfilerConfig profiler =
        readOne(dir, "profiler.json", problems)
            .map(ProfilerConfig::read)
            .orElse(ProfilerConfig.none());
    Configs configs = new Configs(global, parsers, enrichments, indexing, profiler);
    for (ConfigCheck check : checks) {
      check.check(configs, problems);
    }
    for (ConfigProblem warning : problems.warnings()) {
      LOG.warn("{}", warning);
    }
    if (!problems.ignoredStormKeys().isEmpty()) {
      LOG.warn(
          "Ignoring Storm tuning settings, which have no meaning on Kafka Streams: {}",
          String.join(", ", new java.util.TreeSet<>(problems.ignoredStormKeys())));
    }
    return new Result(configs, problems);
  }

  /**
   * Reads one sensor's parser config given as JSON text, as {@code parsers/<sensor>.json} would be
   * read (the REPL's PARSER_INIT edits configs as strings).
   *
   * @throws ConfigException listing every problem, each with its JSON path
   */
  public static SensorParserConfig parserConfig(String sensor, String json) throws ConfigException {
    return readText(
        "parsers/" + sensor + ".json", json, node -> SensorParserConfig.read(sensor, node));
  }

  /** Reads one sensor's enrichment config given as JSON text; see {@link #parserConfig}. */
  public static SensorEnrichmentConfig enrichmentConfig(String sensor, String json)
      throws ConfigException {
    return readText(
        "enrichments/" + sensor + ".json", json, node -> SensorEnrichmentConfig.read(sensor, node));
  }

  private static <T> T readText(
      String name, String json, java.util.function.Function<ConfigNode, T> reader)
      throws ConfigException {
    Problems problems = new Problems();
    ConfigNode node = parse(name, () -> MessageCodec.JSON.readTree(json), problems);
    T config = node == null ? null : reader.apply(node);
    if (!problems.isEmpty() || config == null) {
      throw new ConfigException(
          problems.isEmpty()
              ? List.of(new ConfigProblem(name, "$", "not a config"))
              : problems.errors());
    }
    return config;
  }

  private static java.util.Optional<ConfigNode> readOne(Path dir, String name, Problems problems) {
    Path file = dir.resolve(name);
    if (!Files.isRegularFile(file)) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.ofNullable(parse(file, name, problems));
  }

  private static <T> Map<String, T> readSensors(
      Path dir, String kind, Problems problems, BiFunction<String, ConfigNode, T> reader) {
    Map<String, T> out = new TreeMap<>();
    Path sub = dir.resolve(kind);
    if (!Files.isDirectory(sub)) {
      return out;
    }
    List<Path> files = new ArrayList<>();
    try (Stream<Path> listing = Files.list(sub)) {
      listing
          .filter(p -> p.getFileName().toString().endsWith(".json"))
          .sorted()
          .forEach(files::add);
    } catch (IOException e) {
      problems.add(kind, "$", "cannot list directory: " + e.getMessage());
      return out;
    }
    for (Path file : files) {
      String name = file.getFileName().toString();
      String sensor = name.substring(0, name.length() - ".json".length());
      ConfigNode node = parse(file, kind + "/" + name, problems);
      if (node != null) {
        T config = reader.apply(sensor, node);
        if (config != null) {
          out.put(sensor, config);
        }
      }
    }
    return out;
  }

  /** Parses one file; malformed JSON is reported with its line and column. */
  static ConfigNode parse(Path file, String name, Problems problems) {
    return parse(name, () -> MessageCodec.JSON.readTree(Files.readAllBytes(file)), problems);
  }

  /** Reads the JSON of a document. */
  @FunctionalInterface
  private interface JsonSource {
    JsonNode read() throws IOException;
  }

  private static ConfigNode parse(String name, JsonSource source, Problems problems) {
    try {
      JsonNode json = source.read();
      if (json == null || json.isMissingNode()) {
        problems.add(name, "$", "the file is empty: expected a JSON object");
        return null;
      }
      return new ConfigNode(name, "$", json, problems);
    } catch (JsonProcessingException e) {
      var at = e.getLocation();
      problems.add(
          name,
          "$",
          "malformed JSON"
              + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
              + ": "
              + e.getOriginalMessage());
      return null;
    } catch (IOException e) {
      problems.add(name, "$", "cannot read: " + e.getMessage());
      return null;
    }
  }
}
