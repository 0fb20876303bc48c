package io.metron.cli;

import io.metron.pipeline.parse.ParserDocs;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code metron docs}: reference documentation generated from the component registries. */
@Command(
    name = "docs",
    mixinStandardHelpOptions = true,
    description = "Prints reference documentation built from the registries.",
    subcommands = {DocsCommand.Parsers.class})
public final class DocsCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public DocsCommand() {}

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /** {@code metron docs parsers}: every registered parser with its options. */
  @Command(
      name = "parsers",
      mixinStandardHelpOptions = true,
      description = "Lists every parser: names, Metron class names, options and an example config.")
  public static final class Parsers implements Runnable {
    public Parsers() {}

    @Override
    public void run() {
      PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
      ParserDocs.print(out);
      out.flush();
    }
  }
}
