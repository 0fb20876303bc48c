package io.metron.pipeline.enrich.stellar;

import io.metron.pipeline.enrich.EnrichmentLookup;
import io.metron.pipeline.enrich.geo.GeoDatabase;
import io.metron.pipeline.enrich.geo.GeoLookup;
import io.metron.pipeline.enrich.geo.GeoProvider;
import io.metron.stellar.FunctionDescriptor;
import io.metron.stellar.StellarException;
import io.metron.stellar.StellarFunction;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Metron's enrichment functions over our stores, replacing the placeholders of the built-in
 * registry: {@code GEO_GET}, {@code ASN_GET}, {@code ENRICHMENT_GET} and {@code ENRICHMENT_EXISTS}.
 * The table and column family arguments of the last two are accepted for compatibility and ignored:
 * every enrichment type lives in one table here, as the {@code hbaseEnrichment} adapter reads it.
 */
public final class EnrichmentFunctions {
  private EnrichmentFunctions() {}

  /** The global config key naming the GeoLite2-ASN database, as in Metron. */
  public static final String ASN_KEY = "asn.hdfs.file";

  /** ASN databases by file, each re-opened when its file changes. */
  private static final Map<Path, GeoProvider> ASN_DATABASES = new ConcurrentHashMap<>();

  /** The functions, bound to {@code geo} and {@code tables}. */
  public static List<StellarFunction> of(GeoLookup geo, EnrichmentLookup tables) {
    return List.of(geoGet(geo), asnGet(), enrichmentGet(tables), enrichmentExists(tables));
  }

  static StellarFunction asnGet() {
    return StellarFunction.of(
        FunctionDescriptor.builder("ASN_GET")
            .param("ip", "String", "an IPv4 address")
            .optional(
                "fields",
                "List",
                "the fields to return: network, autonomous_system_number,"
                    + " autonomous_system_organization")
            .returns(
                "Map of all ASN fields; with one field, its value; with several, a map of them;"
                    + " null when the address has no autonomous system (empty map without fields)")
            .description(
                "Looks up an IPv4 address in the GeoLite2-ASN database named by the global config"
                    + " key asn.hdfs.file.")
            .nondeterministic()
            .build(),
        (args, context) -> {
          Object ip = args.getFirst();
          if (!(ip instanceof String address) || address.isBlank()) {
            return null;
          }
          Object file = context.globalConfig().get(ASN_KEY);
          if (file == null || file.toString().isBlank()) {
            throw new StellarException(
                "ASN_GET: no ASN database: set "
                    + ASN_KEY
                    + " in the global config to a"
                    + " GeoLite2-ASN .mmdb (or .tar.gz) file");
          }
          Path path = Path.of(file.toString());
          GeoDatabase database = ASN_DATABASES.computeIfAbsent(path, GeoProvider::of).database();
          if (database == null) {
            throw new StellarException("ASN_GET: " + path + " is not a readable ASN database");
          }
          return pick(database.asn(address.trim()), args, "ASN_GET");
        });
  }

  /** Metron's GEO_GET/ASN_GET result shape: all fields, one field's value, or a map of several. */
  private static Object pick(Map<String, ?> found, List<Object> args, String function) {
    if (args.size() < 2 || args.get(1) == null) {
      return found == null ? Map.of() : found;
    }
    if (!(args.get(1) instanceof Collection<?> fields)) {
      throw new StellarException(function + ": fields must be a list, got " + args.get(1));
    }
    if (found == null) {
      return null;
    }
    if (fields.size() == 1) {
      return found.get(String.valueOf(fields.iterator().next()));
    }
    Map<String, Object> picked = new LinkedHashMap<>();
    for (Object field : fields) {
      picked.put(String.valueOf(field), found.get(String.valueOf(field)));
    }
    return picked;
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
          return pick(geo.city(address.trim()), args, "GEO_GET");
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
