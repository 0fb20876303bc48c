package io.metron.pipeline.enrich;

import io.metron.core.config.EnrichmentConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Looks a field's value up in the tables, once for each type {@code fieldToTypeMap} lists for the
 * field, and turns each row found into fields. Two of Metron's adapters are this lookup with a
 * different output:
 *
 * <ul>
 *   <li>{@code hbaseEnrichment} ({@link #enrichment}): each entry of the row's value map becomes
 *       {@code <type>.<key>};
 *   <li>{@code hbaseThreatIntel} ({@link #threatIntel}): a hit becomes {@code <type>: "alert"},
 *       which makes the message an alert.
 * </ul>
 */
final class TableAdapter implements FieldAdapter {
  /** How a found row becomes fields of the output. */
  @FunctionalInterface
  private interface RowFields {
    void add(String type, Map<String, Object> row, Map<String, Object> out);
  }

  private final EnrichmentLookup tables;
  private final String timingName;
  private final RowFields rowFields;

  private TableAdapter(EnrichmentLookup tables, String timingName, RowFields rowFields) {
    this.tables = tables;
    this.timingName = timingName;
    this.rowFields = rowFields;
  }

  static TableAdapter enrichment(EnrichmentLookup tables) {
    return new TableAdapter(
        tables,
        "simplehbaseadapter",
        (type, row, out) -> row.forEach((k, v) -> out.put(type + "." + k, v)));
  }

  static TableAdapter threatIntel(EnrichmentLookup tables) {
    return new TableAdapter(
        tables, "threatinteladapter", (type, row, out) -> out.put(type, "alert"));
  }

  @Override
  public String timingName() {
    return timingName;
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
        rowFields.add(keys.get(i).type(), row, out);
      }
    }
    return out;
  }
}
