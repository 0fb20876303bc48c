package io.metron.streams.retention;

import io.metron.core.config.GlobalConfig;
import io.metron.pcap.store.PacketStore;
import io.metron.pcap.store.StoreConfig;
import io.metron.pipeline.profile.FileProfileStore;
import io.metron.search.archive.ArchiveRetention;
import io.metron.search.lucene.LuceneSearchStore;
import io.metron.search.lucene.RetentionPolicy;
import io.metron.streams.metrics.Metrics;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs retention over the platform's stores: a pass every {@code retention.interval.minutes}, the
 * first one interval after start (not to slow the start), each with the settings the live global
 * config holds at that moment. Each pass logs what it removed and counts it in {@code
 * metron_retention_removed_total} and {@code metron_retention_removed_bytes_total} by store ({@code
 * index}, {@code archive}, {@code pcap}, {@code profiles}); a store that fails is logged and
 * counted in {@code metron_retention_errors_total} and the others still run. {@link #runOnce()}
 * runs a pass at once (tests drive it with their own clock).
 */
public final class RetentionScheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RetentionScheduler.class);
  private static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(15);

  /**
   * What one store's pass removed.
   *
   * @param store {@code index}, {@code archive}, {@code pcap} or {@code profiles}
   * @param items day indices (index) or files (the others) deleted
   * @param bytes their size, where known (0 for the index)
   * @param detail what was deleted, for the log
   */
  public record Removed(String store, long items, long bytes, String detail) {}

  private final Path dataDir;
  private final LuceneSearchStore index;
  private final FileProfileStore profiles;
  private final Supplier<GlobalConfig> global;
  private final Clock clock;
  private final Metrics metrics;
  private ScheduledExecutorService executor;

  /**
   * @param dataDir the data directory: {@code archive}, {@code pcap} and {@code profiles} under it
   * @param index the search index, or null when the platform indexes elsewhere (OpenSearch keeps
   *     its own retention)
   * @param profiles the profile store the profiler writes (sharing it keeps a purge from racing a
   *     write in this process)
   * @param global the current global config
   */
  public RetentionScheduler(
      Path dataDir,
      LuceneSearchStore index,
      FileProfileStore profiles,
      Supplier<GlobalConfig> global,
      Clock clock,
      Metrics metrics) {
    this.dataDir = dataDir;
    this.index = index;
    this.profiles = profiles;
    this.global = global;
    this.clock = clock;
    this.metrics = metrics;
    for (String store : new String[] {"index", "archive", "pcap", "profiles"}) {
      removed(store).add(0); // every series present from the start, at 0
    }
  }

  /** Schedules the passes. */
  public synchronized void start() {
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("metron-retention").unstarted(r));
    executor.schedule(this::scheduled, interval().toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The configured interval; the default while the setting is invalid (a pass reports it). */
  private Duration interval() {
    try {
      return RetentionSettings.from(global.get()).interval();
    } catch (IllegalArgumentException e) {
      return DEFAULT_INTERVAL;
    }
  }

  private void scheduled() {
    Duration next = interval();
    try {
      runOnce();
    } catch (RuntimeException e) {
      LOG.error("Retention pass failed: {}", e.toString(), e);
    }
    synchronized (this) {
      if (executor != null && !executor.isShutdown()) {
        executor.schedule(this::scheduled, next.toMillis(), TimeUnit.MILLISECONDS);
      }
    }
  }

  /**
   * One pass over every store with the current settings.
   *
   * @return what each store's pass removed (stores that removed nothing included); empty when the
   *     settings are invalid
   */
  public synchronized List<Removed> runOnce() {
    RetentionSettings settings;
    try {
      settings = RetentionSettings.from(global.get());
    } catch (IllegalArgumentException e) {
      LOG.error("Retention skipped: {}", e.getMessage());
      metrics
          .counter(
              "metron_retention_errors_total", "Retention passes that failed", "store", "config")
          .increment();
      return List.of();
    }
    List<Removed> out = new ArrayList<>();
    pass(out, "index", () -> index(settings));
    pass(out, "archive", () -> archive(settings));
    pass(out, "pcap", () -> pcap(settings));
    pass(out, "profiles", this::profiles);
    metrics.counter("metron_retention_runs_total", "Retention passes run").increment();
    return out;
  }

  /** One store's pass. */
  private interface Pass {
    Removed run() throws Exception;
  }

  private void pass(List<Removed> out, String store, Pass pass) {
    try {
      Removed r = pass.run();
      if (r == null) {
        return;
      }
      out.add(r);
      removed(store).add(r.items());
      metrics
          .counter(
              "metron_retention_removed_bytes_total",
              "Bytes deleted by retention, by store",
              "store",
              store)
          .add(r.bytes());
      if (r.items() > 0) {
        LOG.info("Retention: {} removed {}", store, r.detail());
      } else {
        LOG.debug("Retention: {} had nothing to remove", store);
      }
    } catch (Exception e) {
      LOG.error("Retention: {} failed: {}", store, e.toString());
      metrics
          .counter("metron_retention_errors_total", "Retention passes that failed", "store", store)
          .increment();
    }
  }

  private java.util.concurrent.atomic.LongAdder removed(String store) {
    return metrics.counter(
        "metron_retention_removed_total",
        "Day indices (index) or files deleted by retention, by store",
        "store",
        store);
  }

  private Removed index(RetentionSettings s) throws Exception {
    if (index == null || (s.indexAge() == null && s.indexBytes() == 0)) {
      return null;
    }
    List<String> deleted =
        index.applyRetention(new RetentionPolicy(s.indexAge(), s.indexBytes()), clock.instant());
    return new Removed(
        "index",
        deleted.size(),
        0,
        deleted.size() + " day index(es) " + String.join(", ", deleted));
  }

  private Removed archive(RetentionSettings s) throws Exception {
    if (s.archiveAge() == null) {
      return null;
    }
    ArchiveRetention.Removed r =
        ArchiveRetention.apply(dataDir.resolve("archive"), s.archiveAge(), clock.instant());
    return new Removed(
        "archive",
        r.files(),
        r.bytes(),
        r.files()
            + " file(s) of events older than "
            + s.archiveAge().toDays()
            + " days, "
            + mib(r.bytes()));
  }

  private Removed pcap(RetentionSettings s) throws Exception {
    if (s.pcapAge() == null && s.pcapBytes() == 0) {
      return null;
    }
    StoreConfig config =
        StoreConfig.defaults(dataDir.resolve("pcap")).withRetention(s.pcapAge(), s.pcapBytes());
    PacketStore.Removed r = PacketStore.applyRetention(config, clock);
    return new Removed("pcap", r.files(), r.bytes(), r.files() + " file(s), " + mib(r.bytes()));
  }

  private Removed profiles() throws Exception {
    FileProfileStore.Purged p = profiles.purgeExpired();
    return new Removed(
        "profiles",
        p.files(),
        p.bytes(),
        p.files()
            + " period file(s) holding "
            + p.measurements()
            + " expired measurement(s), "
            + mib(p.bytes()));
  }

  private static String mib(long bytes) {
    return String.format("%.1f MiB", bytes / 1048576.0);
  }

  @Override
  public synchronized void close() {
    if (executor != null) {
      executor.shutdownNow();
      executor = null;
    }
  }
}
