package io.metron.pipeline.parse.json;

import java.util.Map;

/** Flattens nested JSON objects into Metron's dotted field names ({@code alert.signature}). */
final class Flattening {
  private Flattening() {}

  static void unfold(String prefix, Map<?, ?> value, Map<String, Object> into) {
    for (Map.Entry<?, ?> e : value.entrySet()) {
      String key = prefix + "." + e.getKey();
      if (e.getValue() instanceof Map<?, ?> inner) {
        unfold(key, inner, into);
      } else if (e.getValue() != null) {
        into.put(key, e.getValue());
      }
    }
  }
}
