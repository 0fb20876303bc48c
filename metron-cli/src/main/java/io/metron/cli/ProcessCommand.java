package io.metron.cli;

import io.metron.core.config.Configs;
import io.metron.pipeline.enrich.EnrichmentResources;
import io.metron.pipeline.enrich.ProcessTool;
import io.metron.pipeline.enrich.geo.GeoFiles;
import io.metron.pipeline.enrich.geo.GeoProvider;
import io.metron.streams.tables.Tables;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code metron process}: one sensor's raw lines through parse, enrich, threat intel, triage. */
@Command(
    name = "process",
    mixinStandardHelpOptions = true,
    description = {
      "Runs raw sensor lines from standard input or --input through the whole chain in this",
      "process: parse, enrichment, threat intel and triage, with the tables and GeoIP database",
      "in --data. Prints one JSON object per resulting message, in order (error messages too).",
      "",
      "Example:",
      "  metron process --sensor bro --input bro.log --data data"
    })
public final class ProcessCommand implements Callable<Integer> {
  @Mixin Locations locations;

  @Option(names = "--sensor", required = true, paramLabel = "NAME", description = "The sensor.")
  String sensor;

  @Option(names = "--input", paramLabel = "FILE", description = "Read raw lines from FILE.")
  Path input;

  @Option(names = "--stats", description = "Print counts per outcome to standard error.")
  boolean stats;

  public ProcessCommand() {}

  @Override
  public Integer call() throws Exception {
    Configs configs = Composition.configLoader().load(locations.configDir());
    Path data = locations.data;
    try (Tables tables = Tables.open(data, 100_000, Duration.ofSeconds(1));
        GeoProvider geo =
            new GeoProvider(
                GeoFiles.location(data, () -> configs.global().get(GeoFiles.GLOBAL_KEY)),
                Clock.systemUTC(),
                Duration.ofSeconds(5))) {
      ProcessTool tool =
          ProcessTool.create(
              configs,
              sensor,
              EnrichmentResources.of(geo, tables, Composition.hostname()),
              Clock.systemUTC());
      PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
      ProcessTool.Stats counts;
      if (input != null && !Files.isRegularFile(input)) {
        throw new UserException(input + ": no such file");
      }
      try (InputStream in = input == null ? System.in : Files.newInputStream(input)) {
        counts = tool.run(in, input == null ? "stdin" : input.getFileName().toString(), out);
      }
      out.flush();
      if (stats) {
        System.err.println(counts);
      }
      return out.checkError() ? ProcessTool.IO_ERROR : 0;
    }
  }
}
