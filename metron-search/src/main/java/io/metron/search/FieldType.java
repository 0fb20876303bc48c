package io.metron.search;

import java.util.Locale;

/**
 * How a field is indexed. Both back ends type fields the same way: by the override file, then by
 * Metron's standard field names, then by the first value seen.
 */
public enum FieldType {
  /** Exact-match string: names, codes, guids. The default for strings. */
  KEYWORD,
  /** Tokenised free text, for the raw event ({@code original_string}). */
  TEXT,
  /** Whole numbers (ports, byte counts, epoch milliseconds). */
  LONG,
  /** Decimal numbers (scores, durations). */
  DOUBLE,
  /** true/false, indexed as the keyword "true" or "false". */
  BOOLEAN,
  /** An IPv4 or IPv6 address: exact, range and CIDR ({@code "10.0.0.0/8"}) queries. */
  IP,
  /** A latitude/longitude pair ({@code "lat,lon"} or {@code {lat, lon}}). */
  GEO_POINT;

  /** The type named {@code name} ({@code keyword}, {@code ip}, ...), in any case. */
  public static FieldType parse(String name) {
    String n = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    return switch (n) {
      case "INTEGER", "SHORT", "BYTE", "DATE" -> LONG;
      case "FLOAT", "HALF_FLOAT", "SCALED_FLOAT" -> DOUBLE;
      case "GEO", "GEOPOINT" -> GEO_POINT;
      case "STRING" -> KEYWORD;
      default -> {
        try {
          yield valueOf(n);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "unknown field type '"
                  + name
                  + "': expected keyword, text, long, double, boolean, ip or geo_point",
              e);
        }
      }
    };
  }
}
