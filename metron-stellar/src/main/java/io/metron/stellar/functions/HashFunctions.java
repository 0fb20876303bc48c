package io.metron.stellar.functions;

import static io.metron.stellar.FunctionDescriptor.builder;
import static io.metron.stellar.functions.StringFunctions.def;

import io.metron.stellar.StellarException;
import io.metron.stellar.StellarFunction;
import io.metron.stellar.sketch.KryoBytes;
import io.metron.stellar.tlsh.Tlsh;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Security;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

/**
 * HASH (message digests and TLSH), GET_HASHES_AVAILABLE and TLSH_DIST, with Metron's rules: a null
 * value hashes to zeros of the digest's length, a string hashes as its bytes in the configured
 * charset (UTF-8 by default), any other serialisable value as its Java serialisation, anything else
 * to null; TLSH answers null when the input is too short or too uniform.
 */
final class HashFunctions {

  private HashFunctions() {}

  private static final String TLSH = "TLSH";

  static List<StellarFunction> functions() {
    List<StellarFunction> f = new ArrayList<>();
    f.add(
        def(
            builder("GET_HASHES_AVAILABLE")
                .returns("List of hash algorithm names HASH accepts")
                .description("The message-digest algorithms HASH supports, and TLSH.")
                .example("'SHA-256' in GET_HASHES_AVAILABLE()", "true")
                .example("'TLSH' in GET_HASHES_AVAILABLE()", "true"),
            (a, c) -> {
              if (!a.isEmpty()) {
                throw new StellarException(
                    "GET_HASHES_AVAILABLE: invalid call, this function takes no arguments");
              }
              TreeSet<String> names = new TreeSet<>(Security.getAlgorithms("MessageDigest"));
              names.add(TLSH);
              return new ArrayList<>(names);
            }));
    f.add(
        def(
            builder("HASH")
                .param("toHash", "Object", "the value to hash")
                .param("hashType", "String", "an algorithm from GET_HASHES_AVAILABLE(), or 'TLSH'")
                .optional(
                    "config",
                    "Map",
                    "for TLSH: bucketSize (128 or 256), checksumBytes (1 or 3), force (default"
                        + " true: 50 bytes suffice, else 256) and hashes (a number or list of"
                        + " numbers: also return that many-bit bins, for clustering); for the"
                        + " others: charset (default UTF-8)")
                .returns(
                    "String: the lower-case hex digest (upper-case for TLSH); with TLSH 'hashes',"
                        + " a map of tlsh and the bins")
                .description(
                    "Hashes a value. A null value gives zeros of the digest's length; TLSH gives"
                        + " null when the input is under 50 bytes or too uniform.")
                .example("HASH('abc', 'MD5')", "'900150983cd24fb0d6963f7d28e17f72'")
                .example(
                    "HASH('abc', 'SHA-256')",
                    "'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'")
                .example("HASH(null, 'MD5')", "'00000000000000000000000000000000'")
                .example("HASH('too short', 'TLSH')", "null"),
            (a, c) -> {
              Object v = a.get(0);
              Object type = a.get(1);
              if (type == null) {
                return null;
              }
              Map<Object, Object> config =
                  a.size() > 2 && a.get(2) instanceof Map<?, ?> m ? cast(m) : Map.of();
              String name = type.toString();
              if (name.equalsIgnoreCase(TLSH)) {
                return tlsh(v, config);
              }
              return digest(v, name, config);
            }));
    f.add(
        def(
            builder("TLSH_DIST")
                .param("hash1", "String", "a TLSH digest")
                .param("hash2", "String", "a TLSH digest made with the same options")
                .optional(
                    "includeLength",
                    "Boolean",
                    "whether the input lengths' difference counts (default false)")
                .returns(
                    "Integer: roughly a Hamming distance, 0 for identical inputs; -1 when either is"
                        + " null")
                .description("The TLSH distance between two digests.")
                .example("TLSH_DIST(null, 'x')", "-1"),
            (a, c) -> {
              Object h1 = a.get(0);
              Object h2 = a.get(1);
              for (Object h : new Object[] {h1, h2}) {
                if (h != null && !(h instanceof String)) {
                  throw new StellarException("TLSH_DIST: " + h + " must be strings");
                }
              }
              if (h1 == null || h2 == null) {
                return -1;
              }
              boolean includeLength = Args.bool(a, 2, false);
              try {
                return Tlsh.distance((String) h1, (String) h2, includeLength);
              } catch (IllegalArgumentException e) {
                throw new StellarException("TLSH_DIST: " + e.getMessage());
              }
            }));
    return f;
  }

