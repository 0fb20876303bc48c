package io.metron.pipeline.parse.json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The subset of JsonPath that Metron's {@code jsonpQuery} users write: {@code $} then any of {@code
 * .name}, {@code ['name']}, {@code .*}, {@code [*]}, {@code [n]} and {@code ..name} (recursive
 * descent). Compiled once; immutable and thread-safe.
 */
public final class JsonPath {
  private sealed interface Step {}

  private record Child(String name) implements Step {}

  private record Wildcard() implements Step {}

  private record Index(int index) implements Step {}

  private record Descend(String name) implements Step {}

  private final String source;
  private final List<Step> steps;

  private JsonPath(String source, List<Step> steps) {
    this.source = source;
    this.steps = steps;
  }

  /**
   * Compiles {@code path}; an unsupported or malformed path is an exception naming the position.
   */
  public static JsonPath compile(String path) {
    String p = path.trim();
    if (!p.startsWith("$")) {
      throw new IllegalArgumentException("a JsonPath starts with '$'");
    }
    List<Step> steps = new ArrayList<>();
    int i = 1;
    while (i < p.length()) {
      char c = p.charAt(i);
      if (p.startsWith("..", i)) {
        int end = nameEnd(p, i + 2);
        if (end == i + 2) {
          throw new IllegalArgumentException("expected a name after '..' at position " + i);
        }
        steps.add(new Descend(p.substring(i + 2, end)));
        i = end;
      } else if (c == '.') {
        if (p.startsWith(".*", i)) {
          steps.add(new Wildcard());
          i += 2;
          continue;
        }
        int end = nameEnd(p, i + 1);
        if (end == i + 1) {
          throw new IllegalArgumentException("expected a name after '.' at position " + i);
        }
        steps.add(new Child(p.substring(i + 1, end)));
        i = end;
      } else if (c == '[') {
        int close = p.indexOf(']', i);
        if (close < 0) {
          throw new IllegalArgumentException("'[' at position " + i + " is never closed");
        }
        String inside = p.substring(i + 1, close).trim();
        if (inside.equals("*")) {
          steps.add(new Wildcard());
        } else if (inside.matches("-?\\d+")) {
          steps.add(new Index(Integer.parseInt(inside)));
        } else if (inside.length() >= 2
            && (inside.startsWith("'") && inside.endsWith("'")
                || inside.startsWith("\"") && inside.endsWith("\""))) {
          steps.add(new Child(inside.substring(1, inside.length() - 1)));
        } else {
          throw new IllegalArgumentException(
              "unsupported selector ["
                  + inside
                  + "] at position "
                  + i
                  + " (supported: [*], [n], ['name'])");
        }
        i = close + 1;
      } else {
        throw new IllegalArgumentException("unexpected '" + c + "' at position " + i);
      }
    }
    return new JsonPath(path, List.copyOf(steps));
  }

  private static int nameEnd(String p, int from) {
    int i = from;
    while (i < p.length() && p.charAt(i) != '.' && p.charAt(i) != '[') {
      i++;
    }
    return i;
  }

  /** Every node the path selects in {@code root}, in document order. */
  public List<Object> select(Object root) {
    List<Object> current = new ArrayList<>();
    current.add(root);
    for (Step step : steps) {
      List<Object> next = new ArrayList<>();
      for (Object node : current) {
        apply(step, node, next);
      }
      current = next;
    }
    return current;
  }

  private static void apply(Step step, Object node, List<Object> out) {
    switch (step) {
      case Child(String name) -> {
        if (node instanceof Map<?, ?> map && map.containsKey(name)) {
          out.add(map.get(name));
        }
      }
      case Wildcard() -> {
        if (node instanceof Map<?, ?> map) {
          out.addAll(map.values());
        } else if (node instanceof List<?> list) {
          out.addAll(list);
        }
      }
      case Index(int index) -> {
        if (node instanceof List<?> list) {
          int at = index < 0 ? list.size() + index : index;
          if (at >= 0 && at < list.size()) {
            out.add(list.get(at));
          }
        }
      }
      case Descend(String name) -> descend(name, node, out);
    }
  }

  private static void descend(String name, Object node, List<Object> out) {
    if (node instanceof Map<?, ?> map) {
      if (map.containsKey(name)) {
        out.add(map.get(name));
      }
      for (Object value : map.values()) {
        descend(name, value, out);
      }
    } else if (node instanceof List<?> list) {
      for (Object value : list) {
        descend(name, value, out);
      }
    }
  }

  @Override
  public String toString() {
    return source;
  }
}
