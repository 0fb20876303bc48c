package io.metron.stellar.shell;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.metron.stellar.FunctionRegistry;
import io.metron.stellar.StellarCompiler;
import io.metron.stellar.StellarContext;
import io.metron.stellar.StellarException;
import io.metron.stellar.VariableResolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The entry points behind {@code metron stellar}: one-shot evaluation, {@code --list}, {@code
 * --batch} and the interactive shell. Each returns a process exit code; user mistakes print a
 * message on {@code err}, never a stack trace.
 */
public final class StellarTool {

  private final FunctionRegistry functions;
  private final StellarCompiler compiler;
  private final Map<String, Object> globals;

  public StellarTool(FunctionRegistry functions) {
    this(functions, Map.of());
  }

  /**
   * @param functions what expressions may call
   * @param globals Metron's global config that functions see (REST_GET's settings, ...)
   */
  public StellarTool(FunctionRegistry functions, Map<String, ?> globals) {
    this.functions = functions;
    this.compiler = new StellarCompiler(functions);
    this.globals = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(globals));
  }

  private StellarContext context() {
    return StellarContext.builder().globalConfig(globals).build();
  }

  /** Evaluates {@code expression} with variables from a JSON object, printing the result. */
  public int evaluate(String expression, String varsJson, PrintStream out, PrintStream err) {
    Map<String, Object> vars;
    try {
      vars = parseVars(varsJson);
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return 2;
    }
    try {
      // the lint's findings go to err as warnings; the expression still runs, as in Metron
      for (io.metron.stellar.StellarWarning w : compiler.lint(expression)) {
        err.println("warning: " + w);
      }
      Object value = compiler.compile(expression).evaluate(VariableResolver.of(vars), context());
      out.println(ValueFormat.display(value));
      return 0;
    } catch (StellarException e) {
      err.println("error: " + e.getMessage());
      return 1;
    }
  }

  /** Prints every function with its signature and description. */
  public int list(PrintStream out) {
    out.print(FunctionDocs.list(functions));
    return 0;
  }

  /** Runs the batch protocol from {@code in} to {@code out}. */
  public int batch(InputStream in, OutputStream out) throws IOException {
    new BatchEvaluator(compiler, context())
        .run(
            new InputStreamReader(in, StandardCharsets.UTF_8),
            new OutputStreamWriter(out, StandardCharsets.UTF_8));
    return 0;
  }

  /** Runs the interactive shell on the terminal, with optional initial variables. */
  public int repl(String varsJson, PrintStream err) throws IOException {
    Map<String, Object> vars;
    try {
      vars = parseVars(varsJson);
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return 2;
    }
    StellarShell shell = new StellarShell(compiler, vars);
    shell.defineAll(globals);
    new InteractiveShell(shell).run();
    return 0;
  }

  /** Variables from a JSON object; empty for null. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> parseVars(String json) {
    if (json == null || json.isBlank()) {
      return new LinkedHashMap<>();
    }
    JsonNode node;
    try {
      node = ValueFormat.JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("--vars is not valid JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("--vars must be a JSON object, e.g. {\"x\": 1}");
    }
    return (Map<String, Object>) ValueFormat.fromJson(node);
  }
}
