package io.metron.streams.tables;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.metron.pipeline.enrich.EnrichmentLookup;
import io.metron.pipeline.enrich.LookupKey;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a running pipeline reads its tables through: a {@link TableStore} reader with an in-memory
 * cache in front (most lookups of a busy sensor hit the same few indicators, and most miss), kept
 * current by a background thread that catches up with the writer every {@code refresh} and empties
 * the cache when something changed. A row loaded by {@code metron load} is therefore visible at
 * most about one refresh interval later, without a restart.
 *
 * <p>Thread-safe; read-side contract as {@link EnrichmentLookup}.
 */
public final class Tables implements EnrichmentLookup, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Tables.class);
  private static final Object MISSING = new Object();

  private final TableReader store;
  private final Cache<LookupKey, Object> cache;
  private final ScheduledExecutorService refresher;

  /**
   * Counts the refreshes that changed something. A lookup caches what it read only if no such
   * refresh happened meanwhile: else an answer read before the catch-up could land in the cache
   * after the refresh emptied it, and a row just loaded would stay missing until the next change.
   */
  private final AtomicLong generation = new AtomicLong();

  /** Reads through {@code store}, a {@link TableStore} but for tests. */
  Tables(TableReader store, long cacheSize, Duration refresh) {
    this.store = store;
    this.cache = Caffeine.newBuilder().maximumSize(cacheSize).build();
    this.refresher =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("metron-tables-refresh").unstarted(r));
    long every = Math.max(1, refresh.toMillis());
    refresher.scheduleWithFixedDelay(this::refresh, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Opens the tables under {@code dataDir} for reading, creating empty ones if there are none.
   *
   * @param cacheSize how many (type, indicator) answers to keep, hits and misses alike
   * @param refresh how often to look for new writes
   */
  public static Tables open(Path dataDir, long cacheSize, Duration refresh) throws IOException {
    return new Tables(TableStore.openForReading(dataDir), cacheSize, refresh);
  }

  /** Opens with a 100,000-entry cache refreshed every second. */
  public static Tables open(Path dataDir) throws IOException {
    return open(dataDir, 100_000, Duration.ofSeconds(1));
  }

  /** Catches up with the writer now; empties the cache if anything changed. */
  public void refresh() {
    try {
      if (store.catchUp()) {
        generation.incrementAndGet();
        cache.invalidateAll();
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("Cannot refresh the enrichment tables: {}", e.getMessage());
    }
  }

  @Override
  public Map<String, Object> get(String type, String indicator) {
    LookupKey key = new LookupKey(type, indicator);
    Object found = cache.getIfPresent(key);
    if (found == null) {
      long before = generation.get();
      Map<String, Object> row = store.get(type, indicator);
      found = row == null ? MISSING : Collections.unmodifiableMap(row);
      cacheUnlessRefreshed(key, found, before);
    }
    return found == MISSING ? null : cast(found);
  }

  @Override
  public List<Map<String, Object>> getAll(List<LookupKey> keys) {
    List<Map<String, Object>> out = new ArrayList<>(keys.size());
    List<Integer> missingAt = null;
    for (int i = 0; i < keys.size(); i++) {
      Object found = cache.getIfPresent(keys.get(i));
      if (found == null) {
        if (missingAt == null) {
          missingAt = new ArrayList<>();
        }
        missingAt.add(i);
        out.add(null);
      } else {
        out.add(found == MISSING ? null : cast(found));
      }
    }
    if (missingAt != null) {
      List<LookupKey> wanted = new ArrayList<>(missingAt.size());
      for (int i : missingAt) {
        wanted.add(keys.get(i));
      }
      long before = generation.get();
      List<Map<String, Object>> rows = store.getAll(wanted);
      for (int j = 0; j < wanted.size(); j++) {
        Map<String, Object> row = rows.get(j);
        Object value = row == null ? MISSING : Collections.unmodifiableMap(row);
        cacheUnlessRefreshed(wanted.get(j), value, before);
        out.set(missingAt.get(j), row == null ? null : cast(value));
      }
    }
    return out;
  }

  private void cacheUnlessRefreshed(LookupKey key, Object value, long readAt) {
    cache.put(key, value);
    if (generation.get() != readAt) {
      cache.invalidate(key); // a refresh came between the read and the put: the read may be stale
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Object value) {
    return (Map<String, Object>) value;
  }

  @Override
  public void close() {
    refresher.shutdownNow();
    try {
      refresher.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    store.close();
  }
}
