package io.metron.stellar.tlsh;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The TLSH digest of a byte sequence and the distance between two digests.
 *
 * <p>A 5-byte window slides over the input; six byte triplets of each window are hashed (Pearson
 * hashing, salted) into buckets, whose counts are coded in two bits each against the count
 * quartiles. The digest is, in upper-case hex: the checksum (1 or 3 bytes), the length byte, the
 * quartile-ratio byte and the body (32 bytes for 128 buckets, 64 for 256), with the header bytes'
 * nibbles swapped as in the reference implementation. This is the form (without the later "T1"
 * prefix) that Metron's {@code HASH(x, 'TLSH')} returned. Immutable and thread-safe.
 */
public final class Tlsh {

  /** Fewest input bytes that give a digest when forced (Metron's default). */
  public static final int MIN_FORCED_LENGTH = 50;

  /** Fewest input bytes that give a digest when not forced. */
  public static final int MIN_CONSERVATIVE_LENGTH = 256;

  // Pearson's permutation table (CACM 33(6), 1990), which TLSH hashes with.
  private static final int[] PEARSON = {
    1, 87, 49, 12, 176, 178, 102, 166, 121, 193, 6, 84, 249, 230, 44, 163, 14, 197, 213, 181, 161,
    85, 218, 80, 64, 239, 24, 226, 236, 142, 38, 200, 110, 177, 104, 103, 141, 253, 255, 50, 77,
    101, 81, 18, 45, 96, 31, 222, 25, 107, 190, 70, 86, 237, 240, 34, 72, 242, 20, 214, 244, 227,
    149, 235, 97, 234, 57, 22, 60, 250, 82, 175, 208, 5, 127, 199, 111, 62, 135, 248, 174, 169, 211,
    58, 66, 154, 106, 195, 245, 171, 17, 187, 182, 179, 0, 243, 132, 56, 148, 75, 128, 133, 158,
    100, 130, 126, 91, 13, 153, 246, 216, 219, 119, 68, 223, 78, 83, 88, 201, 99, 122, 11, 92, 32,
    136, 114, 52, 10, 138, 30, 48, 183, 156, 35, 61, 26, 143, 74, 251, 94, 129, 162, 63, 152, 170,
    7, 115, 167, 241, 206, 3, 150, 55, 59, 151, 220, 90, 53, 23, 131, 125, 173, 15, 238, 79, 95, 89,
    16, 105, 137, 225, 224, 217, 160, 37, 123, 118, 73, 2, 157, 46, 116, 9, 145, 134, 228, 207, 212,
    202, 215, 69, 229, 27, 188, 67, 124, 168, 252, 42, 4, 29, 108, 21, 247, 19, 205, 39, 203, 233,
    40, 186, 147, 198, 192, 155, 33, 164, 191, 98, 204, 165, 180, 117, 76, 140, 36, 210, 172, 41,
    54, 159, 8, 185, 232, 113, 196, 231, 47, 146, 120, 51, 65, 28, 144, 254, 221, 93, 189, 194, 139,
    112, 43, 71, 109, 184, 209
  };

  // The log bases of the length byte, with the reference implementation's rounding.
  private static final double LOG_1_5 = 0.4054651;
  private static final double LOG_1_3 = 0.26236426;
  private static final double LOG_1_1 = 0.095310180;

  private final int checksumLength;
  private final int[] checksum;
  private final int lengthByte;
  private final int q1Ratio;
  private final int q2Ratio;
  private final int[] body;

  private Tlsh(int[] checksum, int lengthByte, int q1Ratio, int q2Ratio, int[] body) {
    this.checksumLength = checksum.length;
    this.checksum = checksum;
    this.lengthByte = lengthByte;
    this.q1Ratio = q1Ratio;
    this.q2Ratio = q2Ratio;
    this.body = body;
  }

  /** How many buckets a digest has. */
  public enum Buckets {
    B128(128),
    B256(256);

    final int count;

    Buckets(int count) {
      this.count = count;
    }
  }

