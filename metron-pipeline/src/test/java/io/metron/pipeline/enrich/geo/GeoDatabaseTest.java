package io.metron.pipeline.enrich.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeoDatabaseTest {
  @TempDir Path dir;

  @Test
  void readsMetronFieldsFromMaxMindCitySchema() throws IOException {
    try (GeoDatabase db = GeoDatabase.open(GeoTestDatabases.maxmind(dir))) {
      assertThat(db.databaseType()).isEqualTo("GeoLite2-City");
      assertThat(db.city("203.0.113.9"))
          .containsExactly(
              Map.entry("locID", "4409896"),
              Map.entry("country", "US"),
              Map.entry("city", "Springfield"),
              Map.entry("postalCode", "65801"),
              Map.entry("dmaCode", "619"),
              Map.entry("latitude", "37.2153"),
              Map.entry("longitude", "-93.2982"),
              Map.entry("location_point", "37.2153,-93.2982"));
    }
  }

  @Test
  void missingValuesAreEmptyStrings() throws IOException {
    try (GeoDatabase db = GeoDatabase.open(GeoTestDatabases.maxmind(dir))) {
      assertThat(db.city("198.51.100.1"))
          .containsEntry("country", "GB")
          .containsEntry("city", "")
          .containsEntry("locID", "")
          .containsEntry("dmaCode", "")
          .containsEntry("location_point", "51.5,-0.13");
    }
  }

  @Test
  void readsDbIpLiteLayout() throws IOException {
    try (GeoDatabase db = GeoDatabase.open(GeoTestDatabases.dbip(dir))) {
      assertThat(db.city("192.0.2.77"))
          .containsEntry("country", "FR")
          .containsEntry("city", "Lyon")
          .containsEntry("postalCode", "69001")
          .containsEntry("latitude", "45.7578")
          .containsEntry("longitude", "4.832")
          .containsEntry("location_point", "45.7578,4.832")
          .containsEntry("locID", "")
          .containsEntry("dmaCode", "");
    }
  }

  @Test
  void addressesWithoutLocationGiveNull() throws IOException {
    try (GeoDatabase db = GeoDatabase.open(GeoTestDatabases.maxmind(dir))) {
      assertThat(db.city("10.0.0.1")).as("private").isNull();
      assertThat(db.city("192.168.1.1")).as("private").isNull();
      assertThat(db.city("127.0.0.1")).as("loopback").isNull();
      assertThat(db.city("224.0.0.1")).as("multicast").isNull();
      assertThat(db.city("0.0.0.0")).as("wildcard").isNull();
      assertThat(db.city("8.8.8.8")).as("not in the database").isNull();
      assertThat(db.city("2001:db8::1")).as("IPv6").isNull();
      assertThat(db.city("example.com")).as("host name: never resolved").isNull();
      assertThat(db.city("203.0.113")).isNull();
      assertThat(db.city("203.0.113.256")).isNull();
      assertThat(db.city("203.0.113.09")).isNull();
      assertThat(db.city("")).isNull();
      assertThat(db.city(null)).isNull();
    }
  }

  @Test
  void opensGzipAndTarGzFiles() throws IOException {
    Path mmdb = GeoTestDatabases.maxmind(dir);
    Path gz = dir.resolve("GeoLite2-City.mmdb.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      Files.copy(mmdb, out);
    }
    Path tar = dir.resolve("GeoLite2-City.tar.gz");
    try (TarArchiveOutputStream out =
        new TarArchiveOutputStream(new GZIPOutputStream(Files.newOutputStream(tar)))) {
      TarArchiveEntry readme = new TarArchiveEntry("GeoLite2-City_20200101/README.txt");
      byte[] text = "readme".getBytes();
      readme.setSize(text.length);
      out.putArchiveEntry(readme);
      out.write(text);
      out.closeArchiveEntry();
      TarArchiveEntry entry = new TarArchiveEntry("GeoLite2-City_20200101/GeoLite2-City.mmdb");
      entry.setSize(Files.size(mmdb));
      out.putArchiveEntry(entry);
      Files.copy(mmdb, out);
      out.closeArchiveEntry();
    }
    for (Path file : new Path[] {gz, tar}) {
      try (GeoDatabase db = GeoDatabase.open(file)) {
        assertThat(db.city("203.0.113.1")).containsEntry("city", "Springfield");
      }
    }
  }

  @Test
  void aFileThatIsNotADatabaseIsNamedInTheError() throws IOException {
    Path bad = Files.writeString(dir.resolve("bad.mmdb"), "not a database");
    assertThatThrownBy(() -> GeoDatabase.open(bad))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("bad.mmdb")
        .hasMessageContaining("not a readable MaxMind");
    assertThatThrownBy(() -> GeoDatabase.open(dir.resolve("missing.mmdb")))
        .hasMessageContaining("no such GeoIP database file");
  }
}
