package io.metron.cli;

import io.metron.core.config.ConfigLoader;
import io.metron.core.config.ConfigProblem;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code metron config}: work with Metron config directories. */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = "Check and manage Metron config documents.",
    subcommands = {ConfigCommand.Validate.class})
final class ConfigCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  @Command(
      name = "validate",
      mixinStandardHelpOptions = true,
      description = {
        "Reads every document in a config directory and lists every problem, each with its file"
            + " and",
        "JSON path, e.g.",
        "  parsers/bro.json: $.fieldTransformations[1].transformation: unknown transformation"
            + " 'RENAM'",
        "Exits 0 when the directory is valid, 1 when it is not."
      })
  static final class Validate implements Callable<Integer> {
    @Parameters(
        paramLabel = "DIR",
        defaultValue = "conf",
        description = "The config directory. Default: ${DEFAULT-VALUE}.")
    Path dir;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      ConfigLoader.Result result = Composition.configLoader().read(dir);
      PrintWriter out = spec.commandLine().getOut();
      for (ConfigProblem problem : result.problems().errors()) {
        out.println(problem);
      }
      int sensors = result.configs().parsers().size();
      if (result.valid()) {
        out.printf(
            "%s: valid (%d parser configs, %d enrichment configs, %d indexing configs)%n",
            dir,
            sensors,
            result.configs().enrichments().size(),
            result.configs().indexing().size());
        return 0;
      }
      int n = result.problems().errors().size();
      out.printf("%s: %d %s%n", dir, n, n == 1 ? "problem" : "problems");
      return 1;
    }
  }
}
