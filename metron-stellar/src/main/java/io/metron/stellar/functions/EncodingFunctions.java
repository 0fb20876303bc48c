package io.metron.stellar.functions;

import static io.metron.stellar.FunctionDescriptor.builder;
import static io.metron.stellar.functions.StringFunctions.def;

import io.metron.stellar.StellarException;
import io.metron.stellar.StellarFunction;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/** ENCODE, DECODE and IS_ENCODING (BASE32, BASE32HEX, BASE64, BINARY, HEX). */
final class EncodingFunctions {

  private EncodingFunctions() {}

  /**
   * The encodings, with the semantics of the Apache Commons Codec classes Metron used: lenient
   * decoders that skip characters outside the alphabet, alphabet tests that allow padding and
   * whitespace (so a trailing CRLF is fine), and BINARY with the last byte first.
   */
  enum Encoding {
    BASE32("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"),
    BASE32HEX("0123456789ABCDEFGHIJKLMNOPQRSTUV"),
    BASE64("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"),
    BINARY("01"),
    HEX("0123456789abcdefABCDEF");

    private final String alphabet;

    Encoding(String alphabet) {
      this.alphabet = alphabet;
    }

    String encode(byte[] bytes) {
      return switch (this) {
        case BASE64 -> Base64.getEncoder().encodeToString(bytes);
        case HEX -> HexFormat.of().formatHex(bytes);
        case BINARY -> {
          // Commons Codec's BinaryCodec: the last byte comes first, each byte high bit first
          StringBuilder sb = new StringBuilder(bytes.length * 8);
          for (int j = bytes.length - 1; j >= 0; j--) {
            for (int i = 7; i >= 0; i--) {
              sb.append((bytes[j] >> i & 1) == 1 ? '1' : '0');
            }
          }
          yield sb.toString();
        }
        default -> base32(bytes, alphabet);
      };
    }

    /**
     * Decodes as Metron did without verification: BASE32 and BASE64 skip what is not in their
     * alphabet and stop at padding; HEX that is not hex, and BINARY that decodes to nothing but
     * whitespace, give the input back.
     */
    String decode(String s) {
      return switch (this) {
        case BASE64 -> utf8(unbase(s, alphabet, 6));
        case HEX -> {
          if (s.length() % 2 != 0 || !allIn(s, alphabet, false)) {
            yield s;
          }
          yield utf8(HexFormat.of().parseHex(s.toLowerCase(Locale.ROOT)));
        }
        case BINARY -> {
          byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
          byte[] out = new byte[bytes.length / 8];
          for (int i = 0, j = bytes.length - 1; i < out.length; i++, j -= 8) {
            for (int bit = 0; bit < 8; bit++) {
              if (bytes[j - bit] == '1') {
                out[i] |= (byte) (1 << bit);
              }
            }
          }
          String text = utf8(out);
          yield text.trim().isEmpty() ? s : text;
        }
        default -> utf8(unbase(s, alphabet, 5));
      };
    }

    /** Whether {@code s} could be in this encoding (Metron's IS_ENCODING and verified DECODE). */
    boolean is(String s) {
      if (s == null) {
        return false;
      }
      return switch (this) {
        case BINARY -> allIn(s, alphabet, false);
        case HEX -> s.length() % 2 == 0 && allIn(s, alphabet, false);
        // the URL-safe alphabet's '-' and '_' decode too, as in Commons Codec
        case BASE64 -> allIn(s, alphabet + "-_", true);
        default -> allIn(s, alphabet, true);
      };
    }
  }

