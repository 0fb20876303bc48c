package io.metron.cli;

import io.metron.core.config.Configs;
import io.metron.pipeline.enrich.EnrichmentResources;
import io.metron.pipeline.enrich.geo.GeoFiles;
import io.metron.pipeline.enrich.geo.GeoProvider;
import io.metron.pipeline.profile.FileProfileStore;
import io.metron.streams.tables.Tables;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The long-lived resources enrichment reads: the GeoIP database (from {@code geo.hdfs.file} or the
 * one installed with {@code metron load geo}, re-checked every few seconds) and the enrichment and
 * threat-intel tables and the profile measurements (for PROFILE_GET) under the data directory.
 * Closed when the program stops.
 */
record EnrichmentRuntime(GeoProvider geo, Tables tables, EnrichmentResources resources)
    implements AutoCloseable {

  static EnrichmentRuntime open(Path data, Supplier<Configs> configs, Clock clock)
      throws IOException {
    GeoProvider geo =
        new GeoProvider(
            GeoFiles.location(data, () -> configs.get().global().get(GeoFiles.GLOBAL_KEY)),
            clock,
            Duration.ofSeconds(5));
    Tables tables = Tables.open(data);
    return new EnrichmentRuntime(
        geo,
        tables,
        EnrichmentResources.of(
            geo, tables, FileProfileStore.inDataDir(data), Composition.hostname()));
  }

  @Override
  public void close() throws IOException {
    tables.close();
    geo.close();
  }
}