  @SuppressWarnings("unchecked")
  private static Map<Object, Object> cast(Map<?, ?> m) {
    return (Map<Object, Object>) m;
  }

  private static String digest(Object v, String algorithm, Map<Object, Object> config) {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new StellarException(
          "HASH: invalid hash type: " + algorithm + "; see GET_HASHES_AVAILABLE()");
    }
    if (v == null) {
      return "00".repeat(md.getDigestLength());
    }
    byte[] bytes;
    if (v instanceof String s) {
      bytes = s.getBytes(charset(config.get("charset")));
    } else if (v instanceof Serializable s) {
      bytes = javaSerialized(s);
    } else {
      return null;
    }
    return HexFormat.of().formatHex(md.digest(bytes));
  }

  private static Charset charset(Object name) {
    if (name == null) {
      return StandardCharsets.UTF_8;
    }
    try {
      return Charset.forName(name.toString());
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new StellarException("HASH: unknown charset '" + name + "'");
    }
  }

  private static byte[] javaSerialized(Serializable s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ObjectOutputStream oos = new ObjectOutputStream(out)) {
      oos.writeObject(s);
    } catch (IOException e) {
      throw new StellarException("HASH: cannot serialise " + s.getClass().getSimpleName(), e);
    }
    return out.toByteArray();
  }

  // ---- TLSH ----

  private static Object tlsh(Object v, Map<Object, Object> config) {
    Tlsh.Buckets buckets = Tlsh.Buckets.B128;
    Integer size = option(config, "bucketSize");
    if (size != null && size == 256) {
      buckets = Tlsh.Buckets.B256;
    }
    Integer checksum = option(config, "checksumBytes");
    int checksumBytes = checksum != null && checksum == 3 ? 3 : 1;
    boolean force = Args.bool(java.util.Arrays.asList(config.get("force")), 0, true);
    List<Integer> hashes = hashCounts(config.get("hashes"));
    if (v == null) {
      return null;
    }
    byte[] data =
        v instanceof byte[] raw
            ? raw
            : v instanceof String s
                ? s.getBytes(StandardCharsets.UTF_8)
                // Metron hashed other values as their Kryo bytes
                : KryoBytes.of(v);
    String digest = Tlsh.digest(data, buckets, checksumBytes, force);
    if (digest == null || hashes.isEmpty()) {
      return digest;
    }
    Map<String, Object> out = new HashMap<>();
    out.put("tlsh", digest);
    out.putAll(bins(digest, checksumBytes, hashes));
    return out;
  }

  private static Integer option(Map<Object, Object> config, String key) {
    Object v = config.get(key);
    return v == null ? null : Args.integer(java.util.Arrays.asList(v), 0, "HASH");
  }

  private static List<Integer> hashCounts(Object spec) {
    List<Integer> out = new ArrayList<>();
    if (spec instanceof List<?> l) {
      for (Object o : l) {
        out.add(Args.integer(java.util.Arrays.asList(o), 0, "HASH"));
      }
    } else if (spec != null) {
      out.add(Args.integer(java.util.Arrays.asList(spec), 0, "HASH"));
    }
    return out;
  }

  /**
   * Metron's TLSH bins: random projections (java.util.Random seeded with 0, so fixed) of the bits
   * of the digest after its checksum; similar inputs share bins. Each bin is its bit count followed
   * by the projection's bytes in lower-case hex.
   */
  private static Map<String, String> bins(String digest, int checksumBytes, List<Integer> hashes) {
    Random random = new Random(0);
    byte[] h =
        HexFormat.of()
            .parseHex(digest.substring(2 * checksumBytes).toLowerCase(java.util.Locale.ROOT));
    BitSet vector = BitSet.valueOf(h);
    int n = vector.length();
    Map<String, String> out = new HashMap<>();
    boolean single = hashes.size() == 1;
    for (int count : hashes) {
      BitSet projection = new BitSet();
      for (int i = 0; i < count; i++) {
        projection.set(i, vector.get(random.nextInt(n)));
      }
      String bin = count + HexFormat.of().formatHex(projection.toByteArray());
      out.put(single ? "tlsh_bin" : "tlsh_bin_" + count, bin);
    }
    return out;
  }
}
