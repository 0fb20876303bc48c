package io.metron.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Applies RFC 6902 JSON Patch operations to a document's fields: {@code add}, {@code remove},
 * {@code replace}, {@code move}, {@code copy} and {@code test}, with JSON Pointer paths ({@code
 * /alert_status}, {@code /comments/-}, {@code /comments/0/comment}). Field names containing {@code
 * /} or {@code ~} are escaped as {@code ~1} and {@code ~0}. A patch applies entirely or not at all:
 * the input is never changed.
 */
public final class JsonPatch {
  private JsonPatch() {}

  /**
   * The fields after applying {@code operations} to a copy of {@code fields}.
   *
   * @throws IllegalArgumentException naming the operation (by position) and what is wrong with it
   */
  public static Map<String, Object> apply(
      Map<String, Object> fields, List<Map<String, Object>> operations) {
    Map<String, Object> doc = deepCopyMap(fields);
    for (int i = 0; i < operations.size(); i++) {
      Map<String, Object> op = operations.get(i);
      try {
        applyOne(doc, op);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("patch operation " + i + ": " + e.getMessage(), e);
      }
    }
    return doc;
  }

  /** Escapes a field name for use as one JSON Pointer token. */
  public static String escape(String field) {
    return field.replace("~", "~0").replace("/", "~1");
  }

  private static void applyOne(Map<String, Object> doc, Map<String, Object> op) {
    Object name = op.get("op");
    if (!(name instanceof String opName)) {
      throw new IllegalArgumentException("missing \"op\"");
    }
    List<String> path = pointer(op.get("path"), "path");
    switch (opName) {
      case "add" -> add(doc, path, copyValue(requireValue(op)));
      case "replace" -> {
        remove(doc, path);
        add(doc, path, copyValue(requireValue(op)));
      }
      case "remove" -> remove(doc, path);
      case "move" -> {
        List<String> from = pointer(op.get("from"), "from");
        Object value = remove(doc, from);
        add(doc, path, value);
      }
      case "copy" -> {
        List<String> from = pointer(op.get("from"), "from");
        add(doc, path, copyValue(get(doc, from)));
      }
      case "test" -> {
        Object actual = get(doc, path);
        if (!sameJson(actual, op.get("value"))) {
          throw new IllegalArgumentException(
              "test failed: " + op.get("path") + " is " + actual + ", not " + op.get("value"));
        }
      }
      default ->
          throw new IllegalArgumentException(
              "unknown op '" + opName + "': expected add, remove, replace, move, copy or test");
    }
  }

  private static Object requireValue(Map<String, Object> op) {
    if (!op.containsKey("value")) {
      throw new IllegalArgumentException("\"" + op.get("op") + "\" needs a \"value\"");
    }
    return op.get("value");
  }

  private static List<String> pointer(Object path, String member) {
    if (!(path instanceof String p)) {
      throw new IllegalArgumentException("missing \"" + member + "\"");
    }
    if (p.isEmpty()) {
      throw new IllegalArgumentException("the whole document cannot be patched; name a field");
    }
    if (!p.startsWith("/")) {
      throw new IllegalArgumentException(
          "\"" + member + "\" must start with '/', e.g. /alert_status; got '" + p + "'");
    }
    List<String> tokens = new ArrayList<>();
    for (String raw : p.substring(1).split("/", -1)) {
      tokens.add(raw.replace("~1", "/").replace("~0", "~"));
    }
    return tokens;
  }

  private static Object parent(Map<String, Object> doc, List<String> path) {
    Object node = doc;
    for (int i = 0; i < path.size() - 1; i++) {
      node = child(node, path.get(i), path);
      if (node == null) {
        throw new IllegalArgumentException("no such path: /" + String.join("/", path));
      }
    }
    return node;
  }

  private static Object child(Object node, String token, List<String> path) {
    if (node instanceof Map<?, ?> map) {
      return map.get(token);
    }
    if (node instanceof List<?> list) {
      int index = index(token, list.size() - 1, path);
      return list.get(index);
    }
    throw new IllegalArgumentException("no such path: /" + String.join("/", path));
  }

  private static Object get(Map<String, Object> doc, List<String> path) {
    Object parent = parent(doc, path);
    String last = path.getLast();
    if (parent instanceof Map<?, ?> map) {
      if (!map.containsKey(last)) {
        throw new IllegalArgumentException("no such path: /" + String.join("/", path));
      }
      return map.get(last);
    }
    return child(parent, last, path);
  }

  @SuppressWarnings("unchecked")
  private static void add(Map<String, Object> doc, List<String> path, Object value) {
    Object parent = parent(doc, path);
    String last = path.getLast();
    if (parent instanceof Map<?, ?> map) {
      ((Map<String, Object>) map).put(last, value);
    } else if (parent instanceof List<?> list) {
      List<Object> l = (List<Object>) list;
      if (last.equals("-")) {
        l.add(value);
      } else {
        l.add(index(last, l.size(), path), value);
      }
    } else {
      throw new IllegalArgumentException("no such path: /" + String.join("/", path));
    }
  }

  private static Object remove(Map<String, Object> doc, List<String> path) {
    Object parent = parent(doc, path);
    String last = path.getLast();
    if (parent instanceof Map<?, ?> map) {
      if (!map.containsKey(last)) {
        throw new IllegalArgumentException("no such path: /" + String.join("/", path));
      }
      return map.remove(last);
    }
    if (parent instanceof List<?> list) {
      return list.remove(index(last, list.size() - 1, path));
    }
    throw new IllegalArgumentException("no such path: /" + String.join("/", path));
  }

  private static int index(String token, int max, List<String> path) {
    try {
      int i = Integer.parseInt(token);
      if (i >= 0 && i <= max) {
        return i;
      }
    } catch (NumberFormatException e) {
      // Falls through to the error below, which names the path.
    }
    throw new IllegalArgumentException(
        "'" + token + "' is not a valid list position in /" + String.join("/", path));
  }

  private static boolean sameJson(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return x.doubleValue() == y.doubleValue();
    }
    return Objects.equals(a, b);
  }

  @SuppressWarnings("unchecked")
  static Object copyValue(Object value) {
    if (value instanceof Map<?, ?> map) {
      return deepCopyMap((Map<String, Object>) map);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(v -> copy.add(copyValue(v)));
      return copy;
    }
    return value;
  }

  private static Map<String, Object> deepCopyMap(Map<String, Object> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach((k, v) -> copy.put(k, copyValue(v)));
    return copy;
  }
}
