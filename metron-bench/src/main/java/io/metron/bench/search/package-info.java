/**
 * Search store benchmarks: {@link io.metron.bench.search.SearchBenchmark} measures indexing rate
 * into the embedded Lucene store and an in-JVM OpenSearch node, and query latency percentiles (term
 * query with a time range; facet on {@code source.type}). Figures: {@code
 * docs/benchmarks-search.md}.
 */
package io.metron.bench.search;
