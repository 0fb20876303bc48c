package io.metron.server;

import io.metron.pipeline.enrich.EnrichmentResources;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What sensor management reads from the running platform besides the config directory: its metrics
 * (the per-sensor counters {@code metron status} shows) and the enrichment resources its pipeline
 * uses (tables, GeoIP, Stellar functions), so a parser test runs the chain exactly as the pipeline
 * would.
 *
 * @param metrics every metric series and its current value
 * @param resources the pipeline's enrichment resources
 */
public record ManagedPlatform(
    Supplier<Map<String, Double>> metrics, EnrichmentResources resources) {
  /** No running pipeline: no metrics, empty tables, no GeoIP database. */
  public static ManagedPlatform none() {
    return new ManagedPlatform(Map::of, EnrichmentResources.none());
  }
}
