package io.metron.cli.pcap;

import io.metron.cli.MetronCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * One run of the {@code metron} command line inside the test JVM, with what it printed.
 *
 * @param exit the exit status
 * @param out standard output
 * @param err standard error
 */
record Cli(int exit, String out, String err) {

  static Cli run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = MetronCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Cli(exit, out.toString(), err.toString());
  }

  /** Standard error without blank lines. */
  java.util.List<String> errLines() {
    return err.lines().filter(l -> !l.isBlank()).toList();
  }
}
