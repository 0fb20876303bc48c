package io.metron.core.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A sensor's indexing config ({@code indexing/<sensor>.json}): writer name to its settings.
 *
 * <p>Metron's writer names are {@code elasticsearch}, {@code solr} and {@code hdfs}; here {@code
 * elasticsearch} and {@code solr} both mean the search index (embedded Lucene or OpenSearch) and
 * {@code hdfs} means the archive, so users' files keep working. As in Metron, a missing or empty
 * file enables every writer with batch size 1 and the sensor name as index.
 */
public record IndexingConfig(String sensor, Map<String, WriterConfig> writers) {

  public static final Set<String> WRITERS = Set.of("elasticsearch", "solr", "hdfs");

  /**
   * One writer's settings. {@code fieldNameConverter} is null when the file does not name one: the
   * search store keeps dotted names then (Metron's Elasticsearch writer defaulted to DEDOT only
   * because Elasticsearch 2 refused dots); {@code setDocumentId} is null when unset.
   */
  public record WriterConfig(
      String index,
      int batchSize,
      long batchTimeoutSeconds,
      boolean enabled,
      String fieldNameConverter,
      Boolean setDocumentId,
      String outputPathFunction) {
    private static final Set<String> KEYS =
        Set.of(
            "index",
            "batchSize",
            "batchTimeout",
            "enabled",
            "fieldNameConverter",
            "setDocumentId",
            "outputPathFunction");

    static WriterConfig defaults(String sensor) {
      return new WriterConfig(sensor, 1, 0, true, null, null, null);
    }

    static WriterConfig read(String sensor, ConfigNode node) {
      if (!node.requireObject("writer settings")) {
        return defaults(sensor);
      }
      node.checkKeys(KEYS, Set.of());
      String index = node.string("index");
      Long batchSize = node.integer("batchSize");
      if (batchSize != null && batchSize < 1) {
        node.problem("batchSize", "must be at least 1");
      }
      Long timeout = node.integer("batchTimeout");
      Boolean enabled = node.bool("enabled");
      String converter = node.string("fieldNameConverter");
      if (converter != null && !Set.of("DEDOT", "NOOP").contains(converter)) {
        node.problem(
            "fieldNameConverter", "unknown converter '" + converter + "'; known: DEDOT, NOOP");
      }
      return new WriterConfig(
          index == null ? sensor : index,
          batchSize == null || batchSize < 1 ? 1 : batchSize.intValue(),
          timeout == null ? 0 : timeout,
          enabled == null || enabled,
          converter,
          node.bool("setDocumentId"),
          node.string("outputPathFunction"));
    }
  }

  public static IndexingConfig defaults(String sensor) {
    Map<String, WriterConfig> writers = new LinkedHashMap<>();
    for (String writer : WRITERS) {
      writers.put(writer, WriterConfig.defaults(sensor));
    }
    return new IndexingConfig(sensor, writers);
  }

  /**
   * The settings of {@code writer}; a writer the file does not mention is enabled with defaults.
   */
  public WriterConfig writer(String writer) {
    return writers.getOrDefault(writer, WriterConfig.defaults(sensor));
  }

  static IndexingConfig read(String sensor, ConfigNode node) {
    if (!node.requireObject("an indexing config")) {
      return null;
    }
    if (!node.json().properties().iterator().hasNext()) {
      return defaults(sensor);
    }
    Map<String, WriterConfig> writers = new LinkedHashMap<>();
    node.entries()
        .forEach(
            (name, settings) -> {
              if (!WRITERS.contains(name)) {
                String hint = Suggestions.closest(name, WRITERS);
                node.problem(
                    name,
                    "unknown writer '"
                        + name
                        + "'"
                        + (hint == null ? "" : " (did you mean '" + hint + "'?)")
                        + "; known: elasticsearch, solr, hdfs");
              } else {
                writers.put(name, WriterConfig.read(sensor, settings));
              }
            });
    return new IndexingConfig(sensor, writers);
  }
}
