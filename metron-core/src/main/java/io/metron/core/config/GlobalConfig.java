package io.metron.core.config;

import java.util.Map;

/**
 * The global config ({@code global.json}): a free-form map of settings shared by every stage.
 * Metron never fixed its keys, so unknown keys are kept, not reported.
 */
public record GlobalConfig(Map<String, Object> values) {

  public static GlobalConfig empty() {
    return new GlobalConfig(Map.of());
  }

  public Object get(String key) {
    return values.get(key);
  }

  public String string(String key, String fallback) {
    Object value = values.get(key);
    return value == null ? fallback : value.toString();
  }

  /**
   * A boolean setting; Metron's configs often held {@code "true"} as text, so that form counts too.
   * Anything else, or no value, is {@code fallback}.
   */
  public boolean bool(String key, boolean fallback) {
    Object value = values.get(key);
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
      return Boolean.parseBoolean(s);
    }
    return fallback;
  }

  static GlobalConfig read(ConfigNode node) {
    if (!node.requireObject("the global config")) {
      return empty();
    }
    return new GlobalConfig(Map.copyOf(ConfigNode.toMap(node.json())));
  }
}
