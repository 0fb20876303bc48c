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
import java.util.regex.Pattern;

/** ENCODE, DECODE and IS_ENCODING (BASE32, BASE32HEX, BASE64, BINARY, HEX). */
final class EncodingFunctions {

  private EncodingFunctions() {}

  enum Encoding {
    BASE32("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"),
    BASE32HEX("0123456789ABCDEFGHIJKLMNOPQRSTUV"),
    BASE64(null),
    BINARY(null),
    HEX(null);

    private final String alphabet;

    Encoding(String alphabet) {
      this.alphabet = alphabet;
    }

    String encode(byte[] bytes) {
      return switch (this) {
        case BASE64 -> Base64.getEncoder().encodeToString(bytes);
        case HEX -> HexFormat.of().formatHex(bytes);
        case BINARY -> {
          StringBuilder sb = new StringBuilder(bytes.length * 8);
          for (byte b : bytes) {
            for (int i = 7; i >= 0; i--) {
              sb.append((b >> i & 1) == 1 ? '1' : '0');
            }
          }
          yield sb.toString();
        }
        default -> base32(bytes, alphabet);
      };
    }

    /** The decoded bytes, or null when {@code s} is not valid in this encoding. */
    byte[] decode(String s) {
      if (!is(s)) {
        return null;
      }
      return switch (this) {
        case BASE64 -> Base64.getDecoder().decode(s);
        case HEX -> HexFormat.of().parseHex(s.toLowerCase(Locale.ROOT));
        case BINARY -> {
          byte[] out = new byte[s.length() / 8];
          for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(s.substring(i * 8, i * 8 + 8), 2);
          }
          yield out;
        }
        default -> unbase32(s, alphabet);
      };
    }

    boolean is(String s) {
      if (s == null || s.isEmpty()) {
        return false;
      }
      return switch (this) {
        case BASE64 -> s.length() % 4 == 0 && BASE64_CHARS.matcher(s).matches();
        case HEX -> s.length() % 2 == 0 && HEX_CHARS.matcher(s).matches();
        case BINARY -> s.length() % 8 == 0 && BINARY_CHARS.matcher(s).matches();
        default -> {
          if (s.length() % 8 != 0) {
            yield false;
          }
          int end = s.length();
          while (end > 0 && s.charAt(end - 1) == '=') {
            end--;
          }
          String body = s.substring(0, end);
          for (int i = 0; i < body.length(); i++) {
            if (alphabet.indexOf(Character.toUpperCase(body.charAt(i))) < 0) {
              yield false;
            }
          }
          yield true;
        }
      };
    }
  }

  private static final Pattern BASE64_CHARS = Pattern.compile("[A-Za-z0-9+/]*={0,2}");
  private static final Pattern HEX_CHARS = Pattern.compile("[0-9A-Fa-f]+");
  private static final Pattern BINARY_CHARS = Pattern.compile("[01]+");

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

  static byte[] unbase32(String s, String alphabet) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int buffer = 0;
    int bits = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = Character.toUpperCase(s.charAt(i));
      if (c == '=') {
        break;
      }
      buffer = (buffer << 5) | alphabet.indexOf(c);
      bits += 5;
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
                    "kept for Metron compatibility; invalid input is always returned unchanged")
                .returns(
                    "String: the decoded text (UTF-8), or the input unchanged when it is not"
                        + " validly encoded")
                .description("Decodes a string.")
                .example("DECODE('aGVsbG8=', 'BASE64')", "'hello'")
                .example("DECODE('NBUQ====', 'BASE32')", "'hi'")
                .example("DECODE('not base64!', 'BASE64', true)", "'not base64!'"),
            (a, c) -> {
              String s = Args.text(a, 0);
              Encoding e = encoding(a.get(1), "DECODE");
              if (s == null || e == null) {
                return null;
              }
              byte[] bytes = e.decode(s);
              return bytes == null ? s : new String(bytes, StandardCharsets.UTF_8);
            }));
    f.add(
        def(
            builder("IS_ENCODING")
                .param("string", "String", "the text to test")
                .param("encoding", "String", "one of GET_SUPPORTED_ENCODINGS()")
                .returns("Boolean")
                .description("Tests whether a string is validly encoded in an encoding.")
                .example("IS_ENCODING('aGVsbG8=', 'BASE64')", "true")
                .example("IS_ENCODING('xyz', 'HEX')", "false"),
            (a, c) -> {
              Encoding e = encoding(a.get(1), "IS_ENCODING");
              return e != null && e.is(Args.text(a, 0));
            }));
    return f;
  }
}
