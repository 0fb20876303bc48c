package io.metron.pcap.filter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A fixed-length binary pattern in the byteseek sequence syntax that Metron's {@code
 * BYTEARRAY_MATCHER} and {@code --packet_filter} used, searched for anywhere in the data.
 *
 * <p>Supported: hex bytes ({@code de ad be ef} or {@code deadbeef}), {@code 'text'}, {@code
 * `case-insensitive text`}, {@code .} (any byte), ranges ({@code 30-39}, {@code 'a'-'z'}), sets
 * ({@code [09 0a 'a'-'z']}), inversion ({@code ^00}, {@code ^[...]}), bitmasks ({@code &07} all
 * bits, {@code ~07} any bit), groups {@code ( )}, exact repeats {@code {n}}, the backslash
 * shorthands (t n v f r e d D l L u U i I s S w W, as in byteseek), whitespace and {@code #}
 * comments. Variable-length elements ({@code * + ? {n,m} |}) are rejected, as byteseek's sequence
 * compiler rejects them. Immutable and thread-safe.
 */
public final class BytePattern {
  private final String source;
  private final long[][] positions;

  private BytePattern(String source, long[][] positions) {
    this.source = source;
    this.positions = positions;
  }

  /**
   * Compiles a pattern.
   *
   * @throws IllegalArgumentException naming the position of the first problem
   */
  public static BytePattern compile(String pattern) {
    if (pattern == null) {
      throw new IllegalArgumentException("byte pattern is null");
    }
    Parser p = new Parser(pattern);
    List<long[]> seq = p.sequence(false);
    if (seq.isEmpty()) {
      throw new IllegalArgumentException("byte pattern '" + pattern + "' matches nothing: empty");
    }
    return new BytePattern(pattern, seq.toArray(long[][]::new));
  }

  public String source() {
    return source;
  }

  /** Number of bytes a match covers. */
  public int length() {
    return positions.length;
  }

  /** True when the pattern occurs anywhere in {@code data}. */
  public boolean matches(byte[] data) {
    return data != null && find(data, 0, data.length) >= 0;
  }

  /** Offset of the first occurrence in {@code data[off, off+len)}, or -1. */
  public int find(byte[] data, int off, int len) {
    int m = positions.length;
    long[] first = positions[0];
    for (int s = off, last = off + len - m; s <= last; s++) {
      if (!has(first, data[s])) {
        continue;
      }
      int i = 1;
      while (i < m && has(positions[i], data[s + i])) {
        i++;
      }
      if (i == m) {
        return s - off;
      }
    }
    return -1;
  }

  private static boolean has(long[] set, byte b) {
    int v = b & 0xff;
    return (set[v >>> 6] & (1L << (v & 63))) != 0;
  }

  @Override
  public String toString() {
    return "BytePattern[" + source + "]";
  }

  private static final class Parser {
    private final String s;
    private int i;

    Parser(String s) {
      this.s = s;
    }

    private IllegalArgumentException error(String what) {
      return new IllegalArgumentException(
          "byte pattern '" + s + "': " + what + " at position " + i);
    }

    List<long[]> sequence(boolean inGroup) {
      List<long[]> out = new ArrayList<>();
      while (true) {
        skipSpace();
        if (i >= s.length()) {
          if (inGroup) {
            throw error("missing ')'");
          }
          return out;
        }
        char c = s.charAt(i);
        if (c == ')') {
          if (!inGroup) {
            throw error("unbalanced ')'");
          }
          i++;
          return out;
        }
        List<long[]> element = element();
        int times = repeat();
        for (int t = 0; t < times; t++) {
          for (long[] set : element) {
            out.add(set.clone());
          }
        }
      }
    }

    private int repeat() {
      skipSpace();
      if (i >= s.length()) {
        return 1;
      }
      char c = s.charAt(i);
      if (c == '*' || c == '+' || c == '?' || c == '|') {
        throw error("'" + c + "' is not supported (patterns are fixed-length)");
      }
      if (c != '{') {
        return 1;
      }
      int close = s.indexOf('}', i);
      if (close < 0) {
        throw error("missing '}'");
      }
      String body = s.substring(i + 1, close).trim();
      if (body.contains(",")) {
        throw error("'{n,m}' is not supported (patterns are fixed-length)");
      }
      try {
        int n = Integer.parseInt(body);
        if (n < 0 || n > 65535) {
          throw new NumberFormatException();
        }
        i = close + 1;
        return n;
      } catch (NumberFormatException e) {
        throw error("bad repeat count '" + body + "'");
      }
    }

    private List<long[]> element() {
      char c = s.charAt(i);
      if (c == '(') {
        i++;
        return sequence(true);
      }
      if (c == '\'' || c == '`') {
        int start = i;
        String text = quoted();
        if (text.length() == 1 && peekRange()) {
          i = start;
          return List.of(single());
        }
        List<long[]> out = new ArrayList<>();
        for (char ch : text.toCharArray()) {
          long[] set = new long[4];
          add(set, ch & 0xff);
          if (c == '`') {
            add(set, Character.toUpperCase(ch) & 0xff);
            add(set, Character.toLowerCase(ch) & 0xff);
          }
          out.add(set);
        }
        return out;
      }
      if (isHex(c) && i + 1 < s.length() && isHex(s.charAt(i + 1)) && !peekRangeAfter(i + 2)) {
        // A run of hex digits is a sequence of bytes.
        List<long[]> out = new ArrayList<>();
        while (i + 1 < s.length()
            && isHex(s.charAt(i))
            && isHex(s.charAt(i + 1))
            && !peekRangeAfter(i + 2)) {
          long[] set = new long[4];
          add(set, Integer.parseInt(s.substring(i, i + 2), 16));
          out.add(set);
          i += 2;
        }
        return out;
      }
      return List.of(single());
    }

    /** One position: a byte, character, range, set, mask, any, shorthand, or an inversion. */
    private long[] single() {
      skipSpace();
      if (i >= s.length()) {
        throw error("pattern ends early");
      }
      char c = s.charAt(i);
      long[] set = new long[4];
      switch (c) {
        case '^' -> {
          i++;
          long[] inner = single();
          for (int w = 0; w < 4; w++) {
            set[w] = ~inner[w];
          }
          return set;
        }
        case '.' -> {
          i++;
          Arrays.fill(set, -1L);
          return set;
        }
        case '[' -> {
          i++;
          while (true) {
            skipSpace();
            if (i >= s.length()) {
              throw error("missing ']'");
            }
            if (s.charAt(i) == ']') {
              i++;
              return set;
            }
            if (s.charAt(i) == '\'' || s.charAt(i) == '`') {
              int start = i;
              boolean insensitive = s.charAt(i) == '`';
              String text = quoted();
              if (text.length() == 1 && peekRange()) {
                i = start;
                or(set, single());
              } else {
                for (char ch : text.toCharArray()) {
                  add(set, ch & 0xff);
                  if (insensitive) {
                    add(set, Character.toUpperCase(ch) & 0xff);
                    add(set, Character.toLowerCase(ch) & 0xff);
                  }
                }
              }
            } else {
              or(set, single());
            }
          }
        }
        case '&', '~' -> {
          i++;
          int mask = hexByte();
          for (int v = 0; v < 256; v++) {
            boolean in = c == '&' ? (v & mask) == mask : (v & mask) != 0;
            if (in) {
              add(set, v);
            }
          }
          return set;
        }
        case '\\' -> {
          return shorthand();
        }
        case '\'', '`' -> {
          String text = quoted();
          if (text.length() != 1) {
            throw error("only a single character may be inverted or used in a range");
          }
          return maybeRange(text.charAt(0) & 0xff);
        }
        default -> {
          if (isHex(c)) {
            return maybeRange(hexByte());
          }
          if (c == '*' || c == '+' || c == '?' || c == '|') {
            throw error("'" + c + "' is not supported (patterns are fixed-length)");
          }
          throw error("unexpected '" + c + "'");
        }
      }
    }

    private long[] maybeRange(int lo) {
      long[] set = new long[4];
      skipSpace();
      if (i < s.length() && s.charAt(i) == '-') {
        i++;
        skipSpace();
        int hi;
        if (i < s.length() && (s.charAt(i) == '\'' || s.charAt(i) == '`')) {
          String t = quoted();
          if (t.length() != 1) {
            throw error("a range ends with a single character");
          }
          hi = t.charAt(0) & 0xff;
        } else {
          hi = hexByte();
        }
        for (int v = Math.min(lo, hi); v <= Math.max(lo, hi); v++) {
          add(set, v);
        }
        return set;
      }
      add(set, lo);
      return set;
    }

    private long[] shorthand() {
      i++;
      if (i >= s.length()) {
        throw error("pattern ends after '\\'");
      }
      char c = s.charAt(i++);
      long[] set = new long[4];
      switch (Character.toLowerCase(c)) {
        case 't' -> add(set, 0x09);
        case 'n' -> add(set, 0x0a);
        case 'v' -> add(set, 0x0b);
        case 'f' -> add(set, 0x0c);
        case 'r' -> add(set, 0x0d);
        case 'e' -> add(set, 0x1e);
        case 'd' -> addRange(set, '0', '9');
        case 'l' -> addRange(set, 'a', 'z');
        case 'u' -> addRange(set, 'A', 'Z');
        case 'i' -> addRange(set, 0x00, 0x7f);
        case 's' -> {
          add(set, 0x09);
          add(set, 0x0a);
          add(set, 0x0d);
          add(set, 0x20);
        }
        case 'w' -> {
          addRange(set, '0', '9');
          addRange(set, 'a', 'z');
          addRange(set, 'A', 'Z');
          add(set, '_');
        }
        default -> {
          i--;
          throw error("unknown shorthand '\\" + c + "'");
        }
      }
      boolean inverted = Character.isUpperCase(c) && "DLUISW".indexOf(c) >= 0;
      if (inverted) {
        for (int w = 0; w < 4; w++) {
          set[w] = ~set[w];
        }
      }
      return set;
    }

    private String quoted() {
      char q = s.charAt(i);
      int close = s.indexOf(q, i + 1);
      if (close < 0) {
        throw error("missing closing " + q);
      }
      String text = s.substring(i + 1, close);
      if (text.isEmpty()) {
        throw error("empty string");
      }
      i = close + 1;
      return text;
    }

    private boolean peekRange() {
      return peekRangeAfter(i);
    }

    private boolean peekRangeAfter(int j) {
      while (j < s.length() && Character.isWhitespace(s.charAt(j))) {
        j++;
      }
      return j < s.length() && s.charAt(j) == '-';
    }

    private int hexByte() {
      if (i + 1 >= s.length() || !isHex(s.charAt(i)) || !isHex(s.charAt(i + 1))) {
        throw error("expected two hex digits");
      }
      int v = Integer.parseInt(s.substring(i, i + 2), 16);
      i += 2;
      return v;
    }

    private void skipSpace() {
      while (i < s.length()) {
        char c = s.charAt(i);
        if (Character.isWhitespace(c)) {
          i++;
        } else if (c == '#') {
          while (i < s.length() && s.charAt(i) != '\n') {
            i++;
          }
        } else {
          return;
        }
      }
    }

    private static boolean isHex(char c) {
      return Character.digit(c, 16) >= 0 && c < 128;
    }

    private static void add(long[] set, int v) {
      set[v >>> 6] |= 1L << (v & 63);
    }

    private static void addRange(long[] set, int lo, int hi) {
      for (int v = lo; v <= hi; v++) {
        add(set, v);
      }
    }

    private static void or(long[] set, long[] other) {
      for (int w = 0; w < 4; w++) {
        set[w] |= other[w];
      }
    }
  }
}
