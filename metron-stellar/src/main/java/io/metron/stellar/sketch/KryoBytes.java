package io.metron.stellar.sketch;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The bytes Metron's {@code SerDeUtils.toBytes} (Kryo 3 {@code writeClassAndObject}, references on,
 * default registrations) gives a value, for the types whose encoding is fixed by Kryo's defaults:
 * strings, the boxed numbers, booleans, characters and null. Metron hashed exactly these bytes into
 * its bloom filters, so a value lands on the same bits here.
 *
 * <p>Collections, maps and other objects were written by Kryo with class names and field-by-field
 * serialisers; those are encoded here as a marker byte followed by the UTF-8 of their string form,
 * which is stable but not Metron's (see docs/compatibility.md).
 */
public final class KryoBytes {

  private KryoBytes() {}

  // Kryo writes a class as its registration id + 2; 0 is null.
  private static final int NULL = 0;
  private static final int INT = 0 + 2;
  private static final int STRING = 1 + 2;
  private static final int FLOAT = 2 + 2;
  private static final int BOOLEAN = 3 + 2;
  private static final int BYTE = 4 + 2;
  private static final int CHAR = 5 + 2;
  private static final int SHORT = 6 + 2;
  private static final int LONG = 7 + 2;
  private static final int DOUBLE = 8 + 2;
  // first reference to an object in the graph (strings are reference-tracked, boxes are not)
  private static final int NOT_NULL = 1;
  // not a Kryo id: marks this project's encoding of other objects
  private static final int OTHER = 0xFF;

  /** The bytes of {@code value}. */
  public static byte[] of(Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    switch (value) {
      case null -> out.write(NULL);
      case String s -> {
        out.write(STRING);
        out.write(NOT_NULL);
        string(out, s);
      }
      case Integer i -> {
        out.write(INT);
        varInt(out, zigZag(i));
      }
      case Long l -> {
        out.write(LONG);
        varLong(out, (l << 1) ^ (l >> 63));
      }
      case Double d -> {
        out.write(DOUBLE);
        bigEndian(out, Double.doubleToLongBits(d), 8);
      }
      case Float f -> {
        out.write(FLOAT);
        bigEndian(out, Float.floatToIntBits(f), 4);
      }
      case Boolean b -> {
        out.write(BOOLEAN);
        out.write(b ? 1 : 0);
      }
      case Byte b -> {
        out.write(BYTE);
        out.write(b);
      }
      case Short s -> {
        out.write(SHORT);
        bigEndian(out, s, 2);
      }
      case Character c -> {
        out.write(CHAR);
        bigEndian(out, c, 2);
      }
      default -> {
        out.write(OTHER);
        out.writeBytes(String.valueOf(value).getBytes(StandardCharsets.UTF_8));
      }
    }
    return out.toByteArray();
  }

  private static int zigZag(int v) {
    return (v << 1) ^ (v >> 31);
  }

  private static void varInt(ByteArrayOutputStream out, int v) {
    while ((v & ~0x7F) != 0) {
      out.write((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    out.write(v);
  }

  private static void varLong(ByteArrayOutputStream out, long v) {
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  private static void bigEndian(ByteArrayOutputStream out, long v, int bytes) {
    for (int i = bytes - 1; i >= 0; i--) {
      out.write((int) (v >>> (8 * i)) & 0xFF);
    }
  }

  // Kryo's string form: short ASCII strings as bytes with the last one's high bit set; anything
  // else as a length (char count + 1, bit 8 flagging this form) and then the chars, each in one to
  // three bytes as in UTF-8 (surrogates one by one).
  private static void string(ByteArrayOutputStream out, String s) {
    int n = s.length();
    if (n == 0) {
      out.write(1 | 0x80);
      return;
    }
    boolean ascii = n > 1 && n < 64 && s.chars().allMatch(c -> c <= 127);
    if (ascii) {
      for (int i = 0; i < n - 1; i++) {
        out.write(s.charAt(i));
      }
      out.write(s.charAt(n - 1) | 0x80);
      return;
    }
    utf8Length(out, n + 1);
    for (int i = 0; i < n; i++) {
      int c = s.charAt(i);
      if (c <= 0x7F) {
        out.write(c);
      } else if (c > 0x07FF) {
        out.write(0xE0 | c >> 12 & 0x0F);
        out.write(0x80 | c >> 6 & 0x3F);
        out.write(0x80 | c & 0x3F);
      } else {
        out.write(0xC0 | c >> 6 & 0x1F);
        out.write(0x80 | c & 0x3F);
      }
    }
  }

  private static void utf8Length(ByteArrayOutputStream out, int v) {
    if (v >>> 6 == 0) {
      out.write(v | 0x80);
      return;
    }
    out.write((v | 0x40 | 0x80) & 0xFF);
    int rest = v >>> 6;
    while (true) {
      if (rest >>> 7 == 0) {
        out.write(rest);
        return;
      }
      out.write((rest | 0x80) & 0xFF);
      rest >>>= 7;
    }
  }
}
