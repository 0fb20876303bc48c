package io.metron.core.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code enrichment} or {@code threatIntel} section of a sensor's enrichment config.
 *
 * @param fieldMap adapter name to the fields it enriches; for {@code stellar} the value is Metron's
 *     {@code {"config": ...}} object, kept as plain Java values
 * @param fieldToTypeMap field to the enrichment types looked up for it
 * @param triageConfig present only in the threat intel section
 */
public record EnrichmentConfig(
    Map<String, Object> fieldMap,
    Map<String, List<String>> fieldToTypeMap,
    Map<String, Object> config,
    TriageConfig triageConfig) {

  private static final Set<String> KEYS = Set.of("fieldMap", "fieldToTypeMap", "config");
  private static final Set<String> THREAT_INTEL_KEYS =
      Set.of("fieldMap", "fieldToTypeMap", "config", "triageConfig");

  public static EnrichmentConfig none() {
    return new EnrichmentConfig(Map.of(), Map.of(), Map.of(), TriageConfig.none());
  }

  static EnrichmentConfig read(ConfigNode node, boolean threatIntel) {
    if (node == null || !node.requireObject("an enrichment section")) {
      return none();
    }
    node.checkKeys(threatIntel ? THREAT_INTEL_KEYS : KEYS, Set.of());
    Map<String, Object> fieldMap = new LinkedHashMap<>();
    ConfigNode fields = node.child("fieldMap");
    if (fields != null && fields.requireObject("a field map")) {
      fields
          .entries()
          .forEach(
              (adapter, value) -> {
                if ("stellar".equals(adapter)) {
                  if (value.requireObject("a Stellar enrichment ({\"config\": ...})")) {
                    fieldMap.put(adapter, value.asJava());
                  }
                } else {
                  // Metron read every other adapter's value as a list of field names.
                  fieldMap.put(adapter, fields.stringList(adapter));
                }
              });
    }
    Map<String, List<String>> fieldToTypeMap = new LinkedHashMap<>();
    ConfigNode types = node.child("fieldToTypeMap");
    if (types != null && types.requireObject("a field-to-type map")) {
      types.entries().keySet().forEach(field -> fieldToTypeMap.put(field, types.stringList(field)));
    }
    return new EnrichmentConfig(
        fieldMap,
        fieldToTypeMap,
        node.map("config"),
        threatIntel ? TriageConfig.read(node.child("triageConfig")) : TriageConfig.none());
  }
}