  /**
   * The digest of {@code data}, or {@code null} when the data is too short (below {@link
   * #MIN_FORCED_LENGTH} bytes, or {@link #MIN_CONSERVATIVE_LENGTH} unless {@code force}) or too
   * uniform (the third quartile of the bucket counts is zero, or at most half the buckets are hit).
   *
   * @param checksumBytes 1 or 3
   */
  public static String digest(byte[] data, Buckets buckets, int checksumBytes, boolean force) {
    Tlsh t = of(data, buckets, checksumBytes, force);
    return t == null ? null : t.encoded();
  }

  static Tlsh of(byte[] data, Buckets buckets, int checksumBytes, boolean force) {
    if (checksumBytes != 1 && checksumBytes != 3) {
      throw new IllegalArgumentException("checksum bytes must be 1 or 3, was " + checksumBytes);
    }
    int n = data.length;
    if (n < MIN_FORCED_LENGTH || !force && n < MIN_CONSERVATIVE_LENGTH) {
      return null;
    }
    int[] counts = new int[256];
    int[] sum = new int[checksumBytes];
    for (int i = 4; i < n; i++) {
      int w0 = data[i] & 0xFF;
      int w1 = data[i - 1] & 0xFF;
      int w2 = data[i - 2] & 0xFF;
      int w3 = data[i - 3] & 0xFF;
      int w4 = data[i - 4] & 0xFF;
      sum[0] = pearson(0, w0, w1, sum[0]);
      for (int k = 1; k < checksumBytes; k++) {
        sum[k] = pearson(sum[k - 1], w0, w1, sum[k]);
      }
      counts[pearson(2, w0, w1, w2)]++;
      counts[pearson(3, w0, w1, w3)]++;
      counts[pearson(5, w0, w2, w3)]++;
      counts[pearson(7, w0, w2, w4)]++;
      counts[pearson(11, w0, w1, w4)]++;
      counts[pearson(13, w0, w3, w4)]++;
    }
    int effective = buckets.count;
    int[] sorted = Arrays.copyOf(counts, effective);
    Arrays.sort(sorted);
    long q1 = sorted[effective / 4 - 1];
    long q2 = sorted[effective / 2 - 1];
    long q3 = sorted[effective - effective / 4 - 1];
    if (q3 == 0) {
      return null;
    }
    int nonZero = 0;
    for (int i = 0; i < effective; i++) {
      if (counts[i] > 0) {
        nonZero++;
      }
    }
    if (nonZero <= effective / 2) {
      return null;
    }
    int codeSize = effective / 4;
    int[] code = new int[codeSize];
    for (int i = 0; i < codeSize; i++) {
      int h = 0;
      for (int j = 0; j < 4; j++) {
        long k = counts[4 * i + j];
        if (q3 < k) {
          h += 3 << (j * 2);
        } else if (q2 < k) {
          h += 2 << (j * 2);
        } else if (q1 < k) {
          h += 1 << (j * 2);
        }
      }
      // the digest lists the codes of the highest buckets first
      code[codeSize - 1 - i] = h;
    }
    int q1Ratio = (int) ((float) (q1 * 100) / (float) q3) % 16;
    int q2Ratio = (int) ((float) (q2 * 100) / (float) q3) % 16;
    return new Tlsh(sum, lengthByte(n), q1Ratio, q2Ratio, code);
  }

  private static int pearson(int salt, int i, int j, int k) {
    int h = PEARSON[salt];
    h = PEARSON[h ^ i];
    h = PEARSON[h ^ j];
    return PEARSON[h ^ k];
  }

  /** The length byte: a logarithm of the input length, coarser for longer inputs. */
  static int lengthByte(long len) {
    int i;
    if (len <= 656) {
      i = (int) Math.floor(Math.log(len) / LOG_1_5);
    } else if (len <= 3199) {
      i = (int) Math.floor(Math.log(len) / LOG_1_3 - 8.72777);
    } else {
      i = (int) Math.floor(Math.log(len) / LOG_1_1 - 62.5472);
    }
    return i & 0xFF;
  }

  private static int swapNibbles(int b) {
    return ((b & 0xF0) >>> 4) | ((b & 0x0F) << 4);
  }

