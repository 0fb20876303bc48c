package io.metron.cli.functions;

import io.metron.core.config.ConfigException;
import io.metron.core.config.ConfigLoader;
import io.metron.core.config.ConfigProblem;
import io.metron.stellar.FunctionDescriptor;
import io.metron.stellar.StellarException;
import io.metron.stellar.StellarFunction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * {@code CONFIG_GET} and {@code CONFIG_PUT}: Metron's REPL functions that read and write the
 * platform's configs — there in ZooKeeper, here the config directory ({@code global.json}, {@code
 * parsers/}, {@code enrichments/}, {@code indexing/}, {@code profiler.json}) that a running {@code
 * metron run} reloads, and that {@code metron config push} publishes to a cluster. A config is
 * written only when the directory with it passes the same validation as a load.
 */
public final class ConfigFunctions {
  private final Supplier<Path> dir;
  private final ConfigLoader loader;

  /**
   * @param dir the config directory
   * @param loader validates a directory as {@code metron run} would
   */
  public ConfigFunctions(Supplier<Path> dir, ConfigLoader loader) {
    this.dir = dir;
    this.loader = loader;
  }

  /** Both functions. */
  public List<StellarFunction> all() {
    return List.of(get(), put());
  }

  /** The file of a config type, relative to the config directory. */
  static String file(String fn, Object type, Object sensor) {
    String t = type == null ? "" : type.toString().toUpperCase(Locale.ROOT);
    String sensorName = sensor == null ? null : sensor.toString();
    String sub =
        switch (t) {
          case "GLOBAL" -> null;
          case "PROFILER" -> null;
          case "PARSER" -> "parsers";
          case "ENRICHMENT" -> "enrichments";
          case "INDEXING" -> "indexing";
          default ->
              throw new StellarException(
                  fn
                      + ": type must be GLOBAL, PARSER, ENRICHMENT, INDEXING or PROFILER, got "
                      + type);
        };
    if (sub == null) {
      return t.equals("GLOBAL") ? "global.json" : "profiler.json";
    }
    if (sensorName == null || sensorName.isBlank()) {
      throw new StellarException(fn + ": a " + t + " config needs the sensor name");
    }
    if (!sensorName.matches("[A-Za-z0-9_.\\-]+")) {
      throw new StellarException(fn + ": '" + sensorName + "' is not a sensor name");
    }
    return sub + "/" + sensorName + ".json";
  }

  StellarFunction get() {
    return StellarFunction.of(
        FunctionDescriptor.builder("CONFIG_GET")
            .param("type", "String", "GLOBAL, PARSER, ENRICHMENT, INDEXING or PROFILER")
            .optional("sensor", "String", "the sensor, for PARSER, ENRICHMENT and INDEXING")
            .optional(
                "emptyIfNotPresent",
                "Boolean",
                "whether a missing config is an empty one ({}), true by default; else null")
            .returns("String: the config's JSON, from the config directory")
            .description("Reads a config from the config directory.")
            .nondeterministic()
            .build(),
        (args, context) -> {
          String name = file("CONFIG_GET", args.get(0), args.size() > 1 ? args.get(1) : null);
          boolean empty = args.size() < 3 || !Boolean.FALSE.equals(args.get(2));
          Path file = dir.get().resolve(name);
          try {
            return Files.readString(file, StandardCharsets.UTF_8);
          } catch (java.nio.file.NoSuchFileException e) {
            return empty ? "{}" : null;
          } catch (IOException e) {
            throw new StellarException("CONFIG_GET: cannot read " + file + ": " + e.getMessage());
          }
        });
  }

  StellarFunction put() {
    return StellarFunction.of(
        FunctionDescriptor.builder("CONFIG_PUT")
            .param("type", "String", "GLOBAL, PARSER, ENRICHMENT, INDEXING or PROFILER")
            .param("config", "String", "the config's JSON")
            .optional("sensor", "String", "the sensor, for PARSER, ENRICHMENT and INDEXING")
            .returns("null; an invalid config is an error naming each problem, and is not written")
            .description(
                "Writes a config to the config directory, after validating it as a load would.")
            .nondeterministic()
            .build(),
        (args, context) -> {
          String fn = "CONFIG_PUT";
          String name = file(fn, args.get(0), args.size() > 2 ? args.get(2) : null);
          Object config = args.get(1);
          if (config == null || config.toString().isBlank()) {
            throw new StellarException(fn + ": config is required");
          }
          Path root = dir.get();
          List<String> problems = validate(root, name, config.toString());
          if (!problems.isEmpty()) {
            throw new StellarException(fn + ": not written: " + String.join("; ", problems));
          }
          Path target = root.resolve(name);
          try {
            Files.createDirectories(target.getParent());
            Path partial = target.resolveSibling(target.getFileName() + ".partial");
            Files.writeString(partial, config.toString(), StandardCharsets.UTF_8);
            Files.move(
                partial,
                target,
                StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
          } catch (IOException e) {
            throw new StellarException(fn + ": cannot write " + target + ": " + e.getMessage());
          }
          return null;
        });
  }

  /** The problems of {@code name} when the directory holds {@code json} there. */
  private List<String> validate(Path root, String name, String json) {
    Path copy = null;
    try {
      copy = Files.createTempDirectory("metron-config-put");
      if (Files.isDirectory(root)) {
        copyTree(root, copy);
      }
      Path file = copy.resolve(name);
      Files.createDirectories(file.getParent());
      Files.writeString(file, json, StandardCharsets.UTF_8);
      List<String> problems = new ArrayList<>();
      for (ConfigProblem p : loader.read(copy).problems().errors()) {
        if (p.file().equals(name) || p.file().endsWith("/" + name)) {
          problems.add(p.path() + ": " + p.message());
        }
      }
      return problems;
    } catch (ConfigException e) {
      return e.problems().stream().map(ConfigProblem::toString).toList();
    } catch (IOException e) {
      throw new StellarException("CONFIG_PUT: cannot validate the config: " + e.getMessage());
    } finally {
      if (copy != null) {
        delete(copy);
      }
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else if (p.getFileName().toString().endsWith(".json")) {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static void delete(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | UncheckedIOException e) {
      // a temporary copy left behind is harmless
    }
  }
}
