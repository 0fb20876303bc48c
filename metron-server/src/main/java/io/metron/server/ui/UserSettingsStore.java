package io.metron.server.ui;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Each user's Alerts UI settings (Metron's {@code AlertsUIUserSettings}: table columns, saved
 * searches, facet fields, plus recent searches), kept in one JSON file under the data directory and
 * replaced atomically on every save, so a crash leaves the old or the new file, never half of one.
 * Thread-safe.
 */
public final class UserSettingsStore {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One user's settings.
   *
   * @param user whose they are
   * @param tableColumns the alert table's columns, in order
   * @param savedSearches named searches; one marked {@code shared} is offered to every user
   * @param recentSearches the newest queries first
   * @param facetFields the fields the facet panel counts
   */
  public record Settings(
      String user,
      List<String> tableColumns,
      List<SavedSearch> savedSearches,
      List<String> recentSearches,
      List<String> facetFields) {

    public Settings {
      tableColumns = tableColumns == null ? List.of() : List.copyOf(tableColumns);
      savedSearches = savedSearches == null ? List.of() : List.copyOf(savedSearches);
      recentSearches = recentSearches == null ? List.of() : List.copyOf(recentSearches);
      facetFields = facetFields == null ? List.of() : List.copyOf(facetFields);
    }

    Settings of(String owner) {
      return new Settings(owner, tableColumns, savedSearches, recentSearches, facetFields);
    }
  }

  /**
   * A named search, as Metron's UI saved it.
   *
   * @param name its name, unique per user
   * @param searchRequest Metron's SearchRequest (query, sort, size, …) as the UI sent it
   * @param shared whether other users see it too
   */
  public record SavedSearch(String name, Map<String, Object> searchRequest, Boolean shared) {}

  /** A saved search someone shared, with its owner. */
  public record SharedSearch(String user, String name, Map<String, Object> searchRequest) {}

  private final Path file;
  private final Map<String, Settings> byUser = new TreeMap<>();

  public UserSettingsStore(Path file) {
    this.file = file;
    if (Files.exists(file)) {
      try {
        byUser.putAll(JSON.readValue(file.toFile(), new TypeReference<Map<String, Settings>>() {}));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the UI settings file " + file, e);
      }
    }
  }

  /** The store under a data directory: {@code <data>/ui/settings.json}. */
  public static UserSettingsStore in(Path dataDir) {
    return new UserSettingsStore(dataDir.resolve("ui").resolve("settings.json"));
  }

  public synchronized Optional<Settings> get(String user) {
    return Optional.ofNullable(byUser.get(user));
  }

  public synchronized Map<String, Settings> all() {
    return Map.copyOf(byUser);
  }

  /** Replaces {@code user}'s settings (the {@code user} field of the body is ignored). */
  public synchronized void save(String user, Settings settings) {
    byUser.put(user, settings.of(user));
    write();
  }

  /** Removes {@code user}'s settings; false when there were none. */
  public synchronized boolean delete(String user) {
    boolean had = byUser.remove(user) != null;
    if (had) {
      write();
    }
    return had;
  }

  /** Every user's shared saved searches, by user then name. */
  public synchronized List<SharedSearch> shared() {
    return byUser.values().stream()
        .flatMap(
            s ->
                s.savedSearches().stream()
                    .filter(q -> Boolean.TRUE.equals(q.shared()))
                    .map(q -> new SharedSearch(s.user(), q.name(), q.searchRequest())))
        .toList();
  }

  private void write() {
    try {
      Files.createDirectories(file.getParent());
      Path temp = file.resolveSibling(file.getFileName() + ".tmp");
      JSON.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), byUser);
      try {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the UI settings file " + file, e);
    }
  }
}
