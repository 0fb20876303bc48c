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

  static GlobalConfig read(ConfigNode node) {
    if (!node.requireObject("the global config")) {
      return empty();
    }
    return new GlobalConfig(Map.copyOf(ConfigNode.toMap(node.json())));
  }
}
