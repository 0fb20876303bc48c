/**
 * Benchmarks of the enrichment stage ({@link io.metron.bench.enrich.EnrichmentBenchmark}) and of
 * the table loader ({@link io.metron.bench.enrich.LoaderBenchmark}).
 */
package io.metron.bench.enrich;
