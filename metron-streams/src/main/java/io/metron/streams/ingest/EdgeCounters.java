package io.metron.streams.ingest;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

/**
 * The live counters behind an {@link EdgeStats}. Thread-safe: edges bump them from receiving
 * threads and from the producer's callback thread.
 */
public final class EdgeCounters {
  private final String edge;
  private final String sensor;
  private final LongAdder received = new LongAdder();
  private final LongAdder written = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder oversize = new LongAdder();
  private final LongAdder dropped = new LongAdder();

  public EdgeCounters(String edge, String sensor) {
    this.edge = edge;
    this.sensor = sensor;
  }

  public String sensor() {
    return sensor;
  }

  public void received(long n) {
    received.add(n);
  }

  public void oversize() {
    oversize.increment();
  }

  public void dropped(long n) {
    dropped.add(n);
  }

  /** Counts the outcome of one send as written or failed when it completes; returns it. */
  public <T> CompletableFuture<T> track(CompletableFuture<T> send) {
    send.whenComplete(
        (ok, error) -> {
          if (error == null) {
            written.increment();
          } else {
            failed.increment();
          }
        });
    return send;
  }

  /** A snapshot; {@code extraDropped} adds drops counted elsewhere (the kernel's, for UDP). */
  public EdgeStats snapshot(long extraDropped) {
    return new EdgeStats(
        edge,
        sensor,
        received.sum(),
        written.sum(),
        failed.sum(),
        oversize.sum(),
        dropped.sum() + extraDropped);
  }

  public EdgeStats snapshot() {
    return snapshot(0);
  }
}
