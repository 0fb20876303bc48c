package io.metron.pipeline.enrich.geo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Small City databases written for tests, in both layouts the reader supports. */
public final class GeoTestDatabases {
  private GeoTestDatabases() {}

  /** MaxMind's City schema: 203.0.113.0/24 is Springfield, 198.51.100.0/24 has no city. */
  public static Path maxmind(Path dir) throws IOException {
    return new MmdbWriter("GeoLite2-City")
        .insert(
            "203.0.113.0/24",
            Map.of(
                "city", Map.of("geoname_id", 4409896L, "names", Map.of("en", "Springfield")),
                "country", Map.of("iso_code", "US", "names", Map.of("en", "United States")),
                "location",
                    Map.of(
                        "latitude",
                        37.2153,
                        "longitude",
                        -93.2982,
                        "metro_code",
                        619,
                        "time_zone",
                        "America/Chicago"),
                "postal", Map.of("code", "65801"),
                "subdivisions", List.of(Map.of("iso_code", "MO"))))
        .insert(
            "198.51.100.0/24",
            Map.of(
                "country", Map.of("iso_code", "GB"),
                "location", Map.of("latitude", 51.5, "longitude", -0.13)))
        .write(dir.resolve("city.mmdb"));
  }

  /** GeoLite2-ASN's schema: 203.0.113.0/24 is AS 64500 "Example Transit". */
  public static Path asn(Path dir) throws IOException {
    return new MmdbWriter("GeoLite2-ASN")
        .insert(
            "203.0.113.0/24",
            Map.of(
                "autonomous_system_number",
                64500,
                "autonomous_system_organization",
                "Example Transit"))
        .write(dir.resolve("asn.mmdb"));
  }

  /** DB-IP Lite's flat layout: 192.0.2.0/24 is Lyon. */
  public static Path dbip(Path dir) throws IOException {
    return new MmdbWriter("DBIP-City-Lite")
        .insert(
            "192.0.2.0/24",
            Map.of(
                "country_code", "FR",
                "state1", "Auvergne-Rhone-Alpes",
                "city", "Lyon",
                "postcode", "69001",
                "latitude", 45.7578,
                "longitude", 4.832,
                "timezone", "Europe/Paris"))
        .write(dir.resolve("dbip.mmdb"));
  }
}
