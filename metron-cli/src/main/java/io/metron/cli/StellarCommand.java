package io.metron.cli;

import io.metron.cli.functions.CliFunctions;
import io.metron.stellar.shell.StellarTool;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code metron stellar}: the Stellar shell, one-shot evaluation, the function list and batch mode.
 */
@Command(
    name = "stellar",
    mixinStandardHelpOptions = true,
    description = {
      "Evaluates Stellar expressions: an interactive shell (no option), one expression (-e),",
      "the list of functions (--list), or JSON requests line by line (--batch).",
      "",
      "Examples:",
      "  metron stellar",
      "  metron stellar -e \"DOMAIN_REMOVE_TLD(host)\" --vars '{\"host\": \"www.example.com\"}'",
      "  metron stellar --list",
      "  echo '{\"expr\": \"1 + 1\"}' | metron stellar --batch",
      "",
      "Batch requests: {\"expr\": ..., \"vars\": {...}, \"mode\": run|evaluate|predicate|validate,",
      "  \"undefined_vars\": error|null, \"var_types\": {\"/pointer\": int|long|float|double|set}}",
      "Batch answers: {\"result\": ..., \"type\": \"JavaClass\"} or {\"error\": \"...\"}, one per"
          + " line.",
    })
public final class StellarCommand implements Callable<Integer> {

  @Option(
      names = {"-e", "--expression"},
      paramLabel = "EXPR",
      description = "Evaluate EXPR, print the result and exit.")
  String expression;

  @Option(
      names = "--vars",
      paramLabel = "JSON",
      description = "Variables for -e or the shell, as a JSON object, e.g. '{\"x\": 1}'.")
  String vars;

  @Option(
      names = "--list",
      description =
          "Print every function with its signature and description; those that cannot run"
              + " here are marked [UNAVAILABLE: why].")
  boolean list;

  @Option(
      names = "--batch",
      description = "Read one JSON request per line from standard input, answer one per line.")
  boolean batch;

  @Mixin Locations locations;

  public StellarCommand() {}

  @Override
  public Integer call() throws Exception {
    Path configDir = locations.configDir();
    Map<String, Object> global;
    try {
      global = CliFunctions.globalConfig(configDir);
    } catch (UncheckedIOException e) {
      System.err.println("error: cannot read the global config: " + e.getMessage());
      return 2;
    }
    boolean repl = !list && !batch && expression == null;
    try (CliFunctions functions =
        CliFunctions.open(locations.data, configDir, Composition.configLoader(), () -> repl)) {
      StellarTool tool = new StellarTool(functions.registry(), global);
      if (list) {
        return tool.list(System.out);
      }
      if (batch) {
        return tool.batch(System.in, System.out);
      }
      if (expression != null) {
        return tool.evaluate(expression, vars, System.out, System.err);
      }
      return tool.repl(vars, System.err);
    }
  }
}
