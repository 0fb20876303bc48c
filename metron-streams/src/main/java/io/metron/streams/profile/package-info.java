/**
 * The streaming profiler: a Kafka Streams application of its own beside the pipeline topology,
 * reading {@code indexing} (Metron's profiler input), keeping each open (profile, entity, period)
 * in a changelogged RocksDB store and flushing closed periods to the {@code profiles} topic, the
 * local profile store and, for triage values, back to {@code enrichments}. Exactly-once, like the
 * pipeline.
 */
package io.metron.streams.profile;
