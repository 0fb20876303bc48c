package io.metron.pipeline.enrich;

import io.metron.core.config.EnrichmentConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code hbaseThreatIntel} adapter: for each threat-intel type that {@code fieldToTypeMap}
 * lists for the field, whether the table holds (type, value); a hit becomes {@code <type>:
 * "alert"}, which makes the message an alert.
 */
final class ThreatIntelAdapter implements FieldAdapter {
  private final EnrichmentLookup tables;

  ThreatIntelAdapter(EnrichmentLookup tables) {
    this.tables = tables;
  }

  @Override
  public String timingName() {
    return "threatinteladapter";
  }

  @Override
  public Map<String, Object> enrich(String field, Object value, EnrichmentConfig section) {
    List<String> types = section.fieldToTypeMap().get(field);
    if (types == null || types.isEmpty()) {
      return Map.of();
    }
    String indicator = value.toString();
    List<LookupKey> keys = new ArrayList<>(types.size());
    for (String type : types) {
      keys.add(new LookupKey(type, indicator));
    }
    List<Map<String, Object>> rows = tables.getAll(keys);
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      if (rows.get(i) != null) {
        out.put(keys.get(i).type(), "alert");
      }
    }
    return out;
  }
}
