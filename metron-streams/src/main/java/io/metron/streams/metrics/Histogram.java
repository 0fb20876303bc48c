package io.metron.streams.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * A latency histogram in milliseconds with log-linear buckets, cheap enough to record every
 * message: 1 ms wide up to 100 ms, then 90 buckets per decade up to 1,000 s (10 ms wide from 100 ms
 * to 1 s, 100 ms wide to 10 s, ...), so a percentile is within 10% of the true value, and within 5%
 * around the seconds that matter for arrival-to-searchable. Percentiles are bucket upper bounds, so
 * they overstate by at most one bucket's width. Thread-safe.
 *
 * <p>The Prometheus exposition keeps a coarse subset of the bounds ({@link #EXPOSED}), so that a
 * scrape stays small; their cumulative counts are exact, since every exposed bound is a bucket
 * bound.
 */
public final class Histogram {
  /** The largest finite bound, in milliseconds: 1,000 s. */
  private static final long LARGEST = 1_000_000;

  /** Every bucket's upper bound in milliseconds, ascending, the last one {@code MAX_VALUE}. */
  static final long[] BOUNDS = bounds();

  /** The bounds the Prometheus exposition shows, each one of {@link #BOUNDS}. */
  static final long[] EXPOSED = {
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

  private static long[] bounds() {
    List<Long> out = new ArrayList<>();
    for (long b = 1; b <= 100; b++) {
      out.add(b);
    }
    for (long step = 10; step * 100 <= LARGEST; step *= 10) {
      for (long k = 11; k <= 100; k++) {
        out.add(k * step);
      }
    }
    out.add(Long.MAX_VALUE);
    return out.stream().mapToLong(Long::longValue).toArray();
  }

  public void record(long millis) {
    long value = Math.max(0, millis);
    counts.incrementAndGet(bucket(value));
    sum.add(value);
  }

  /** The index of the first bound at or above {@code value}. */
  static int bucket(long value) {
    int i = Arrays.binarySearch(BOUNDS, value);
    return i >= 0 ? i : -i - 1;
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

  /**
   * Cumulative counts at each of the {@link #EXPOSED} bounds, as Prometheus' {@code _bucket} series
   * want them.
   */
  long[] cumulative() {
    long[] out = new long[EXPOSED.length];
    long running = 0;
    int i = 0;
    for (int e = 0; e < EXPOSED.length; e++) {
      while (i < BOUNDS.length && BOUNDS[i] <= EXPOSED[e]) {
        running += counts.get(i++);
      }
      out[e] = running;
    }
    return out;
  }
}
