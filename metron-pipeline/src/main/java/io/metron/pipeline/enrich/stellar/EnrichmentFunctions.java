package io.metron.pipeline.enrich.stellar;

import io.metron.pipeline.enrich.EnrichmentLookup;
import io.metron.pipeline.enrich.geo.GeoLookup;
import io.metron.stellar.FunctionDescriptor;
import io.metron.stellar.StellarException;
import io.metron.stellar.StellarFunction;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Metron's enrichment functions over our stores, replacing the placeholders of the built-in
 * registry: {@code GEO_GET}, {@code ENRICHMENT_GET} and {@code ENRICHMENT_EXISTS}. The table and
 * column family arguments of the last two are accepted for compatibility and ignored: every
 * enrichment type lives in one table here.
 */
public final class EnrichmentFunctions {
  private EnrichmentFunctions() {}

  /** The three functions, bound to {@code geo} and {@code tables}. */
  public static List<StellarFunction> of(GeoLookup geo, EnrichmentLookup tables) {
    return List.of(geoGet(geo), enrichmentGet(tables), enrichmentExists(tables));
  }

  static StellarFunction geoGet(GeoLookup geo) {
    return StellarFunction.of(
        FunctionDescriptor.builder("GEO_GET")
            .param("ip", "String", "an IPv4 address")
            .optional(
                "fields",
                "List",
                "the geo fields to return: locID, country, city, postalCode, dmaCode, latitude,"
                    + " longitude, location_point")
            .returns(
                "Map of all geo fields; with one field, its value; with several, a map of them;"
                    + " null when the address has no location (empty map without fields)")
            .description("Looks up an IPv4 address in the GeoIP City database.")
            .nondeterministic()
            .build(),
        (args, context) -> {
          Object ip = args.getFirst();
          if (!(ip instanceof String address) || address.isBlank()) {
            return null;
          }
          Map<String, String> found = geo.city(address.trim());
          if (args.size() < 2 || args.get(1) == null) {
            return found == null ? Map.of() : found;
          }
          if (!(args.get(1) instanceof Collection<?> fields)) {
            throw new StellarException("GEO_GET: fields must be a list, got " + args.get(1));
          }
          if (found == null) {
            return null;
          }
          if (fields.size() == 1) {
            return found.get(String.valueOf(fields.iterator().next()));
          }
          Map<String, String> picked = new LinkedHashMap<>();
          for (Object field : fields) {
            picked.put(String.valueOf(field), found.get(String.valueOf(field)));
          }
          return picked;
        });
  }

  private static FunctionDescriptor.Builder tableFunction(String name) {
    return FunctionDescriptor.builder(name)
        .param("enrichment_type", "String", "the enrichment type, e.g. malicious_ip")
        .param("indicator", "String", "the indicator, e.g. an address")
        .param("nosql_table", "String", "Metron's HBase table (ignored: one table holds all)")
        .param("column_family", "String", "Metron's column family (ignored)")
        .nondeterministic();
  }

  static StellarFunction enrichmentGet(EnrichmentLookup tables) {
    return StellarFunction.of(
        tableFunction("ENRICHMENT_GET")
            .returns("Map: the values stored for (type, indicator); empty when there are none")
            .description("Reads a row of the enrichment tables loaded with metron load.")
            .build(),
        (args, context) -> {
          Object type = args.get(0);
          Object indicator = args.get(1);
          if (type == null || indicator == null) {
            return Map.of();
          }
          Map<String, Object> row = tables.get(type.toString(), indicator.toString());
          return row == null ? Map.of() : row;
        });
  }

  static StellarFunction enrichmentExists(EnrichmentLookup tables) {
    return StellarFunction.of(
        tableFunction("ENRICHMENT_EXISTS")
            .returns("Boolean: whether the tables hold (type, indicator)")
            .description("Checks the enrichment tables loaded with metron load for a row.")
            .build(),
        (args, context) -> {
          Object type = args.get(0);
          Object indicator = args.get(1);
          return type != null
              && indicator != null
              && tables.exists(type.toString(), indicator.toString());
        });
  }
}
