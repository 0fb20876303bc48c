package io.metron.streams.ingest;

import java.util.concurrent.CompletableFuture;

/**
 * Where edges deliver events.
 *
 * <p>Contract: thread-safe. {@link #send} never throws: a failure (broker unreachable, record too
 * large, sink closed) completes the returned future exceptionally. The future completes normally
 * only once the event is durable at its destination. {@code send} may block when the sink's buffer
 * is full: that is the backpressure edges pass on to their senders.
 */
public interface EventSink extends AutoCloseable {

  /**
   * Delivers one event.
   *
   * @param topic the sensor topic
   * @param key optional metadata (Metron reads a record key as a JSON metadata map), or null
   * @param value the raw event, unchanged
   */
  CompletableFuture<Void> send(String topic, byte[] key, byte[] value);

  /**
   * Readies delivery to a topic before events arrive (for Kafka: fetches its metadata, which
   * creates the topic where the broker auto-creates), so the first event does not stall the edge.
   * Never throws; a failure shows later as failed sends.
   */
  default void prepare(String topic) {}

  /** Blocks until every event sent so far has completed. */
  void flush();

  /** Flushes, then releases the sink. Never throws. */
  @Override
  void close();
}
