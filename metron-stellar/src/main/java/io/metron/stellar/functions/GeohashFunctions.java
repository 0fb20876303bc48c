package io.metron.stellar.functions;

import static io.metron.stellar.FunctionDescriptor.builder;
import static io.metron.stellar.functions.StringFunctions.def;

import io.metron.stellar.StellarException;
import io.metron.stellar.StellarFunction;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * GEOHASH_* functions: encode and decode geohashes, distances (in kilometres) between their cell
 * centres, and centroids. Pure arithmetic; GeoIP lookups themselves (GEO_GET) live elsewhere.
 */
final class GeohashFunctions {

  private GeohashFunctions() {}

  private static final String BASE32 = "0123456789bcdefghjkmnpqrstuvwxyz";
  private static final double EARTH_RADIUS_KM = 6371.0;

  static String encode(double lat, double lon, int precision) {
    double[] latRange = {-90, 90};
    double[] lonRange = {-180, 180};
    StringBuilder sb = new StringBuilder();
    boolean even = true;
    int bit = 0;
    int ch = 0;
    while (sb.length() < precision) {
      double[] range = even ? lonRange : latRange;
      double value = even ? lon : lat;
      double mid = (range[0] + range[1]) / 2;
      ch <<= 1;
      if (value >= mid) {
        ch |= 1;
        range[0] = mid;
      } else {
        range[1] = mid;
      }
      even = !even;
      if (++bit == 5) {
        sb.append(BASE32.charAt(ch));
        bit = 0;
        ch = 0;
      }
    }
    return sb.toString();
  }

  /** The centre of a geohash cell as {latitude, longitude}, or null for an invalid hash. */
  static double[] decode(String hash) {
    double[] latRange = {-90, 90};
    double[] lonRange = {-180, 180};
    boolean even = true;
    for (char c : hash.toLowerCase(Locale.ROOT).toCharArray()) {
      int v = BASE32.indexOf(c);
      if (v < 0) {
        return null;
      }
      for (int b = 4; b >= 0; b--) {
        double[] range = even ? lonRange : latRange;
        double mid = (range[0] + range[1]) / 2;
        if ((v >> b & 1) == 1) {
          range[0] = mid;
        } else {
          range[1] = mid;
        }
        even = !even;
      }
    }
    return new double[] {(latRange[0] + latRange[1]) / 2, (lonRange[0] + lonRange[1]) / 2};
  }

  static double distance(double[] p, double[] q, String strategy) {
    double lat1 = Math.toRadians(p[0]);
    double lat2 = Math.toRadians(q[0]);
    double dLat = lat2 - lat1;
    double dLon = Math.toRadians(q[1] - p[1]);
    return switch (strategy) {
      case "HAVERSINE" -> {
        double h =
            Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(lat1) * Math.cos(lat2) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        yield 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
      }
      case "LAW_OF_COSINES" -> {
        double cos =
            Math.sin(lat1) * Math.sin(lat2) + Math.cos(lat1) * Math.cos(lat2) * Math.cos(dLon);
        yield EARTH_RADIUS_KM * Math.acos(Math.max(-1, Math.min(1, cos)));
      }
      case "VICENTY" -> {
        double num =
            Math.hypot(
                Math.cos(lat2) * Math.sin(dLon),
                Math.cos(lat1) * Math.sin(lat2) - Math.sin(lat1) * Math.cos(lat2) * Math.cos(dLon));
        double den =
            Math.sin(lat1) * Math.sin(lat2) + Math.cos(lat1) * Math.cos(lat2) * Math.cos(dLon);
        yield EARTH_RADIUS_KM * Math.atan2(num, den);
      }
      default ->
          throw new StellarException(
              "unknown distance strategy '"
                  + strategy
                  + "'; use HAVERSINE, LAW_OF_COSINES or VICENTY");
    };
  }

  private static String strategy(Object o) {
    return o == null ? "HAVERSINE" : o.toString().toUpperCase(Locale.ROOT);
  }

  private static Double coordinate(Object o) {
    Number n = ConversionFunctions.toNumber(o);
    return n == null ? null : n.doubleValue();
  }

  private static Map<Object, Object> latLong(double[] p) {
    Map<Object, Object> m = new HashMap<>();
    m.put("latitude", p[0]);
    m.put("longitude", p[1]);
    return m;
  }

