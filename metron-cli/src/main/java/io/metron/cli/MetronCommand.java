package io.metron.cli;

import io.metron.cli.pcap.PcapCommand;
import io.metron.core.config.ConfigException;
import io.metron.search.SearchException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root command: lists the subcommands and turns user mistakes into one clear line. */
@Command(
    name = "metron",
    mixinStandardHelpOptions = true,
    versionProvider = MetronCommand.Version.class,
    description = {
      "Security telemetry: capture, parse, enrich, score, store and search.",
      "",
      "Start the platform with demo data:   metron run --demo",
      "Then, in another terminal:           metron search 'ip_src_addr:10.0.0.1'",
    },
    subcommands = {
      RunCommand.class,
      ConfigCommand.class,
      SearchCommand.class,
      ParseCommand.class,
      StellarCommand.class,
      PcapCommand.class,
      DocsCommand.class,
      BenchCommand.class,
      LoadCommand.class,
      ProcessCommand.class,
      AlertsCommand.class,
      ArchiveCommand.class,
      ProfileCommand.class,
      StatusCommand.class,
      UserCommand.class,
      TokenCommand.class,
      CommandLine.HelpCommand.class
    })
public final class MetronCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /** The configured command line, shared by {@link Main} and tests. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new MetronCommand());
    // The help texts are written for 100 columns; picocli's default of 80 broke their lines in
    // the middle of sentences.
    cli.setUsageHelpWidth(100);
    cli.setExecutionExceptionHandler(MetronCommand::handle);
    return cli;
  }

  /**
   * Mistakes a user can fix (a bad config, a bad query, a missing file) are reported as one line
   * naming what is wrong; anything else is a bug and keeps its stack trace.
   */
  private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    if (e instanceof ConfigException
        || e instanceof SearchException
        || e instanceof UserException) {
      cli.getErr().println(cli.getCommandSpec().qualifiedName() + ": " + e.getMessage());
      return 2;
    }
    if (e instanceof IOException) {
      cli.getErr().println(cli.getCommandSpec().qualifiedName() + ": " + e.getMessage());
      return 1;
    }
    cli.getErr().println("metron " + cli.getCommandName() + ": internal error, please report it:");
    e.printStackTrace(cli.getErr());
    return 70;
  }

  /** Reads the version Maven wrote into the jar. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties p = new Properties();
      try (InputStream in = MetronCommand.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          p.load(in);
        }
      }
      return new String[] {
        "metron " + p.getProperty("version", "unknown"),
        "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
      };
    }
  }
}
