package io.metron.stellar.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts between Stellar values and JSON. NaN and the infinities, which JSON cannot express, are
 * written as {@code {"$special": "NaN" | "Infinity" | "-Infinity"}} and read back the same way.
 * Values with no JSON form (sketches, lambdas) are written as their string form.
 */
final class ValueFormat {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ValueFormat() {}

  static JsonNode toJson(Object v) {
    if (v == null) {
      return NODES.nullNode();
    }
    if (v instanceof String s) {
      return NODES.textNode(s);
    }
    if (v instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    if (v instanceof Double d) {
      return Double.isFinite(d) ? NODES.numberNode(d) : special(d);
    }
    if (v instanceof Float f) {
      return Float.isFinite(f) ? NODES.numberNode(f) : special(f.doubleValue());
    }
    if (v instanceof Integer i) {
      return NODES.numberNode(i);
    }
    if (v instanceof Long l) {
      return NODES.numberNode(l);
    }
    if (v instanceof Short s) {
      return NODES.numberNode(s);
    }
    if (v instanceof Byte b) {
      return NODES.numberNode(b);
    }
    if (v instanceof BigInteger b) {
      return NODES.numberNode(b);
    }
    if (v instanceof BigDecimal b) {
      return NODES.numberNode(b);
    }
    if (v instanceof byte[] bytes) {
      return NODES.textNode(Base64.getEncoder().encodeToString(bytes));
    }
    if (v instanceof Map<?, ?> m) {
      ObjectNode o = NODES.objectNode();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        o.set(String.valueOf(e.getKey()), toJson(e.getValue()));
      }
      return o;
    }
    if (v instanceof Collection<?> c) {
      ArrayNode a = NODES.arrayNode();
      for (Object o : c) {
        a.add(toJson(o));
      }
      return a;
    }
    return NODES.textNode(v.toString());
  }

  private static JsonNode special(double d) {
    ObjectNode o = NODES.objectNode();
    o.put("$special", Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
    return o;
  }

  /** A Stellar value from JSON: objects become maps, arrays lists, specials doubles. */
  static Object fromJson(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return null;
    }
    if (n.isObject()) {
      if (n.size() == 1 && n.has("$special") && n.get("$special").isTextual()) {
        return switch (n.get("$special").asText()) {
          case "NaN" -> Double.NaN;
          case "Infinity" -> Double.POSITIVE_INFINITY;
          case "-Infinity" -> Double.NEGATIVE_INFINITY;
          default -> throw new IllegalArgumentException("unknown $special " + n.get("$special"));
        };
      }
      Map<String, Object> m = new LinkedHashMap<>();
      n.properties().forEach(e -> m.put(e.getKey(), fromJson(e.getValue())));
      return m;
    }
    if (n.isArray()) {
      List<Object> l = new ArrayList<>();
      n.forEach(e -> l.add(fromJson(e)));
      return l;
    }
    if (n.isTextual()) {
      return n.asText();
    }
    if (n.isBoolean()) {
      return n.asBoolean();
    }
    if (n.isInt()) {
      return n.intValue();
    }
    if (n.isLong()) {
      return n.longValue();
    }
    if (n.isBigInteger()) {
      return n.bigIntegerValue();
    }
    return n.doubleValue();
  }

  /** How the shell prints a value: strings as they are, everything else as JSON. */
  static String display(Object v) {
    if (v instanceof String s) {
      return s;
    }
    if (v == null) {
      return "null";
    }
    if (v instanceof Number || v instanceof Boolean) {
      return v.toString();
    }
    try {
      return JSON.writeValueAsString(toJson(v));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return String.valueOf(v);
    }
  }
}
