package io.metron.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import io.metron.core.config.ConfigException;
import io.metron.core.config.ConfigLoader;
import io.metron.core.message.MessageCodec;
import io.metron.search.FieldTyping;
import io.metron.search.SearchStore;
import io.metron.search.lucene.LuceneSearchStore;
import io.metron.search.opensearch.OpenSearchSettings;
import io.metron.search.opensearch.OpenSearchStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Which search store a command uses: the embedded Lucene index under {@code <data>/index}, or an
 * OpenSearch cluster named by {@code --opensearch} or the global config's {@code opensearch.*}
 * keys. The one place that makes the choice, for {@code metron run} (indexing, the REST API) and
 * the commands that read the index ({@code search}, {@code alerts}).
 *
 * <p>{@code metron run} records the cluster it uses in {@code <data>/}{@value #FILE} (owner-only,
 * as it may hold the password), so {@code metron search --data DIR} finds the same cluster without
 * repeating the settings.
 */
final class SearchTier {
  /** Where {@code metron run} records the OpenSearch settings in use. */
  static final String FILE = "search-tier.json";

  static final String URL = "opensearch.url";
  static final String USERNAME = "opensearch.username";
  static final String PASSWORD = "opensearch.password";
  static final String PASSWORD_FILE = "opensearch.password.file";
  static final String CA = "opensearch.tls.ca";
  static final String INSECURE = "opensearch.tls.insecure";
  static final String REPLICAS = "opensearch.replicas";

  /** Overrides the password from the config, so it need not be written in a file. */
  static final String PASSWORD_ENV = "METRON_OPENSEARCH_PASSWORD";

  @Option(
      names = "--opensearch",
      paramLabel = "URL[,URL...]",
      description = {
        "Use the OpenSearch cluster at URL (http:// or https://, port 9200 by default) as the",
        "search tier instead of the embedded index. Default: global config 'opensearch.url';",
        "credentials and TLS from 'opensearch.username', 'opensearch.password' (or the",
        "METRON_OPENSEARCH_PASSWORD environment variable), 'opensearch.tls.ca',",
        "'opensearch.tls.insecure'."
      })
  String opensearch;

  /**
   * The OpenSearch settings this command should use, or null for the embedded index: the command
   * line and the global config first, then what {@code metron run} recorded in the data directory.
   */
  OpenSearchSettings settings(Locations locations, Map<String, Object> global)
      throws UserException {
    Map<String, Object> values = new LinkedHashMap<>(global);
    if (opensearch == null && values.get(URL) == null) {
      Map<String, Object> recorded = recorded(locations.data);
      if (recorded.isEmpty()) {
        return null;
      }
      values = new LinkedHashMap<>(recorded);
    }
    if (opensearch != null) {
      values.put(URL, opensearch);
    }
    return parse(values, System.getenv(PASSWORD_ENV));
  }

