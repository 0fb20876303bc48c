package io.metron.pipeline.enrich.geo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeoProviderTest {
  @TempDir Path dir;

  /** A clock the test moves by hand. */
  static final class ManualClock extends Clock {
    long millis = 1_000_000;

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis);
    }
  }

  @Test
  void switchesDatabaseWhenTheLocationChangesWithoutRestart() throws IOException {
    Path maxmind = GeoTestDatabases.maxmind(Files.createDirectory(dir.resolve("a")));
    Path dbip = GeoTestDatabases.dbip(Files.createDirectory(dir.resolve("b")));
    AtomicReference<Path> location = new AtomicReference<>();
    ManualClock clock = new ManualClock();
    try (GeoProvider geo = new GeoProvider(location::get, clock, Duration.ofSeconds(5))) {
      assertThat(geo.city("203.0.113.1")).as("no database yet").isNull();

      location.set(maxmind);
      assertThat(geo.city("203.0.113.1")).as("not looked again yet").isNull();
      clock.millis += 5_000;
      assertThat(geo.city("203.0.113.1")).containsEntry("city", "Springfield");

      location.set(dbip);
      clock.millis += 5_000;
      assertThat(geo.city("203.0.113.1")).as("cache went with the old database").isNull();
      assertThat(geo.city("192.0.2.1")).containsEntry("city", "Lyon");
    }
  }

  @Test
  void aBrokenNewFileKeepsThePreviousDatabase() throws IOException {
    Path good = GeoTestDatabases.maxmind(dir);
    Path broken = Files.writeString(dir.resolve("broken.mmdb"), "garbage");
    AtomicReference<Path> location = new AtomicReference<>(good);
    ManualClock clock = new ManualClock();
    try (GeoProvider geo = new GeoProvider(location::get, clock, Duration.ofSeconds(1))) {
      location.set(broken);
      clock.millis += 1_000;
      assertThat(geo.city("203.0.113.1")).containsEntry("city", "Springfield");
    }
  }

  @Test
  void installPointsTheDataDirectoryAtANewCopy() throws IOException {
    Path data = dir.resolve("data");
    Path source = GeoTestDatabases.dbip(dir);
    GeoFiles.Installed installed = GeoFiles.install(source, data, new ManualClock());
    assertThat(installed.databaseType()).isEqualTo("DBIP-City-Lite");
    assertThat(GeoFiles.installed(data)).isEqualTo(installed.path());
    assertThat(installed.path()).startsWith(data.resolve("geo")).hasSameBinaryContentAs(source);

    // geo.hdfs.file in the global config wins over the installed file, as in Metron.
    assertThat(GeoFiles.location(data, () -> "/elsewhere/GeoLite2-City.mmdb").get())
        .isEqualTo(Path.of("/elsewhere/GeoLite2-City.mmdb"));
    assertThat(GeoFiles.location(data, () -> null).get()).isEqualTo(installed.path());
  }

  @Test
  void installRefusesAFileThatIsNotADatabase() throws IOException {
    Path bad = Files.writeString(dir.resolve("x.mmdb"), "nope");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> GeoFiles.install(bad, dir.resolve("data"), new ManualClock()))
        .hasMessageContaining("x.mmdb");
    assertThat(GeoFiles.installed(dir.resolve("data"))).isNull();
  }
}
