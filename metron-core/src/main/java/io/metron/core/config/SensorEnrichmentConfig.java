package io.metron.core.config;

import java.util.Map;
import java.util.Set;

/** A sensor's enrichment config ({@code enrichments/<sensor>.json}), in Metron's shape. */
public record SensorEnrichmentConfig(
    String sensor,
    EnrichmentConfig enrichment,
    EnrichmentConfig threatIntel,
    Map<String, Object> configuration) {

  private static final Set<String> KEYS = Set.of("enrichment", "threatIntel", "configuration");

  public static SensorEnrichmentConfig none(String sensor) {
    return new SensorEnrichmentConfig(
        sensor, EnrichmentConfig.none(), EnrichmentConfig.none(), Map.of());
  }

  static SensorEnrichmentConfig read(String sensor, ConfigNode node) {
    if (!node.requireObject("an enrichment config")) {
      return null;
    }
    node.checkKeys(KEYS, Set.of());
    return new SensorEnrichmentConfig(
        sensor,
        EnrichmentConfig.read(node.child("enrichment"), false),
        EnrichmentConfig.read(node.child("threatIntel"), true),
        node.map("configuration"));
  }
}
