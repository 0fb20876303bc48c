package io.metron.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.metron.core.message.MessageCodec;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A position in a config document: the JSON there, its file and path, and where to report problems.
 *
 * <p>Readers ask for the value under a key in the type they expect; a missing key gives {@code
 * null}, a value of the wrong type is reported with its path and also gives {@code null}, so
 * reading goes on and every problem in a document is found in one pass.
 */
public final class ConfigNode {
  private final String file;
  private final String path;
  private final JsonNode node;
  private final Problems problems;

  public ConfigNode(String file, String path, JsonNode node, Problems problems) {
    this.file = file;
    this.path = path;
    this.node = node;
    this.problems = problems;
  }

  public String file() {
    return file;
  }

  public String path() {
    return path;
  }

  public JsonNode json() {
    return node;
  }

  public String pathOf(String key) {
    return key.matches("[A-Za-z_][A-Za-z0-9_]*") ? path + "." + key : path + "['" + key + "']";
  }

  public void problem(String key, String message) {
    problems.add(file, key == null ? path : pathOf(key), message);
  }

  /** True when this node is a JSON object; otherwise reports it and returns false. */
  public boolean requireObject(String what) {
    if (node != null && node.isObject()) {
      return true;
    }
    problems.add(file, path, "expected " + what + " (a JSON object), found " + describe(node));
    return false;
  }

  public boolean has(String key) {
    return node != null && node.has(key) && !node.get(key).isNull();
  }

  public String string(String key) {
    JsonNode value = value(key);
    if (value == null) {
      return null;
    }
    if (value.isTextual()) {
      return value.asText();
    }
    problem(key, "expected a string, found " + describe(value));
    return null;
  }

  public String requiredString(String key) {
    if (!has(key)) {
      problem(key, "is required");
      return null;
    }
    return string(key);
  }

  /** A boolean, also accepting the strings {@code "true"} and {@code "false"} as Metron did. */
  public Boolean bool(String key) {
    JsonNode value = value(key);
    if (value == null) {
      return null;
    }
    if (value.isBoolean()) {
      return value.asBoolean();
    }
    if (value.isTextual() && value.asText().matches("(?i)true|false")) {
      return Boolean.parseBoolean(value.asText());
    }
    problem(key, "expected true or false, found " + describe(value));
    return null;
  }

  /** A whole number, also accepting numeric strings, which Metron's configs often carry. */
  public Long integer(String key) {
    JsonNode value = value(key);
    if (value == null) {
      return null;
    }
    if (value.isIntegralNumber()) {
      return value.asLong();
    }
    if (value.isTextual() && value.asText().trim().matches("-?\\d+")) {
      return Long.parseLong(value.asText().trim());
    }
    problem(key, "expected a whole number, found " + describe(value));
    return null;
  }

  /** A string or a list of strings, as Metron's {@code input} and {@code output} fields allow. */
  /**
   * A list of strings under {@code key}, strictly: unlike {@link #strings}, a lone string is a
   * problem, for the places where Metron cast the value to a list and failed at run time.
   */
  public List<String> stringList(String key) {
    JsonNode value = value(key);
    if (value != null && !value.isArray()) {
      problem(key, "expected a list of strings, found " + describe(value));
      return List.of();
    }
    return strings(key);
  }

  public List<String> strings(String key) {
    JsonNode value = value(key);
    if (value == null) {
      return List.of();
    }
    if (value.isTextual()) {
      return List.of(value.asText());
    }
    if (value.isArray()) {
      List<String> out = new ArrayList<>();
      for (int i = 0; i < value.size(); i++) {
        JsonNode element = value.get(i);
        if (element.isTextual()) {
          out.add(element.asText());
        } else {
          problems.add(
              file, pathOf(key) + "[" + i + "]", "expected a string, found " + describe(element));
        }
      }
      return out;
    }
    problem(key, "expected a string or a list of strings, found " + describe(value));
    return List.of();
  }

  /** Any JSON object under {@code key}, converted to plain Java values. */
  public Map<String, Object> map(String key) {
    JsonNode value = value(key);
    if (value == null) {
      return Map.of();
    }
    if (!value.isObject()) {
      problem(key, "expected a JSON object, found " + describe(value));
      return Map.of();
    }
    return toMap(value);
  }

  /** The object under {@code key} as a node to read further, or {@code null} when absent. */
  public ConfigNode child(String key) {
    JsonNode value = value(key);
    return value == null ? null : new ConfigNode(file, pathOf(key), value, problems);
  }

  /** The elements of the list under {@code key}; reports a non-list. */
  public List<ConfigNode> elements(String key) {
    JsonNode value = value(key);
    if (value == null) {
      return List.of();
    }
    if (!value.isArray()) {
      problem(key, "expected a list, found " + describe(value));
      return List.of();
    }
    List<ConfigNode> out = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      out.add(new ConfigNode(file, pathOf(key) + "[" + i + "]", value.get(i), problems));
    }
    return out;
  }

  /** The entries of this object as child nodes, in document order. */
  public Map<String, ConfigNode> entries() {
    Map<String, ConfigNode> out = new LinkedHashMap<>();
    if (node != null && node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        out.put(e.getKey(), new ConfigNode(file, pathOf(e.getKey()), e.getValue(), problems));
      }
    }
    return out;
  }

  /**
   * Reports every key not in {@code known}. Keys in {@code storm} are Storm tuning settings that
   * mean nothing here: they are accepted and remembered for a single warning.
   */
  public void checkKeys(Set<String> known, Set<String> storm) {
    if (node == null || !node.isObject()) {
      return;
    }
    for (String key : (Iterable<String>) () -> node.fieldNames()) {
      if (storm.contains(key)) {
        problems.ignoredStormKey(file, key);
      } else if (!known.contains(key)) {
        String hint = Suggestions.closest(key, known);
        problem(
            key,
            "unknown key '" + key + "'" + (hint == null ? "" : " (did you mean '" + hint + "'?)"));
      }
    }
  }

  public Object asJava() {
    return node == null ? null : MessageCodec.JSON.convertValue(node, Object.class);
  }

  static Map<String, Object> toMap(JsonNode object) {
    @SuppressWarnings("unchecked")
    Map<String, Object> map = MessageCodec.JSON.convertValue(object, LinkedHashMap.class);
    return map;
  }

  private JsonNode value(String key) {
    if (node == null || !node.isObject()) {
      return null;
    }
    JsonNode value = node.get(key);
    return value == null || value.isNull() ? null : value;
  }

  static String describe(JsonNode value) {
    if (value == null || value.isNull()) {
      return "nothing";
    }
    if (value.isTextual()) {
      return "the string \"" + value.asText() + "\"";
    }
    if (value.isNumber()) {
      return "the number " + value.asText();
    }
    if (value.isBoolean()) {
      return value.asText();
    }
    return value.isArray() ? "a list" : "an object";
  }
}
