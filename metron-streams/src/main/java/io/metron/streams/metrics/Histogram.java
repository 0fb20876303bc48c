package io.metron.streams.metrics;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * A latency histogram in milliseconds with fixed, roughly exponential buckets (1 ms to about 10
 * minutes), cheap enough to record every message. Percentiles are bucket upper bounds, so they
 * overstate by at most one bucket's width. Thread-safe.
 */
public final class Histogram {
  static final long[] BOUNDS = {
    1,
    2,
    5,
    10,
    20,
    50,
    100,
    200,
    500,
    1_000,
    2_000,
    5_000,
    10_000,
    20_000,
    60_000,
    120_000,
    300_000,
    600_000,
    Long.MAX_VALUE
  };

  private final AtomicLongArray counts = new AtomicLongArray(BOUNDS.length);
  private final LongAdder sum = new LongAdder();

  public void record(long millis) {
    long value = Math.max(0, millis);
    int i = 0;
    while (value > BOUNDS[i]) {
      i++;
    }
    counts.incrementAndGet(i);
    sum.add(value);
  }

  public long count() {
    long n = 0;
    for (int i = 0; i < BOUNDS.length; i++) {
      n += counts.get(i);
    }
    return n;
  }

  public long sum() {
    return sum.sum();
  }

  /** The upper bound of the bucket holding the {@code p}-th percentile (0–100), or 0 if empty. */
  public long percentile(double p) {
    return percentile(counts(), p);
  }

  /** A copy of the count per bucket, to take the difference of two moments ({@link #minus}). */
  public long[] counts() {
    long[] out = new long[BOUNDS.length];
    for (int i = 0; i < BOUNDS.length; i++) {
      out[i] = counts.get(i);
    }
    return out;
  }

  /** Per-bucket counts recorded since {@code earlier} was taken with {@link #counts()}. */
  public long[] minus(long[] earlier) {
    long[] out = counts();
    for (int i = 0; i < out.length; i++) {
      out[i] -= earlier[i];
    }
    return out;
  }

  /** The upper bound of the bucket holding the {@code p}-th percentile of per-bucket counts. */
  public static long percentile(long[] counts, double p) {
    long total = 0;
    for (long c : counts) {
      total += c;
    }
    if (total == 0) {
      return 0;
    }
    long rank = (long) Math.ceil(total * p / 100.0);
    long seen = 0;
    for (int i = 0; i < BOUNDS.length; i++) {
      seen += counts[i];
      if (seen >= Math.max(1, rank)) {
        return BOUNDS[i];
      }
    }
    return BOUNDS[BOUNDS.length - 1];
  }

  /** Cumulative counts per bucket, as Prometheus' {@code _bucket} series want them. */
  long[] cumulative() {
    long[] out = new long[BOUNDS.length];
    long running = 0;
    for (int i = 0; i < BOUNDS.length; i++) {
      running += counts.get(i);
      out[i] = running;
    }
    return out;
  }
}
