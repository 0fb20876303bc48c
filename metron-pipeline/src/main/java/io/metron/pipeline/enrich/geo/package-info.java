/**
 * GeoIP for the {@code geo} adapter and {@code GEO_GET}: {@link
 * io.metron.pipeline.enrich.geo.GeoDatabase} reads MaxMind-format City databases (MaxMind's schema
 * and DB-IP Lite's), {@link io.metron.pipeline.enrich.geo.GeoProvider} switches databases without a
 * restart, {@link io.metron.pipeline.enrich.geo.GeoFiles} installs one under the data directory and
 * {@link io.metron.pipeline.enrich.geo.MmdbWriter} writes small databases for tests and demos.
 */
package io.metron.pipeline.enrich.geo;
