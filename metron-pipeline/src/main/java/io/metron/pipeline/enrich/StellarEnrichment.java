package io.metron.pipeline.enrich;

import io.metron.stellar.CompiledExpression;
import io.metron.stellar.StellarAssignment;
import io.metron.stellar.StellarCompiler;
import io.metron.stellar.StellarContext;
import io.metron.stellar.StellarException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code stellar} adapter: Metron's Stellar enrichments, compiled once.
 *
 * <p>Its config ({@code fieldMap.stellar.config}) is one of:
 *
 * <ul>
 *   <li>a map of variable to expression, or a list of {@code "var := expr"}: one unnamed group;
 *   <li>a map of group name to such a map or list: named groups.
 * </ul>
 *
 * Statements of a group run in order and see the variables the group assigned before them; groups
 * are independent of each other (Metron ran them in parallel), so a group never sees another
 * group's results, and every group sees the message as it entered the phase. A variable assigned
 * {@code null} is dropped from the output (how list-form configs discard temporaries), and a map
 * result {@code var} is spread into {@code var.<key>} fields. Outputs are not prefixed.
 */
final class StellarEnrichment {

  /** One {@code var := expr}, with where it came from for error messages. */
  record Statement(String variable, CompiledExpression expression, String path) {}

  /** A group of statements; the unnamed group has the name {@code ""}. */
  record Group(String name, List<Statement> statements) {}

  private final List<Group> groups;

  private StellarEnrichment(List<Group> groups) {
    this.groups = List.copyOf(groups);
  }

  List<Group> groups() {
    return groups;
  }

  /** A problem found while compiling: the JSON path of the offending value and what is wrong. */
  record Problem(String path, String message) {}

  /**
   * Compiles the {@code stellar} entry of a field map found at {@code path}; problems are added to
   * {@code problems} and the statements they concern left out.
   */
  static StellarEnrichment compile(
      Object entry, String path, StellarCompiler compiler, List<Problem> problems) {
    if (!(entry instanceof Map<?, ?> handler)) {
      problems.add(new Problem(path, "expected an object {\"config\": ...}"));
      return new StellarEnrichment(List.of());
    }
    Object config = handler.get("config");
    String configPath = path + ".config";
    List<Group> groups = new ArrayList<>();
    if (config == null) {
      problems.add(new Problem(path, "has no \"config\": nothing to run"));
    } else if (config instanceof List<?> list) {
      groups.add(group("", list, configPath, compiler, problems));
    } else if (config instanceof Map<?, ?> map) {
      Map<String, Object> ungrouped = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String key = String.valueOf(e.getKey());
        Object value = e.getValue();
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
          groups.add(group(key, value, configPath + "." + key, compiler, problems));
        } else {
          ungrouped.put(key, value);
        }
      }
      if (!ungrouped.isEmpty()) {
        groups.addFirst(group("", ungrouped, configPath, compiler, problems));
      }
    } else {
      problems.add(
          new Problem(
              configPath,
              "expected a map of variable to expression, a list of \"var := expr\", or a map of"
                  + " groups"));
    }
    return new StellarEnrichment(groups);
  }

  private static Group group(
      String name, Object body, String path, StellarCompiler compiler, List<Problem> problems) {
    List<Statement> statements = new ArrayList<>();
    if (body instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        String at = path + "[" + i + "]";
        Object item = list.get(i);
        if (!(item instanceof String text)) {
          problems.add(new Problem(at, "expected a string \"var := expr\""));
          continue;
        }
        StellarAssignment assignment;
        try {
          assignment = StellarAssignment.parse(text);
        } catch (StellarException e) {
          problems.add(new Problem(at, e.getMessage()));
          continue;
        }
        compileInto(
            assignment.variable(), assignment.expression(), at, compiler, statements, problems);
      }
    } else if (body instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String at = path + "." + e.getKey();
        if (!(e.getValue() instanceof String text)) {
          problems.add(new Problem(at, "expected a Stellar expression (a string)"));
          continue;
        }
        compileInto(String.valueOf(e.getKey()), text, at, compiler, statements, problems);
      }
    }
    return new Group(name, statements);
  }

  private static void compileInto(
      String variable,
      String expression,
      String path,
      StellarCompiler compiler,
      List<Statement> statements,
      List<Problem> problems) {
    try {
      statements.add(new Statement(variable, compiler.compile(expression), path));
    } catch (StellarException e) {
      problems.add(new Problem(path, describe(e)));
    } catch (RuntimeException e) {
      problems.add(new Problem(path, "cannot compile '" + expression + "': " + e));
    }
  }

  static String describe(StellarException e) {
    return e.hasPosition()
        ? e.getMessage() + " (line " + e.line() + ", column " + e.column() + ")"
        : e.getMessage();
  }

  /**
   * Runs one group over {@code message}, returning its output fields.
   *
   * @throws StellarException when a statement fails; the caller reports the group's failure
   */
  static Map<String, Object> run(
      Group group,
      Map<String, Object> message,
      Map<String, ?> sensorConfig,
      Map<String, ?> global,
      StellarContext context) {
    Map<String, Object> locals = new HashMap<>();
    MessageVariables variables = new MessageVariables(locals, message, sensorConfig, global);
    Map<String, Object> out = new LinkedHashMap<>();
    for (Statement statement : group.statements()) {
      Object value;
      try {
        value = statement.expression().evaluate(variables, context);
      } catch (StellarException e) {
        throw new StellarException(
            statement.variable()
                + " := "
                + statement.expression().source()
                + " failed: "
                + e.getMessage(),
            e);
      }
      locals.put(statement.variable(), value);
      if (value == null) {
        out.remove(statement.variable());
      } else {
        out.put(statement.variable(), value);
      }
    }
    Map<String, Object> spread = null;
    for (Map.Entry<String, Object> e : out.entrySet()) {
      if (e.getValue() instanceof Map<?, ?>) {
        spread = new LinkedHashMap<>();
        break;
      }
    }
    if (spread == null) {
      return out;
    }
    for (Map.Entry<String, Object> e : out.entrySet()) {
      if (e.getValue() instanceof Map<?, ?> map) {
        String prefix = e.getKey().isEmpty() ? "" : e.getKey() + ".";
        for (Map.Entry<?, ?> inner : map.entrySet()) {
          spread.put(prefix + inner.getKey(), inner.getValue());
        }
      } else {
        spread.put(e.getKey(), e.getValue());
      }
    }
    return spread;
  }
}
