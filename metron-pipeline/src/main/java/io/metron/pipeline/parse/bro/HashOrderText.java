package io.metron.pipeline.parse.bro;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes values as Metron's Bro parser wrote them into {@code original_string}: its records were
 * json-simple objects (hash maps), so fields come in {@link HashMap} iteration order for the
 * record's keys inserted in document order, and nested lists and objects are json-simple's JSON
 * text (which escapes {@code /} and writes doubles with {@link Double#toString}).
 *
 * <p>Java's {@code HashMap} orders keys by their hash code and the table size, both of which are
 * fixed by the language, so building one the same way gives Metron's order exactly.
 */
final class HashOrderText {
  private HashOrderText() {}

  /** The record's entries in the order a hash map filled in document order iterates them. */
  static Iterable<Map.Entry<String, Object>> entries(Map<String, Object> record) {
    HashMap<String, Object> hashed = new HashMap<>();
    record.forEach(hashed::put);
    return hashed.entrySet();
  }

  /** json-simple's text for a nested value. */
  static String json(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  private static void write(Object value, StringBuilder out) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      out.append('"');
      escape(s, out);
      out.append('"');
    } else if (value instanceof Double d) {
      out.append(d.isInfinite() || d.isNaN() ? "null" : d.toString());
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      boolean first = true;
      HashMap<String, Object> hashed = new HashMap<>();
      map.forEach((k, v) -> hashed.put(String.valueOf(k), v));
      for (Map.Entry<String, Object> e : hashed.entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        out.append('"');
        escape(e.getKey(), out);
        out.append("\":");
        write(e.getValue(), out);
      }
      out.append('}');
    } else if (value instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(list.get(i), out);
      }
      out.append(']');
    } else {
      out.append(value);
    }
  }

  private static void escape(String s, StringBuilder out) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '/' -> out.append("\\/");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c <= '\u001F'
              || (c >= '\u007F' && c <= '\u009F')
              || (c >= '\u2000' && c <= '\u20FF')) {
            out.append(String.format("\\u%04X", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
  }
}
