package io.metron.cli;

/** Entry point of the {@code metron} program. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
    org.slf4j.bridge.SLF4JBridgeHandler.install();
    System.exit(run(args));
  }

  /** Runs the program with {@code args} and returns its exit code. */
  public static int run(String... args) {
    return MetronCommand.commandLine().execute(args);
  }
}
