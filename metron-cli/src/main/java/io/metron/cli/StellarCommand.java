package io.metron.cli;

import io.metron.pipeline.profile.FileProfileStore;
import io.metron.pipeline.profile.client.ProfileFunctions;
import io.metron.stellar.FunctionRegistry;
import io.metron.stellar.shell.StellarTool;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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
      "  metron stellar --data data -e \"PROFILE_GET('hits', '10.0.0.1', PROFILE_FIXED(1,"
          + " 'HOURS'))\"",
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
      description = "Print every function with its signature and description.")
  boolean list;

  @Option(
      names = "--batch",
      description = "Read one JSON request per line from standard input, answer one per line.")
  boolean batch;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description =
          "The platform's data directory, whose profile measurements PROFILE_GET reads (the"
              + " platform may be running or stopped). Default: ${DEFAULT-VALUE}.",
      defaultValue = "data")
  Path data;

  /** The functions expressions may call; the composition root may add store-backed ones. */
  FunctionRegistry functions = FunctionRegistry.builtin();

  public StellarCommand() {}

  @Override
  public Integer call() throws Exception {
    StellarTool tool =
        new StellarTool(
            ProfileFunctions.register(
                functions, FileProfileStore.inDataDir(data), Clock.systemUTC()));
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
