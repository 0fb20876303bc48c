package io.metron.pipeline.enrich;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Reads enrichment and threat-intel tables: Metron's model of (type, indicator) → map of values.
 * The {@code hbaseEnrichment} and {@code hbaseThreatIntel} adapters and the {@code ENRICHMENT_GET}
 * and {@code ENRICHMENT_EXISTS} functions read through this interface, so the pipeline never sees
 * the store behind it.
 *
 * <p>Contract: implementations are thread-safe; a missing row is {@code null}, never an exception.
 * A failing store (an I/O error) is reported with an unchecked exception, which the enrichment
 * stage turns into an enrichment error message while the event itself carries on.
 */
public interface EnrichmentLookup {

  /** The value map stored for {@code (type, indicator)}, or {@code null} when there is none. */
  Map<String, Object> get(String type, String indicator);

  /** Whether a row exists for {@code (type, indicator)}. */
  default boolean exists(String type, String indicator) {
    return get(type, indicator) != null;
  }

  /**
   * The value maps of several keys at once, in the order of {@code keys}, with {@code null} for a
   * missing row. Stores that can read a batch faster than one row at a time override this.
   */
  default List<Map<String, Object>> getAll(List<LookupKey> keys) {
    List<Map<String, Object>> out = new ArrayList<>(keys.size());
    for (LookupKey key : keys) {
      out.add(get(key.type(), key.indicator()));
    }
    return out;
  }

  /** A lookup in which every row is missing: what a deployment without tables has. */
  static EnrichmentLookup none() {
    return (type, indicator) -> null;
  }

  /** A lookup over fixed rows, for tests and tools. */
  static EnrichmentLookup of(Map<LookupKey, Map<String, Object>> rows) {
    Map<LookupKey, Map<String, Object>> copy = Map.copyOf(rows);
    return (type, indicator) -> {
      Map<String, Object> value = copy.get(new LookupKey(type, indicator));
      return value == null ? null : Collections.unmodifiableMap(value);
    };
  }
}
