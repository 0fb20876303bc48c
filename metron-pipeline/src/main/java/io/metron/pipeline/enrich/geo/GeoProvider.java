package io.metron.pipeline.enrich.geo;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GeoIP database a running pipeline uses, switched without a restart: at most every {@code
 * checkEvery} it asks {@code location} which file to use and reopens when the answer or the file's
 * modification time changed (Metron reloaded on a change of {@code geo.hdfs.file} the same way).
 * Until a database is available every address has no location, as in Metron, and a file that cannot
 * be opened is logged once per change and leaves the previous database in use.
 *
 * <p>Thread-safe: lookups read a volatile reference; the check runs on the calling thread at most
 * once per interval, and only one thread performs it.
 */
public final class GeoProvider implements GeoLookup, Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(GeoProvider.class);

  private record Current(
      Path path, FileTime modified, GeoDatabase database, Cache<String, Object> cache) {
    Current(Path path, FileTime modified, GeoDatabase database) {
      this(path, modified, database, Caffeine.newBuilder().maximumSize(CACHE_SIZE).build());
    }
  }

  /** Addresses whose answer is kept; the cache goes with the database it was filled from. */
  private static final int CACHE_SIZE = 100_000;

  private static final Object NO_LOCATION = new Object();

  private final Supplier<Path> location;
  private final Clock clock;
  private final long checkEveryMillis;
  private volatile Current current = new Current(null, null, null);
  private volatile long nextCheck;
  private final Object checking = new Object();
  private Path failed;
  private FileTime failedModified;

  /**
   * @param location gives the database file to use, or {@code null} for none
   * @param clock decides when to look again
   * @param checkEvery how often to look for a new file
   */
  public GeoProvider(Supplier<Path> location, Clock clock, Duration checkEvery) {
    this.location = location;
    this.clock = clock;
    this.checkEveryMillis = checkEvery.toMillis();
    refresh();
  }

  /** A provider fixed on one file, checked for replacement every second. */
  public static GeoProvider of(Path file) {
    return new GeoProvider(() -> file, Clock.systemUTC(), Duration.ofSeconds(1));
  }

  @Override
  public Map<String, String> city(String ip) {
    if (clock.millis() >= nextCheck) {
      refresh();
    }
    Current now = current;
    GeoDatabase database = now.database();
    if (database == null || ip == null) {
      return null;
    }
    Object found =
        now.cache()
            .get(
                ip,
                address -> {
                  Map<String, String> city = database.city(address);
                  return city == null ? NO_LOCATION : Collections.unmodifiableMap(city);
                });
    @SuppressWarnings("unchecked")
    Map<String, String> city = found == NO_LOCATION ? null : (Map<String, String>) found;
    return city;
  }

  /** The database in use, or {@code null}. */
  public GeoDatabase database() {
    return current.database();
  }

  /** Looks for a new file now. */
  public void refresh() {
    synchronized (checking) {
      nextCheck = clock.millis() + checkEveryMillis;
      Path path = location.get();
      Current now = current;
      if (path == null) {
        if (now.database() != null) {
          LOG.info("GeoIP database no longer configured; geo enrichment is off");
          current = new Current(null, null, null);
        }
        return;
      }
      FileTime modified;
      try {
        modified = Files.getLastModifiedTime(path);
      } catch (IOException e) {
        modified = null;
      }
      if (Objects.equals(path, now.path()) && Objects.equals(modified, now.modified())) {
        return;
      }
      if (Objects.equals(path, failed) && Objects.equals(modified, failedModified)) {
        return;
      }
      try {
        GeoDatabase opened = GeoDatabase.open(path);
        current = new Current(path, modified, opened);
        failed = null;
        LOG.info("GeoIP database {} ({}) in use", path, opened.databaseType());
        // The old reader is not closed: a lookup may still hold it, and its memory map is
        // released when it becomes unreachable.
      } catch (IOException e) {
        failed = path;
        failedModified = modified;
        LOG.warn("Cannot use GeoIP database: {}", e.getMessage());
      }
    }
  }

  @Override
  public void close() throws IOException {
    GeoDatabase database = current.database();
    current = new Current(null, null, null);
    if (database != null) {
      database.close();
    }
  }
}
