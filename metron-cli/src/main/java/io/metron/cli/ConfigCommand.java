package io.metron.cli;

import io.metron.core.config.ConfigLoader;
import io.metron.core.config.ConfigProblem;
import io.metron.streams.config.ConfigTopic;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code metron config}: work with Metron config directories. */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = "Check and manage Metron config documents.",
    subcommands = {
      ConfigCommand.Validate.class,
      ConfigCommand.Push.class,
      ConfigCommand.Pull.class
    })
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
      // Metron loaded these and failed only when the expression ran; they do not make a config
      // invalid, but a typo in a function name is worth seeing before it runs.
      for (ConfigProblem warning : result.problems().warnings()) {
        out.println("warning: " + warning);
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

  @Command(
      name = "push",
      mixinStandardHelpOptions = true,
      description = {
        "Validates a config directory and, only if it is valid, publishes its documents to the",
        "compacted metron.config topic, from which every instance started with --kafka runs.",
        "Running instances apply the change within seconds.",
        "",
        "Example:  metron config push conf --kafka kafka1:9092"
      })
  static final class Push implements Callable<Integer> {
    @Parameters(
        paramLabel = "DIR",
        defaultValue = "conf",
        description = "Default: ${DEFAULT-VALUE}.")
    Path dir;

    @Option(
        names = "--kafka",
        paramLabel = "HOST:PORT",
        required = true,
        description = "Bootstrap servers.")
    String kafka;

    @Option(
        names = "--delete-missing",
        description = "Also delete documents on the topic that DIR does not have.")
    boolean deleteMissing;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      List<String> pushed =
          new ConfigTopic(kafka).push(dir, Composition.configLoader(), deleteMissing);
      PrintWriter out = spec.commandLine().getOut();
      pushed.forEach(path -> out.println("pushed " + path));
      out.printf("%d documents pushed to %s on %s%n", pushed.size(), ConfigTopic.TOPIC, kafka);
      return 0;
    }
  }

  @Command(
      name = "pull",
      mixinStandardHelpOptions = true,
      description = {
        "Writes the documents on the metron.config topic into a directory (creating it), replacing",
        "what is there, so they can be edited and pushed again.",
        "",
        "Example:  metron config pull /tmp/conf --kafka kafka1:9092"
      })
  static final class Pull implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "Where to write the documents.")
    Path dir;

    @Option(
        names = "--kafka",
        paramLabel = "HOST:PORT",
        required = true,
        description = "Bootstrap servers.")
    String kafka;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      int n = new ConfigTopic(kafka).pull(dir);
      spec.commandLine().getOut().printf("%d documents written to %s%n", n, dir);
      return 0;
    }
  }
}
