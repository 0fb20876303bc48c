package io.metron.pipeline.profile;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;

/**
 * Profile values and state as bytes. A profile's value may be any Stellar value (a count, a list, a
 * map, a STATS or HLLP sketch), and {@code PROFILE_GET} must hand back the same object so {@code
 * STATS_MERGE} and friends work on it, as Metron did with Kryo. Java serialization keeps the exact
 * types; reading only accepts JDK value classes and Metron's own, never arbitrary classes.
 */
public final class ValueCodec {

  private static final ObjectInputFilter ALLOWED =
      ObjectInputFilter.Config.createFilter(
          "maxdepth=64;java.lang.*;java.util.*;java.math.*;io.metron.**;com.tdunning.math.stats.*;"
              + "!*");

  private ValueCodec() {}

  /**
   * The bytes of {@code value}.
   *
   * @throws IllegalArgumentException naming the type when the value cannot be kept (a lambda, a
   *     value of a class that is not serializable)
   */
  public static byte[] encode(Object value) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    } catch (java.io.NotSerializableException e) {
      throw new IllegalArgumentException(
          "a value of type " + e.getMessage() + " cannot be kept in a profile");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * The value {@link #encode} wrote.
   *
   * @throws IllegalArgumentException when the bytes are damaged or name a class not allowed
   */
  public static Object decode(byte[] bytes) {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      in.setObjectInputFilter(ALLOWED);
      return in.readObject();
    } catch (InvalidClassException e) {
      throw new IllegalArgumentException(
          "a stored profile value is not allowed: " + e.getMessage());
    } catch (IOException | ClassNotFoundException e) {
      throw new IllegalArgumentException("a stored profile value is damaged: " + e.getMessage());
    }
  }
}