  /** The digest in upper-case hex. */
  String encoded() {
    StringBuilder sb = new StringBuilder(2 * (checksumLength + 2 + body.length));
    HexFormat hex = HexFormat.of().withUpperCase();
    for (int c : checksum) {
      sb.append(hex.toHexDigits((byte) swapNibbles(c)));
    }
    sb.append(hex.toHexDigits((byte) swapNibbles(lengthByte)));
    sb.append(hex.toHexDigits((byte) ((q1Ratio << 4) | q2Ratio)));
    for (int b : body) {
      sb.append(hex.toHexDigits((byte) b));
    }
    return sb.toString();
  }

  /**
   * Reads a digest written by {@link #digest}: 70, 74, 134 or 138 hex digits (128 or 256 buckets,
   * 1- or 3-byte checksum).
   *
   * @throws IllegalArgumentException for anything else
   */
  static Tlsh parse(String digest) {
    int checksumBytes;
    int codeSize;
    switch (digest.length()) {
      case 70 -> {
        checksumBytes = 1;
        codeSize = 32;
      }
      case 74 -> {
        checksumBytes = 3;
        codeSize = 32;
      }
      case 134 -> {
        checksumBytes = 1;
        codeSize = 64;
      }
      case 138 -> {
        checksumBytes = 3;
        codeSize = 64;
      }
      default ->
          throw new IllegalArgumentException(
              "not a TLSH digest (expected 70, 74, 134 or 138 hex digits, got "
                  + digest.length()
                  + ")");
    }
    byte[] bytes;
    try {
      bytes = HexFormat.of().parseHex(digest.toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a TLSH digest: " + e.getMessage());
    }
    int[] sum = new int[checksumBytes];
    for (int k = 0; k < checksumBytes; k++) {
      sum[k] = swapNibbles(bytes[k] & 0xFF);
    }
    int len = swapNibbles(bytes[checksumBytes] & 0xFF);
    int q = bytes[checksumBytes + 1] & 0xFF;
    int[] code = new int[codeSize];
    for (int i = 0; i < codeSize; i++) {
      code[i] = bytes[checksumBytes + 2 + i] & 0xFF;
    }
    return new Tlsh(sum, len, q >>> 4, q & 0x0F, code);
  }

  /**
   * The TLSH distance between two digests made with the same options: 0 for identical inputs,
   * growing roughly with the edit distance. Equal strings are 0 without parsing, as in Metron.
   *
   * @throws IllegalArgumentException when either is not a digest, or they differ in shape
   */
  public static int distance(String a, String b, boolean includeLength) {
    if (a.equals(b)) {
      return 0;
    }
    Tlsh x = parse(a);
    Tlsh y = parse(b);
    if (x.checksumLength != y.checksumLength || x.body.length != y.body.length) {
      throw new IllegalArgumentException(
          "TLSH digests made with different options cannot be compared");
    }
    int diff = 0;
    if (includeLength) {
      int ldiff = modDiff(x.lengthByte, y.lengthByte, 256);
      diff += ldiff <= 1 ? ldiff : ldiff * 12;
    }
    int q1 = modDiff(x.q1Ratio, y.q1Ratio, 16);
    diff += q1 <= 1 ? q1 : (q1 - 1) * 12;
    int q2 = modDiff(x.q2Ratio, y.q2Ratio, 16);
    diff += q2 <= 1 ? q2 : (q2 - 1) * 12;
    for (int k = 0; k < x.checksumLength; k++) {
      if (x.checksum[k] != y.checksum[k]) {
        diff++;
        break;
      }
    }
    for (int i = 0; i < x.body.length; i++) {
      int p = x.body[i];
      int q = y.body[i];
      for (int j = 0; j < 4; j++) {
        int d = Math.abs(((p >>> (2 * j)) & 3) - ((q >>> (2 * j)) & 3));
        diff += d == 3 ? 6 : d;
      }
    }
    return diff;
  }

  private static int modDiff(int x, int y, int range) {
    int dl = Math.abs(x - y);
    int dr = range - dl;
    return Math.min(dl, dr);
  }

  /** The permutation table, for tests that check it is one. */
  static int[] pearsonTable() {
    return PEARSON.clone();
  }
}
