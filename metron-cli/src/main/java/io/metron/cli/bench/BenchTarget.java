package io.metron.cli.bench;

import io.metron.streams.metrics.Histogram;

/** What a measurement drives: where to produce, and how much has come out the other end. */
public interface BenchTarget {
  /** The bootstrap servers to produce sensor traffic to. */
  String bootstrapServers();

  /** Events delivered at the end (searchable, for the platform) so far. */
  long delivered();

  /** Arrival on the sensor topic to delivery, per event. */
  Histogram latency();
}
