package io.metron.pipeline.enrich;

import io.metron.core.config.EnrichmentConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code hbaseEnrichment} adapter: for each enrichment type that {@code fieldToTypeMap} lists
 * for the field, the row (type, value) of the enrichment table; each entry of the row's value map
 * becomes {@code <type>.<key>}.
 */
final class TableAdapter implements FieldAdapter {
  private final EnrichmentLookup tables;

  TableAdapter(EnrichmentLookup tables) {
    this.tables = tables;
  }

  @Override
  public String timingName() {
    return "simplehbaseadapter";
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
      Map<String, Object> row = rows.get(i);
      if (row != null) {
        String type = keys.get(i).type();
        row.forEach((k, v) -> out.put(type + "." + k, v));
      }
    }
    return out;
  }
}
