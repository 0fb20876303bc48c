package io.metron.stellar.functions;

import static io.metron.stellar.FunctionDescriptor.builder;
import static io.metron.stellar.functions.StringFunctions.def;

import io.metron.stellar.StellarContext;
import io.metron.stellar.StellarFunction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** SYSTEM_ENV_GET, SYSTEM_PROPERTY_GET and the shell's SHELL_* helpers. */
final class SystemFunctions {

  private SystemFunctions() {}

  static List<StellarFunction> functions() {
    List<StellarFunction> f = new ArrayList<>();
    f.add(
        def(
            builder("SYSTEM_ENV_GET")
                .param("env_var", "String", "the environment variable")
                .returns("String, or null when unset")
                .description("Reads an environment variable of the process.")
                .example("SYSTEM_ENV_GET('METRON_SURELY_UNSET_VARIABLE')", "null")
                .nondeterministic(),
            (a, c) -> {
              String name = Args.text(a, 0);
              return name == null ? null : System.getenv(name);
            }));
    f.add(
        def(
            builder("SYSTEM_PROPERTY_GET")
                .param("key", "String", "the Java system property")
                .returns("String, or null when unset")
                .description("Reads a Java system property of the process.")
                .example("SYSTEM_PROPERTY_GET('line.separator') == '\\n'", "true")
                .nondeterministic(),
            (a, c) -> {
              String key = Args.text(a, 0);
              return key == null ? null : System.getProperty(key);
            }));
    f.add(
        def(
            builder("SHELL_LIST_VARS")
                .optional("wrap", "Integer", "wrap values longer than this many characters")
                .returns("String: a table of the shell's variables, values and expressions")
                .description("Lists the shell's variables (empty outside the shell).")
                .example("STARTS_WITH(SHELL_LIST_VARS(), '╔')", "true")
                .nondeterministic(),
            (a, c) -> {
              Integer wrap = Args.integer(a, 0, "SHELL_LIST_VARS");
              List<List<String>> rows = new ArrayList<>();
              Map<String, String> expressions = expressions(c);
              for (Map.Entry<String, Object> e : variables(c).entrySet()) {
                String expr = expressions.get(e.getKey());
                rows.add(
                    List.of(
                        e.getKey(),
                        wrap(String.valueOf(e.getValue()), wrap),
                        expr == null ? "" : expr));
              }
              return BoxTable.of(List.of("VARIABLE", "VALUE", "EXPRESSION"), rows);
            }));
    f.add(
        def(
            builder("SHELL_VARS2MAP")
                .variadic("variables", "String", "names of shell variables")
                .returns("Map of each named variable to its value")
                .description("Collects shell variables into a map.")
                .example("SHELL_VARS2MAP('nope')", "{}")
                .nondeterministic(),
            (a, c) -> {
              Map<String, Object> vars = variables(c);
              Map<Object, Object> out = new LinkedHashMap<>();
              for (Object name : a) {
                if (name != null && vars.get(name.toString()) != null) {
                  out.put(name.toString(), vars.get(name.toString()));
                }
              }
              return out;
            }));
    f.add(
        def(
            builder("SHELL_MAP2TABLE")
                .optional("map", "Map", "the map")
                .returns(
                    "String: the map as a box-drawn KEY/VALUE table (an empty one for null); null"
                        + " without an argument")
                .description("Formats a map as a table, as Metron's shell did.")
                .example("LENGTH(SHELL_MAP2TABLE({'a': 1}))", "80"),
            (a, c) -> {
              if (a.isEmpty()) {
                return null;
              }
              Map<Object, Object> m = Args.map(a, 0, "SHELL_MAP2TABLE");
              List<List<String>> rows = new ArrayList<>();
              if (m != null) {
                for (Map.Entry<Object, Object> e : m.entrySet()) {
                  rows.add(List.of(String.valueOf(e.getKey()), String.valueOf(e.getValue())));
                }
              }
              return BoxTable.of(List.of("KEY", "VALUE"), rows);
            }));
    f.add(
        def(
            builder("SHELL_GET_EXPRESSION")
                .param("variable", "String", "a shell variable")
                .returns("String: the expression that last assigned the variable; null if none")
                .description("Shows how a shell variable was computed.")
                .example("SHELL_GET_EXPRESSION('nope')", "null")
                .nondeterministic(),
            (a, c) -> {
              String name = Args.text(a, 0);
              return name == null ? null : expressions(c).get(name);
            }));
    return f;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> variables(StellarContext c) {
    return new TreeMap<>(c.capability(StellarContext.SHELL_VARIABLES, Map.class).orElse(Map.of()));
  }

  @SuppressWarnings("unchecked")
  static Map<String, String> expressions(StellarContext c) {
    return c.capability(StellarContext.SHELL_EXPRESSIONS, Map.class).orElse(Map.of());
  }

  private static String wrap(String s, Integer width) {
    if (width == null || width <= 0 || s.length() <= width) {
      return s;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i += width) {
      if (i > 0) {
        sb.append('\n');
      }
      sb.append(s, i, Math.min(s.length(), i + width));
    }
    return sb.toString();
  }
}
