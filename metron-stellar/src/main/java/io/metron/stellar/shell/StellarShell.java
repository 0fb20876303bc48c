package io.metron.stellar.shell;

import io.metron.stellar.FunctionDescriptor;
import io.metron.stellar.StellarAssignment;
import io.metron.stellar.StellarCompiler;
import io.metron.stellar.StellarContext;
import io.metron.stellar.StellarException;
import io.metron.stellar.StellarFunction;
import io.metron.stellar.VariableResolver;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The REPL's logic, without a terminal: evaluates expressions and {@code var := expr} assignments
 * against the session's variables, and answers the magics:
 *
 * <ul>
 *   <li>{@code %functions [filter]} lists functions (whose name contains the filter);
 *   <li>{@code %vars} lists variables with the expressions that set them;
 *   <li>{@code %globals}, {@code %define key := expr}, {@code %undefine key} manage the global
 *       config functions see;
 *   <li>{@code %doc FN} or {@code ?FN} documents a function;
 *   <li>{@code #...} is a comment; {@code quit} or {@code exit} ends the session.
 * </ul>
 *
 * A session belongs to one user; not thread-safe.
 */
public final class StellarShell {

  /** What one line produced: text to show, whether it is an error, whether to stop. */
  public record Result(String output, boolean error, boolean quit) {
    static Result ok(String output) {
      return new Result(output, false, false);
    }

    static Result fail(String message) {
      return new Result(message, true, false);
    }
  }

  private final StellarCompiler compiler;
  private final Map<String, Object> variables = new LinkedHashMap<>();
  private final Map<String, String> expressions = new LinkedHashMap<>();
  private final Map<String, Object> globals = new LinkedHashMap<>();

  public StellarShell(StellarCompiler compiler) {
    this.compiler = compiler;
  }

  public StellarShell(StellarCompiler compiler, Map<String, ?> initialVariables) {
    this(compiler);
    variables.putAll(initialVariables);
  }

  /** Adds {@code config} to the global config the session's functions see (as %define does). */
  public void defineAll(Map<String, ?> config) {
    globals.putAll(config);
  }

  /** The session's variables (read-only view). */
  public Map<String, Object> variables() {
    return Collections.unmodifiableMap(variables);
  }

  /** The functions this shell knows. */
  public StellarCompiler compiler() {
    return compiler;
  }

  /** Executes one line. Never throws for a user mistake: errors come back as error results. */
  public Result execute(String line) {
    String input = line == null ? "" : line.strip();
    if (input.isEmpty() || input.startsWith("#")) {
      return Result.ok("");
    }
    if (input.equals("quit") || input.equals("exit")) {
      return new Result("", false, true);
    }
    try {
      if (input.startsWith("?")) {
        return doc(input.substring(1).strip());
      }
      if (input.startsWith("%")) {
        return magic(input);
      }
      if (StellarAssignment.isAssignment(input)) {
        StellarAssignment a = StellarAssignment.parse(input);
        Object value = evaluate(a.expression());
        variables.put(a.variable(), value);
        expressions.put(a.variable(), a.expression());
        return Result.ok(ValueFormat.display(value));
      }
      return Result.ok(ValueFormat.display(evaluate(input)));
    } catch (StellarException e) {
      return Result.fail("[!] " + e.getMessage());
    }
  }

  /** Evaluates an expression against the session. */
  public Object evaluate(String expression) {
    return compiler.compile(expression).evaluate(VariableResolver.of(variables), context());
  }

  private StellarContext context() {
    return StellarContext.builder()
        .globalConfig(globals)
        .capability(StellarContext.SHELL_VARIABLES, Collections.unmodifiableMap(variables))
        .capability(StellarContext.SHELL_EXPRESSIONS, Collections.unmodifiableMap(expressions))
        .build();
  }

  private Result magic(String input) {
    String[] parts = input.split("\\s+", 2);
    String arg = parts.length > 1 ? parts[1].strip() : "";
    switch (parts[0]) {
      case "%functions" -> {
        StringBuilder sb = new StringBuilder();
        for (StellarFunction fn : compiler.functions().all()) {
          String name = fn.descriptor().name();
          if (arg.isEmpty() || name.contains(arg.toUpperCase(Locale.ROOT))) {
            if (!sb.isEmpty()) {
              sb.append(", ");
            }
            sb.append(name);
          }
        }
        return Result.ok(sb.toString());
      }
      case "%vars" -> {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Object> e : new TreeMap<>(variables).entrySet()) {
          sb.append(e.getKey()).append(" = ").append(ValueFormat.display(e.getValue()));
          String expr = expressions.get(e.getKey());
          if (expr != null) {
            sb.append("   via   ").append(expr);
          }
          sb.append('\n');
        }
        return Result.ok(sb.toString().stripTrailing());
      }
      case "%globals" -> {
        return Result.ok(ValueFormat.display(globals));
      }
      case "%define" -> {
        if (!StellarAssignment.isAssignment(arg)) {
          return Result.fail("[!] usage: %define key := expression");
        }
        StellarAssignment a = StellarAssignment.parse(arg);
        Object value = evaluate(a.expression());
        globals.put(a.variable(), value);
        return Result.ok(a.variable() + " := " + ValueFormat.display(value));
      }
      case "%undefine" -> {
        globals.remove(arg);
        return Result.ok("");
      }
      case "%doc" -> {
        return doc(arg);
      }
      default -> {
        return Result.fail(
            "[!] unknown magic "
                + parts[0]
                + "; try %functions, %vars, %globals, %define, %undefine, %doc");
      }
    }
  }

  private Result doc(String name) {
    if (name.isEmpty()) {
      return Result.fail("[!] usage: %doc FUNCTION_NAME");
    }
    Optional<StellarFunction> fn = compiler.functions().find(name.toUpperCase(Locale.ROOT));
    if (fn.isEmpty()) {
      return Result.fail("[!] no function named " + name);
    }
    return Result.ok(FunctionDocs.describe(fn.get().descriptor()));
  }

  /** Names for tab completion: functions, variables and magics. */
  public TreeSet<String> completions() {
    TreeSet<String> names = new TreeSet<>();
    for (StellarFunction fn : compiler.functions().all()) {
      FunctionDescriptor d = fn.descriptor();
      names.add(d.name() + "(");
    }
    names.addAll(variables.keySet());
    names.addAll(
        java.util.List.of("%functions", "%vars", "%globals", "%define", "%undefine", "%doc"));
    return names;
  }
}