  static List<StellarFunction> functions() {
    List<StellarFunction> f = new ArrayList<>();
    f.add(
        def(
            builder("GEOHASH_FROM_LATLONG")
                .param("latitude", "Number", "degrees")
                .param("longitude", "Number", "degrees")
                .optional("character_precision", "Integer", "the hash length (default 12)")
                .returns("String: the geohash; null when a coordinate is missing")
                .description("Computes the geohash of a point.")
                .example("GEOHASH_FROM_LATLONG(57.64911, 10.40744, 11)", "'u4pruydqqvj'"),
            (a, c) -> {
              Double lat = coordinate(a.get(0));
              Double lon = coordinate(a.get(1));
              Integer p = Args.integer(a, 2, "GEOHASH_FROM_LATLONG");
              return lat == null || lon == null ? null : encode(lat, lon, p == null ? 12 : p);
            }));
    f.add(
        def(
            builder("GEOHASH_FROM_LOC")
                .param("map", "Map", "a map with 'latitude' and 'longitude', e.g. from GEO_GET")
                .optional("character_precision", "Integer", "the hash length (default 12)")
                .returns("String: the geohash; null when a coordinate is missing")
                .description("Computes the geohash of a location map.")
                .example(
                    "GEOHASH_FROM_LOC({'latitude': '57.64911', 'longitude': 10.40744}, 5)",
                    "'u4pru'"),
            (a, c) -> {
              Map<Object, Object> m = Args.map(a, 0, "GEOHASH_FROM_LOC");
              Integer p = Args.integer(a, 1, "GEOHASH_FROM_LOC");
              if (m == null) {
                return null;
              }
              Double lat = coordinate(m.get("latitude"));
              Double lon = coordinate(m.get("longitude"));
              return lat == null || lon == null ? null : encode(lat, lon, p == null ? 12 : p);
            }));
    f.add(
        def(
            builder("GEOHASH_TO_LATLONG")
                .param("hash", "String", "a geohash")
                .returns(
                    "Map with 'latitude' and 'longitude' of the cell's centre; null for an invalid"
                        + " hash")
                .description("Decodes a geohash.")
                .example("ROUND(MAP_GET('latitude', GEOHASH_TO_LATLONG('u4pruydqqvj')))", "58L"),
            (a, c) -> {
              String h = Args.text(a, 0);
              double[] p = h == null || h.isEmpty() ? null : decode(h);
              return p == null ? null : latLong(p);
            }));
    f.add(
        def(
            builder("GEOHASH_DIST")
                .param("hash1", "String", "a geohash")
                .param("hash2", "String", "another geohash")
                .optional("strategy", "String", "HAVERSINE (default), LAW_OF_COSINES or VICENTY")
                .returns("Double: the distance in kilometres between the cell centres")
                .description("The great-circle distance between two geohashes.")
                .example("ROUND(GEOHASH_DIST('u4pruydqqvj', 'u4pruydqqvj'))", "0L")
                .example("ROUND(GEOHASH_DIST('dr5regw3pg6f', 'gcpvj0duq53f'))", "5570L"),
            (a, c) -> {
              String h1 = Args.text(a, 0);
              String h2 = Args.text(a, 1);
              if (h1 == null || h2 == null) {
                return null;
              }
              double[] p = decode(h1);
              double[] q = decode(h2);
              return p == null || q == null ? null : distance(p, q, strategy(Args.get(a, 2)));
            }));
    f.add(
        def(
            builder("GEOHASH_MAX_DIST")
                .param("hashes", "List", "geohashes")
                .optional("strategy", "String", "HAVERSINE (default), LAW_OF_COSINES or VICENTY")
                .returns("Double: the largest distance in kilometres between any two of them")
                .description("The largest pairwise distance within a set of geohashes.")
                .example(
                    "ROUND(GEOHASH_MAX_DIST(['dr5regw3pg6f', 'gcpvj0duq53f', 'dr5regw3pg6f']))",
                    "5570L"),
            (a, c) -> {
              Collection<Object> hashes = Args.collection(a, 0, "GEOHASH_MAX_DIST");
              if (hashes == null) {
                return null;
              }
              String strategy = strategy(Args.get(a, 1));
              List<double[]> points = new ArrayList<>();
              for (Object o : hashes) {
                double[] p = o == null ? null : decode(o.toString());
                if (p != null) {
                  points.add(p);
                }
              }
              double max = 0;
              for (int i = 0; i < points.size(); i++) {
                for (int j = i + 1; j < points.size(); j++) {
                  max = Math.max(max, distance(points.get(i), points.get(j), strategy));
                }
              }
              return points.isEmpty() ? null : max;
            }));
    f.add(
        def(
            builder("GEOHASH_CENTROID")
                .param("hashes", "Object", "a list of geohashes, or a map of geohash to weight")
                .optional("character_precision", "Integer", "the hash length (default 12)")
                .returns("String: the geohash of the (weighted) centroid")
                .description("The centroid of a set of geohashes, computed on the sphere.")
                .example("GEOHASH_CENTROID(['u4pruydqqvj', 'u4pruydqqvj'], 8)", "'u4pruydq'"),
            (a, c) -> {
              Object in = a.get(0);
              Integer p = Args.integer(a, 1, "GEOHASH_CENTROID");
              Map<Object, Object> weights = new HashMap<>();
              if (in instanceof Map<?, ?> m) {
                weights.putAll(m);
              } else if (in instanceof Collection<?> col) {
                for (Object o : col) {
                  weights.merge(o, 1, (x, y) -> ((Number) x).intValue() + 1);
                }
              } else if (in != null) {
                throw Args.wrongType("GEOHASH_CENTROID", 0, "a list or map of geohashes", in);
              }
              double x = 0;
              double y = 0;
              double z = 0;
              double total = 0;
              for (Map.Entry<Object, Object> e : weights.entrySet()) {
                double[] pt = e.getKey() == null ? null : decode(e.getKey().toString());
                Number w = ConversionFunctions.toNumber(e.getValue());
                if (pt == null || w == null) {
                  continue;
                }
                double lat = Math.toRadians(pt[0]);
                double lon = Math.toRadians(pt[1]);
                x += w.doubleValue() * Math.cos(lat) * Math.cos(lon);
                y += w.doubleValue() * Math.cos(lat) * Math.sin(lon);
                z += w.doubleValue() * Math.sin(lat);
                total += w.doubleValue();
              }
              if (total == 0) {
                return null;
              }
              x /= total;
              y /= total;
              z /= total;
              double lon = Math.toDegrees(Math.atan2(y, x));
              double lat = Math.toDegrees(Math.atan2(z, Math.hypot(x, y)));
              return encode(lat, lon, p == null ? 12 : p);
            }));
    return f;
  }
}
