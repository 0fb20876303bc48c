/**
 * The Stellar functions that read the enrichment stage's stores: {@link
 * io.metron.pipeline.enrich.stellar.EnrichmentFunctions} provides {@code GEO_GET}, {@code
 * ENRICHMENT_GET} and {@code ENRICHMENT_EXISTS}, bound to a GeoIP lookup and the tables.
 */
package io.metron.pipeline.enrich.stellar;
