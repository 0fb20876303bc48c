package io.metron.stellar.sketch;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.apache.datasketches.hash.MurmurHash3;

/**
 * A bloom filter laid out as Metron's was (Metron wrapped Guava's {@code BloomFilter} with a funnel
 * of each value's Kryo bytes): the same bit count and hash count for the same expected insertions
 * and false-positive rate, and the same bits set for the same value, because a value is hashed as
 * its {@link KryoBytes} with 128-bit MurmurHash3 (seed 0) and its {@code k} bits are {@code h1 +
 * i*h2} (made non-negative) modulo the bit count. {@link #toBytes()} writes Guava's {@code writeTo}
 * form: strategy ordinal, hash count, word count, the words big-endian.
 *
 * <p>Not thread-safe while being added to, like Metron's. Java-serializable so that a profile's
 * state holding a filter survives restarts and {@code OBJECT_GET} can load one from a file.
 */
public final class BloomFilter implements Serializable {

  @java.io.Serial private static final long serialVersionUID = 1L;

  // Guava's ordinal of its MURMUR128_MITZ_64 strategy, the one Metron's filters used
  private static final int STRATEGY = 1;

  private final long[] words;
  private final int hashes;

  private BloomFilter(long[] words, int hashes) {
    this.words = words;
    this.hashes = hashes;
  }

  /**
   * An empty filter sized as Guava sizes one.
   *
   * @throws IllegalArgumentException unless {@code 0 < falsePositiveRate < 1} and {@code
   *     expectedInsertions >= 0}
   */
  public static BloomFilter create(long expectedInsertions, double falsePositiveRate) {
    if (!(falsePositiveRate > 0.0 && falsePositiveRate < 1.0)) {
      throw new IllegalArgumentException(
          "the false positive rate must be between 0 and 1, was " + falsePositiveRate);
    }
    if (expectedInsertions < 0) {
      throw new IllegalArgumentException(
          "the expected insertions must not be negative, was " + expectedInsertions);
    }
    long n = expectedInsertions == 0 ? 1 : expectedInsertions;
    long bits = (long) (-n * Math.log(falsePositiveRate) / (Math.log(2) * Math.log(2)));
    int k = Math.max(1, (int) Math.round((double) bits / n * Math.log(2)));
    long wordCount = (bits + 63) / 64;
    if (wordCount > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("a bloom filter of " + bits + " bits is too large");
    }
    return new BloomFilter(new long[(int) Math.max(1, wordCount)], k);
  }

  /** The number of bits. */
  public long bitSize() {
    return (long) words.length * 64;
  }

  /** The number of bits set per value. */
  public int hashCount() {
    return hashes;
  }

  /** Adds a value (its Kryo bytes); returns whether any bit changed. */
  public boolean add(Object value) {
    long[] h = MurmurHash3.hash(KryoBytes.of(value), 0);
    long size = bitSize();
    boolean changed = false;
    long combined = h[0];
    for (int i = 0; i < hashes; i++) {
      long bit = (combined & Long.MAX_VALUE) % size;
      long mask = 1L << bit;
      int word = (int) (bit >>> 6);
      changed |= (words[word] & mask) == 0;
      words[word] |= mask;
      combined += h[1];
    }
    return changed;
  }

  /** False when the value was certainly never added; true when it probably was. */
  public boolean mightContain(Object value) {
    long[] h = MurmurHash3.hash(KryoBytes.of(value), 0);
    long size = bitSize();
    long combined = h[0];
    for (int i = 0; i < hashes; i++) {
      long bit = (combined & Long.MAX_VALUE) % size;
      if ((words[(int) (bit >>> 6)] & (1L << bit)) == 0) {
        return false;
      }
      combined += h[1];
    }
    return true;
  }

  /** Whether {@code other} has the same shape, so that {@link #merge} accepts it. */
  public boolean isCompatible(BloomFilter other) {
    return other.words.length == words.length && other.hashes == hashes;
  }

  /**
   * A new filter holding the values of this one and of {@code other}.
   *
   * @throws IllegalArgumentException when the two differ in size or hash count
   */
  public BloomFilter merge(BloomFilter other) {
    if (!isCompatible(other)) {
      throw new IllegalArgumentException(
          "bloom filters must have the same size and hash count to merge: "
              + this
              + " and "
              + other);
    }
    long[] out = words.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] |= other.words[i];
    }
    return new BloomFilter(out, hashes);
  }

  /** An independent copy. */
  public BloomFilter copy() {
    return new BloomFilter(words.clone(), hashes);
  }

  /** Guava's serialised form of the same filter. */
  public byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(6 + words.length * 8);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(STRATEGY);
      out.writeByte(hashes);
      out.writeInt(words.length);
      for (long w : words) {
        out.writeLong(w);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Reads what {@link #toBytes()} (or Guava's {@code writeTo} with the default strategy) wrote.
   *
   * @throws IllegalArgumentException when the bytes are not such a filter
   */
  public static BloomFilter fromBytes(byte[] data) {
    try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(data))) {
      int strategy = in.readByte();
      int k = in.readUnsignedByte();
      int n = in.readInt();
      if (strategy != STRATEGY || k < 1 || n < 1 || (long) n * 8 + 6 != data.length) {
        throw new IllegalArgumentException("not a serialised bloom filter");
      }
      long[] w = new long[n];
      for (int i = 0; i < n; i++) {
        w[i] = in.readLong();
      }
      return new BloomFilter(w, k);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a serialised bloom filter: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BloomFilter b && b.hashes == hashes && Arrays.equals(b.words, words);
  }

  @Override
  public int hashCode() {
    return 31 * hashes + Arrays.hashCode(words);
  }

  @Override
  public String toString() {
    return "BloomFilter{bits=" + bitSize() + ", hashes=" + hashes + "}";
  }
}
