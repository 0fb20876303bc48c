/**
 * Writers that consume {@code indexing}, as Metron's random-access and batch indexing topologies
 * did: {@link io.metron.streams.indexing.IndexingWriter} feeds the search store or the archive
 * through a {@link io.metron.streams.indexing.BatchWriter}, in per-sensor batches sized by {@code
 * indexing/<sensor>.json} as {@link io.metron.streams.indexing.IndexingSettings} reads it.
 */
package io.metron.streams.indexing;