  /** Reads the {@code opensearch.*} keys; every mistake is one message naming the key. */
  static OpenSearchSettings parse(Map<String, Object> values, String passwordFromEnv)
      throws UserException {
    try {
      Object url = values.get(URL);
      List<java.net.URI> urls = new ArrayList<>();
      if (url instanceof List<?> list) {
        for (Object item : list) {
          urls.addAll(OpenSearchSettings.parseUrls(String.valueOf(item)));
        }
      } else {
        urls.addAll(OpenSearchSettings.parseUrls(String.valueOf(url)));
      }
      String username = string(values, USERNAME);
      String password = passwordFromEnv != null ? passwordFromEnv : string(values, PASSWORD);
      String passwordFile = string(values, PASSWORD_FILE);
      if (password == null && passwordFile != null) {
        try {
          password = Files.readString(Path.of(passwordFile)).strip();
        } catch (IOException e) {
          throw new UserException(
              "global config '" + PASSWORD_FILE + "': cannot read " + passwordFile);
        }
      }
      String ca = string(values, CA);
      return new OpenSearchSettings(
          urls,
          username,
          password,
          ca == null ? null : Path.of(ca),
          bool(values, INSECURE),
          integer(values, REPLICAS));
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage());
    }
  }

  /** Opens the store {@code metron run} indexes into and serves from. */
  SearchStore openForRun(Locations locations, Map<String, Object> global)
      throws UserException, IOException {
    OpenSearchSettings settings = settings(locations, global);
    Path recordFile = locations.data.resolve(FILE);
    if (settings == null) {
      Files.deleteIfExists(recordFile);
      return LuceneSearchStore.open(locations.index());
    }
    OpenSearchStore store = connect(settings, locations);
    record(recordFile, settings);
    return store;
  }

  /** Opens the store for a command that reads (and, for {@code alerts status}, updates) it. */
  SearchStore openForCommand(Locations locations) throws UserException, IOException {
    OpenSearchSettings settings = settings(locations, global(locations));
    if (settings == null) {
      return LuceneSearchStore.openReadOnly(locations.index());
    }
    return connect(settings, locations);
  }

  /** The embedded index for an update, or the cluster. */
  SearchStore openForUpdate(Locations locations) throws UserException, IOException {
    OpenSearchSettings settings = settings(locations, global(locations));
    if (settings == null) {
      if (!Files.isDirectory(locations.index())) {
        throw new UserException("no search index under " + locations.index());
      }
      return LuceneSearchStore.open(locations.index());
    }
    return connect(settings, locations);
  }

  private static OpenSearchStore connect(OpenSearchSettings settings, Locations locations)
      throws UserException, IOException {
    // The same override file as the embedded index, so switching tiers keeps the field types.
    FieldTyping typing = FieldTyping.load(locations.index().resolve(FieldTyping.OVERRIDE_FILE));
    try {
      return OpenSearchStore.connect(settings, typing);
    } catch (IOException e) {
      throw new UserException(e.getMessage());
    }
  }

  /** The global config of the command's config directory, or none when it has none. */
  private static Map<String, Object> global(Locations locations) {
    Path dir = locations.configDir();
    if (!Files.isRegularFile(dir.resolve("global.json"))) {
      return Map.of();
    }
    try {
      return new ConfigLoader().read(dir).configs().global().values();
    } catch (ConfigException e) {
      return Map.of();
    }
  }

  private static Map<String, Object> recorded(Path data) throws UserException {
    Path file = data.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Map.of();
    }
    try {
      return MessageCodec.JSON.readValue(file.toFile(), new TypeReference<>() {});
    } catch (IOException e) {
      throw new UserException(file + ": cannot read: " + e.getMessage());
    }
  }

  private static void record(Path file, OpenSearchSettings settings) throws IOException {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put(URL, settings.describe());
    if (settings.username() != null) {
      out.put(USERNAME, settings.username());
    }
    if (settings.password() != null) {
      out.put(PASSWORD, settings.password());
    }
    if (settings.caCertificate() != null) {
      out.put(CA, settings.caCertificate().toAbsolutePath().toString());
    }
    out.put(INSECURE, settings.insecure());
    out.put(REPLICAS, settings.replicas());
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(FILE + ".tmp");
    Files.deleteIfExists(tmp);
    try {
      Files.createFile(
          tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(tmp);
    }
    Files.write(tmp, MessageCodec.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(out));
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static String string(Map<String, Object> values, String key) {
    Object v = values.get(key);
    return v == null || v.toString().isBlank() ? null : v.toString();
  }

  private static boolean bool(Map<String, Object> values, String key) {
    Object v = values.get(key);
    if (v == null) {
      return false;
    }
    String s = v.toString().toLowerCase(Locale.ROOT);
    if (!s.equals("true") && !s.equals("false")) {
      throw new IllegalArgumentException(
          "global config '" + key + "': expected true or false, not '" + v + "'");
    }
    return s.equals("true");
  }

  private static int integer(Map<String, Object> values, String key) {
    Object v = values.get(key);
    if (v == null) {
      return 0;
    }
    try {
      return Integer.parseInt(v.toString());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "global config '" + key + "': expected a whole number, not '" + v + "'");
    }
  }
}
