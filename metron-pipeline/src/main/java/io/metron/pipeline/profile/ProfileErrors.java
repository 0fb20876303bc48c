package io.metron.pipeline.profile;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the profile expressions that failed, by profile, and keeps the latest reason. A failing
 * expression never stops the profiler: the message is skipped for that profile only. The first
 * failure of each profile is logged, then one in every {@value #LOG_EVERY}. Thread-safe.
 */
public final class ProfileErrors {
  private static final Logger LOG = LoggerFactory.getLogger(ProfileErrors.class);
  private static final long LOG_EVERY = 10_000;

  /** A profile's failures: how many, and the latest reason. */
  public record Count(long count, String lastReason) {}

  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
  private final Map<String, String> reasons = new ConcurrentHashMap<>();

  public void record(ProfileException e) {
    long n = counts.computeIfAbsent(e.profile(), k -> new AtomicLong()).incrementAndGet();
    reasons.put(e.profile(), e.getMessage());
    if (n == 1 || n % LOG_EVERY == 0) {
      LOG.warn("Profile '{}' failed on a message ({} so far): {}", e.profile(), n, e.getMessage());
    }
  }

  /** Failures by profile name, sorted. */
  public Map<String, Count> snapshot() {
    Map<String, Count> out = new TreeMap<>();
    counts.forEach((k, v) -> out.put(k, new Count(v.get(), reasons.get(k))));
    return out;
  }

  /** All failures of all profiles. */
  public long total() {
    return counts.values().stream().mapToLong(AtomicLong::get).sum();
  }
}
