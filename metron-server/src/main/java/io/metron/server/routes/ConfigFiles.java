package io.metron.server.routes;

import io.metron.core.config.ConfigException;
import io.metron.core.config.ConfigLoader;
import io.metron.core.config.ConfigProblem;
import io.metron.core.config.Configs;
import io.metron.server.AtomicWrite;
import io.metron.server.api.ApiException;
import io.metron.server.api.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The config directory as the API reads and changes it. A change is validated the way {@code metron
 * config validate} validates a directory: the whole directory, with the change applied, is copied
 * aside and loaded; only if it loads cleanly is the file written (atomically) and the running
 * pipeline told to reload, so a bad config never replaces a good running one. Changes are made one
 * at a time.
 */
public final class ConfigFiles {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,100}");

  /** A kind of config document and where it lives. */
  public enum Kind {
    PARSER("parsers"),
    ENRICHMENT("enrichments"),
    INDEXING("indexing"),
    GLOBAL(null);

    private final String dir;

    Kind(String dir) {
      this.dir = dir;
    }

    /** The document's file in the config directory, e.g. {@code parsers/bro.json}. */
    public String file(String name) {
      return dir == null ? "global.json" : dir + "/" + name + ".json";
    }
  }

  private final Path root;
  private final ConfigLoader loader;
  private final Runnable reload;

  public ConfigFiles(Path root, ConfigLoader loader, Runnable reload) {
    this.root = root;
    this.loader = loader;
    this.reload = reload;
  }

  /** The document, as stored, or empty when there is none. */
  public java.util.Optional<Map<String, Object>> read(Kind kind, String name) {
    Path file = root.resolve(kind.file(checkName(kind, name)));
    if (!Files.isRegularFile(file)) {
      return java.util.Optional.empty();
    }
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> doc = Json.MAPPER.readValue(file.toFile(), Map.class);
      return java.util.Optional.of(doc);
    } catch (IOException e) {
      throw new ApiException(500, kind.file(name) + " cannot be read: " + e.getMessage());
    }
  }

  /** Every document of a kind, by sensor name. */
  public Map<String, Map<String, Object>> all(Kind kind) {
    Map<String, Map<String, Object>> out = new TreeMap<>();
    Path dir = root.resolve(kind.dir);
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        String name = f.getFileName().toString().replaceFirst("\\.json$", "");
        read(kind, name).ifPresent(doc -> out.put(name, doc));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Validates the directory with this document saved, then saves it and reloads. */
  public synchronized void save(Kind kind, String name, Map<String, Object> doc) {
    String file = kind.file(checkName(kind, name));
    byte[] bytes;
    try {
      bytes = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc);
    } catch (IOException e) {
      throw ApiException.badRequest("the config cannot be written as JSON", null);
    }
    validate(Map.of(file, bytes));
    write(root.resolve(file), bytes);
    reload.run();
  }

  /** Validates the directory without this document, then deletes it and reloads. */
  public synchronized boolean delete(Kind kind, String name) {
    String file = kind.file(checkName(kind, name));
    if (!Files.exists(root.resolve(file))) {
      return false;
    }
    validate(java.util.Collections.singletonMap(file, null));
    try {
      Files.delete(root.resolve(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    reload.run();
    return true;
  }

  /**
   * The configs the directory would load with {@code changes} (file → new content, null to delete)
   * applied; a 400 naming each problem's file and JSON path when they do not validate.
   */
  public Configs validate(Map<String, byte[]> changes) {
    ConfigLoader.Result result = check(changes);
    if (!result.valid()) {
      throw refused(result.problems().errors());
    }
    return result.configs();
  }

  /**
   * What loading the directory with {@code changes} applied finds: the configs and every problem
   * and warning, each with its file and JSON path (what {@code metron config validate} prints).
   */
  public ConfigLoader.Result check(Map<String, byte[]> changes) {
    Path candidate;
    try {
      candidate = Files.createTempDirectory("metron-config-check");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      copyDocuments(root, candidate);
      for (Map.Entry<String, byte[]> change : changes.entrySet()) {
        Path target = candidate.resolve(change.getKey());
        if (change.getValue() == null) {
          Files.deleteIfExists(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.write(target, change.getValue());
        }
      }
      return loader.read(candidate);
    } catch (ConfigException e) {
      throw refused(e.problems());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteTree(candidate);
    }
  }

  private static ApiException refused(List<ConfigProblem> problems) {
    ConfigProblem first = problems.getFirst();
    String field = first.path().isEmpty() ? first.file() : first.file() + " " + first.path();
    return ApiException.badRequest(
        "the config does not validate: "
            + problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("; ")),
        field);
  }

  /** The name, if it is a valid sensor name for {@code kind}; a 400 otherwise. */
  static String checkName(Kind kind, String name) {
    if (kind != Kind.GLOBAL && (name == null || !NAME.matcher(name).matches())) {
      throw ApiException.badRequest(
          "the sensor name '" + name + "' is not valid: use 1 to 100 of A-Z a-z 0-9 _ . -", "name");
    }
    return name;
  }

  private static void copyDocuments(Path from, Path to) throws IOException {
    if (!Files.isDirectory(from)) {
      return;
    }
    try (Stream<Path> files = Files.walk(from, 2)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        Files.createDirectories(target.getParent());
        Files.copy(f, target);
      }
    }
  }

  private static void write(Path file, byte[] bytes) {
    try {
      AtomicWrite.replace(file, bytes, false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // A temporary copy left behind is harmless.
    }
  }
}
