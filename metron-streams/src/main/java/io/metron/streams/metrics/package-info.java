/**
 * Counters and latencies of the running pipeline, published in Prometheus' text format at {@code
 * /metrics} and summarised by {@code metron status}. {@link io.metron.streams.metrics.Metrics} is
 * the registry; {@link io.metron.streams.metrics.Histogram} records latencies.
 */
package io.metron.streams.metrics;
