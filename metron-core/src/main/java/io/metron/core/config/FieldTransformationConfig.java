package io.metron.core.config;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One entry of a parser's {@code fieldTransformations}: {@code input} and {@code output} (each a
 * string or a list in Metron's JSON), the {@code transformation} name (or a class name) and its
 * {@code config}.
 */
public record FieldTransformationConfig(
    List<String> input, List<String> output, String transformation, Map<String, Object> config) {

  /** The transformations Metron shipped, by the names its configs use. */
  public static final Set<String> BUILT_IN =
      Set.of("IP_PROTOCOL", "REMOVE", "STELLAR", "SELECT", "RENAME", "REGEX_SELECT");

  private static final Set<String> KEYS = Set.of("input", "output", "transformation", "config");

  static FieldTransformationConfig read(ConfigNode node) {
    if (!node.requireObject("a field transformation")) {
      return null;
    }
    node.checkKeys(KEYS, Set.of());
    String name = node.requiredString("transformation");
    if (name != null && !BUILT_IN.contains(name) && !looksLikeClassName(name)) {
      String hint = Suggestions.closest(name, BUILT_IN);
      node.problem(
          "transformation",
          "unknown transformation '"
              + name
              + "'"
              + (hint == null ? "" : " (did you mean '" + hint + "'?)")
              + "; known: "
              + String.join(", ", BUILT_IN.stream().sorted().toList()));
    }
    return new FieldTransformationConfig(
        node.strings("input"), node.strings("output"), name, node.map("config"));
  }

  private static boolean looksLikeClassName(String name) {
    return name.matches("([a-zA-Z_$][\\w$]*\\.)+[a-zA-Z_$][\\w$]*");
  }
}
