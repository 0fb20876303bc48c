package io.metron.cli;

import io.metron.core.message.Message;
import io.metron.core.message.MessageCodec;
import io.metron.search.archive.ArchiveReader;
import io.metron.search.archive.ArchiveStorage;
import io.metron.stellar.CompiledExpression;
import io.metron.stellar.FunctionRegistry;
import io.metron.stellar.StellarCompiler;
import io.metron.stellar.StellarContext;
import io.metron.stellar.StellarException;
import io.metron.stellar.VariableResolver;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code metron archive}: reads the compressed JSON-lines archive back. */
@Command(
    name = "archive",
    mixinStandardHelpOptions = true,
    description = {
      "The archive keeps every indexed event in compressed JSON-lines files under",
      "<data>/archive/<sensor>/<yyyy>/<MM>/<dd>/, as Metron's HDFS archive did.",
    },
    subcommands = {ArchiveCommand.Cat.class})
final class ArchiveCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /** Compiles a {@code --where} expression into a filter. */
  @FunctionalInterface
  interface FilterCompiler {
    Predicate<Message> compile(String expression) throws UserException;
  }

  /** The compiler {@code --where} uses: a Stellar predicate over each archived message. */
  static final FilterCompiler whereCompiler = ArchiveCommand::stellarFilter;

  /**
   * A Stellar predicate as a filter. An expression that does not compile is one clear error; a
   * message the expression fails on (a type error in its fields) is left out rather than stopping
   * the read.
   */
  static Predicate<Message> stellarFilter(String expression) throws UserException {
    CompiledExpression compiled;
    try {
      compiled = new StellarCompiler(FunctionRegistry.builtin()).compile(expression);
    } catch (StellarException e) {
      throw new UserException("--where: " + e.getMessage());
    }
    StellarContext context = StellarContext.empty();
    return message -> {
      try {
        return compiled.evaluatePredicate(VariableResolver.of(message.fields()), context);
      } catch (StellarException e) {
        return false;
      }
    };
  }

  /** {@code metron archive cat}: prints archived events as JSON lines. */
  @Command(
      name = "cat",
      mixinStandardHelpOptions = true,
      description = {
        "Prints archived events, one JSON document per line, in file order.",
        "Damaged files are read up to the damage; a warning on stderr names each one.",
        "",
        "Examples:",
        "  metron archive cat --sensor bro --from 2025-11-28 --to 2025-11-29",
        "  metron archive cat --sensor bro,snort --from 6h | jq .ip_src_addr",
        "  metron archive cat --sensor bro --from 1d --where \"ip_dst_port == 53\"",
      })
  static final class Cat implements Callable<Integer> {
    @Mixin Locations locations;

    @Option(
        names = "--sensor",
        paramLabel = "NAME",
        split = ",",
        description = "Sensors to read (e.g. bro,snort); all when omitted.")
    List<String> sensors = new ArrayList<>();

    @Mixin TimeRange range;

    @Option(
        names = "--where",
        paramLabel = "STELLAR",
        description = "Only events for which this Stellar expression is true.")
    String where;

    @Option(
        names = "--archive",
        paramLabel = "DIR|URI",
        description = {
          "The archive: a directory, or a Hadoop FileSystem URI (hdfs://namenode:8020/path)",
          "when metron-hadoop is installed. Default: the global config's archive.uri, else",
          "<data>/archive."
        })
    String archive;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      Instant now = Instant.now();
      Instant start = range.start(now);
      Instant end = range.end(now);
      if (start.isAfter(end)) {
        throw new UserException("--from is after --to");
      }
      Predicate<Message> filter = where == null ? m -> true : whereCompiler.compile(where);
      PrintWriter out = spec.commandLine().getOut();
      ArchiveReader.Result result;
      try (ArchiveStorage storage = ArchiveStorage.at(locations.archive(archive))) {
        result =
            ArchiveReader.read(
                storage, sensors, start, end, filter, m -> out.println(MessageCodec.toJson(m)));
      }
      out.flush();
      PrintWriter err = spec.commandLine().getErr();
      result.warnings().forEach(w -> err.println("warning: " + w));
      err.flush();
      return 0;
    }
  }
}
