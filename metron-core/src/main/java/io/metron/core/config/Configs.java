package io.metron.core.config;

import java.util.Map;
import java.util.Optional;

/**
 * A complete, validated set of config documents: what a running pipeline works from. Immutable; a
 * reload builds a new one and swaps it in only if it is valid.
 */
public record Configs(
    GlobalConfig global,
    Map<String, SensorParserConfig> parsers,
    Map<String, SensorEnrichmentConfig> enrichments,
    Map<String, IndexingConfig> indexing,
    ProfilerConfig profiler) {

  public Configs {
    parsers = Map.copyOf(parsers);
    enrichments = Map.copyOf(enrichments);
    indexing = Map.copyOf(indexing);
  }

  public Optional<SensorParserConfig> parser(String sensor) {
    return Optional.ofNullable(parsers.get(sensor));
  }

  /** A sensor's enrichment config; a sensor without one passes through enrichment unchanged. */
  public SensorEnrichmentConfig enrichment(String sensor) {
    return enrichments.getOrDefault(sensor, SensorEnrichmentConfig.none(sensor));
  }

  /** A sensor's indexing config; without one, every writer is enabled with defaults (as Metron). */
  public IndexingConfig indexing(String sensor) {
    return indexing.getOrDefault(sensor, IndexingConfig.defaults(sensor));
  }
}
