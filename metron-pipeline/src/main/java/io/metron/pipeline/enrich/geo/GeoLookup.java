package io.metron.pipeline.enrich.geo;

import java.util.Map;

/**
 * Finds where an IPv4 address is, with the fields Metron's {@code geo} adapter wrote: {@code
 * locID}, {@code country}, {@code city}, {@code postalCode}, {@code dmaCode}, {@code latitude},
 * {@code longitude} and {@code location_point} ({@code "lat,lon"}), all strings, empty when the
 * database has no value.
 *
 * <p>Contract: thread-safe; never throws for bad data. An address that is not an IPv4 literal, or
 * is private (site-local), loopback, the wildcard or multicast, or is not in the database, has no
 * location: the result is {@code null}. Only a broken database file raises an (unchecked)
 * exception.
 */
@FunctionalInterface
public interface GeoLookup {

  /** Metron's geo fields for {@code ip}, or {@code null} when the address has no location. */
  Map<String, String> city(String ip);

  /** A lookup without a database: no address has a location. */
  static GeoLookup none() {
    return ip -> null;
  }
}