  private static boolean allIn(String s, String alphabet, boolean padAndWhitespace) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          alphabet.indexOf(c) >= 0
              || padAndWhitespace && (c == '=' || c == ' ' || c == '\t' || c == '\n' || c == '\r');
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  static String base32(byte[] data, String alphabet) {
    StringBuilder sb = new StringBuilder();
    int buffer = 0;
    int bits = 0;
    for (byte b : data) {
      buffer = (buffer << 8) | (b & 0xFF);
      bits += 8;
      while (bits >= 5) {
        sb.append(alphabet.charAt((buffer >> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    if (bits > 0) {
      sb.append(alphabet.charAt((buffer << (5 - bits)) & 31));
    }
    while (sb.length() % 8 != 0) {
      sb.append('=');
    }
    return sb.toString();
  }

  /**
   * A lenient base-2^width decoder: characters outside the alphabet are skipped, padding ends the
   * input, and whole bytes are emitted as the bits accumulate (trailing partial bits dropped).
   */
  static byte[] unbase(String s, String alphabet, int width) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int buffer = 0;
    int bits = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '=') {
        break;
      }
      int v = alphabet.indexOf(c);
      if (width == 6 && v < 0) {
        v = c == '-' ? 62 : c == '_' ? 63 : -1;
      }
      if (v < 0) {
        continue;
      }
      buffer = (buffer << width) | v;
      bits += width;
      if (bits >= 8) {
        out.write((buffer >> (bits - 8)) & 0xFF);
        bits -= 8;
      }
    }
    return out.toByteArray();
  }

  static Encoding encoding(Object name, String fn) {
    if (name == null) {
      return null;
    }
    try {
      return Encoding.valueOf(name.toString().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new StellarException(
          fn + ": unsupported encoding '" + name + "'; supported: " + List.of(Encoding.values()));
    }
  }

  static List<StellarFunction> functions() {
    List<StellarFunction> f = new ArrayList<>();
    f.add(
        def(
            builder("GET_SUPPORTED_ENCODINGS")
                .returns("List of encoding names")
                .description("The encodings ENCODE, DECODE and IS_ENCODING support.")
                .example(
                    "GET_SUPPORTED_ENCODINGS()",
                    "['BASE32', 'BASE32HEX', 'BASE64', 'BINARY', 'HEX']"),
            (a, c) -> {
              List<Object> out = new ArrayList<>();
              for (Encoding e : Encoding.values()) {
                out.add(e.name());
              }
              return out;
            }));
    f.add(
        def(
            builder("ENCODE")
                .param("string", "String", "the text to encode (as UTF-8)")
                .param("encoding", "String", "one of GET_SUPPORTED_ENCODINGS()")
                .returns("String")
                .description("Encodes a string.")
                .example("ENCODE('hello', 'BASE64')", "'aGVsbG8='")
                .example("ENCODE('hi', 'HEX')", "'6869'")
                .example("ENCODE('hi', 'BASE32')", "'NBUQ===='")
                .example("ENCODE('a', 'BINARY')", "'01100001'"),
            (a, c) -> {
              String s = Args.text(a, 0);
              Encoding e = encoding(a.get(1), "ENCODE");
              return s == null || e == null ? null : e.encode(s.getBytes(StandardCharsets.UTF_8));
            }));
    f.add(
        def(
            builder("DECODE")
                .param("string", "String", "the encoded text")
                .param("encoding", "String", "one of GET_SUPPORTED_ENCODINGS()")
                .optional(
                    "verify",
                    "Boolean",
                    "when true, input that is not in the encoding's alphabet comes back unchanged"
                        + " (default false: decode leniently)")
                .returns("String: the decoded text (UTF-8)")
                .description(
                    "Decodes a string as Metron did: BASE32 and BASE64 skip characters outside"
                        + " their alphabet (so a trailing newline is fine); HEX that is not hex,"
                        + " and BINARY that decodes to whitespace only, come back unchanged.")
                .example("DECODE('aGVsbG8=', 'BASE64')", "'hello'")
                .example("DECODE('NBUQ====', 'BASE32')", "'hi'")
                .example("DECODE('not base64!', 'BASE64', true)", "'not base64!'"),
            (a, c) -> {
              String s = Args.text(a, 0);
              Encoding e = encoding(a.get(1), "DECODE");
              if (s == null || e == null) {
                return null;
              }
              boolean verify = Args.bool(a, 2, false);
              return verify && !e.is(s) ? s : e.decode(s);
            }));
    f.add(
        def(
            builder("IS_ENCODING")
                .param("string", "String", "the text to test")
                .param("encoding", "String", "one of GET_SUPPORTED_ENCODINGS()")
                .returns("Boolean")
                .description(
                    "Tests whether a string could be in an encoding: its characters are in the"
                        + " alphabet (padding and whitespace allowed for BASE32 and BASE64).")
                .example("IS_ENCODING('aGVsbG8=', 'BASE64')", "true")
                .example("IS_ENCODING('xyz', 'HEX')", "false"),
            (a, c) -> {
              Encoding e = encoding(a.get(1), "IS_ENCODING");
              return e != null && e.is(Args.text(a, 0));
            }));
    return f;
  }
}
