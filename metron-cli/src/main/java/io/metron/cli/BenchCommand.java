package io.metron.cli;

import io.metron.cli.bench.BenchTarget;
import io.metron.cli.bench.Measurement;
import io.metron.cli.bench.Plumbing;
import io.metron.search.lucene.LuceneSearchStore;
import io.metron.streams.PipelineTopology;
import io.metron.streams.Platform;
import io.metron.streams.config.LiveConfigs;
import io.metron.streams.demo.TrafficGenerator;
import io.metron.streams.metrics.Histogram;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code metron bench}: the whole platform under generated load, measured end to end. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "The reference measurement of the data path. Starts the platform on a temporary",
      "data directory (or drives the cluster given with --kafka), offers realistic Bro,",
      "Snort and YAF traffic with a share of bad lines, and measures a window after a",
      "warm-up: the rate events become searchable, arrival-to-searchable p50/p99 and",
      "the process's CPU per event.",
      "",
      "Before it, in the same run, the plumbing limit: the same topics and exactly-once",
      "guarantees with a pass-through topology on its own embedded broker, so the ratio",
      "shows what the stages cost. Ends with two lines:",
      "  plumbing: <N> events/s, p50 <ms> ms, p99 <ms> ms, <us> us CPU/event, ...",
      "  sustained: <N> events/s, ..., <r>%% of plumbing",
      "",
      "Examples:",
      "  metron bench                              capacity, --max-lag events in flight",
      "  metron bench --rate 20000 --duration 120  a fixed (open-loop) 20000 events/s",
    })
final class BenchCommand implements Callable<Integer> {
  @Option(
      names = "--duration",
      paramLabel = "SECONDS",
      defaultValue = "60",
      description = "The measured window, after the warm-up. Default: ${DEFAULT-VALUE}.")
  int duration;

  @Option(
      names = "--warmup",
      paramLabel = "SECONDS",
      defaultValue = "20",
      description = "Traffic offered before the window opens. Default: ${DEFAULT-VALUE}.")
  int warmup;

  @Option(
      names = "--rate",
      paramLabel = "N|max",
      defaultValue = "max",
      description = {
        "Events per second to offer (open loop), or 'max': as fast as they are delivered",
        "with at most --max-lag in flight. Default: ${DEFAULT-VALUE}."
      })
  String rate;

  @Option(
      names = "--max-lag",
      paramLabel = "EVENTS",
      defaultValue = "20000",
      description = "With --rate max, the most events produced and not yet delivered.")
  long maxLag;

  @Option(
      names = "--bad-share",
      paramLabel = "FRACTION",
      defaultValue = "0.01",
      description = "Share of malformed lines. Default: ${DEFAULT-VALUE}.")
  double badShare;

  @Option(
      names = "--no-plumbing",
      negatable = true,
      description = "Skip the pass-through run (always skipped with --kafka).")
  boolean noPlumbing;

  @Option(
      names = "--kafka",
      paramLabel = "HOST:PORT",
      description = "Drive an existing cluster instead of the embedded broker.")
  String kafka;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Partitions of each topic, in both runs. */
  private static final int PARTITIONS = 4;

  @Override
  public Integer call() throws Exception {
    Measurement measurement =
        new Measurement(warmup, duration, parseRate(), Math.max(1, maxLag), badShare);
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    Path data = Files.createTempDirectory("metron-bench");
    try {
      Measurement.Result plumbing = null;
      if (!noPlumbing && kafka == null) {
        try (Plumbing pass =
            new Plumbing(
                data.resolve("plumbing"),
                TrafficGenerator.SENSORS,
                PipelineTopology.hops(),
                PARTITIONS)) {
          pass.start();
          err.printf("bench: pass-through topology up on %s%n", pass.bootstrapServers());
          plumbing = measurement.run(pass, "plumbing", err);
        }
        out.println("plumbing: " + describe(plumbing));
        out.flush();
      }
      Measurement.Result platform = measurePlatform(data.resolve("platform"), measurement, err);
      out.println(
          "sustained: "
              + describe(platform)
              + (plumbing == null
                  ? ""
                  : String.format(
                      Locale.ROOT,
                      ", %.0f%% of plumbing",
                      100 * platform.sustained() / plumbing.sustained())));
      return 0;
    } finally {
      deleteTree(data);
    }
  }

  private Measurement.Result measurePlatform(Path data, Measurement measurement, PrintWriter err)
      throws Exception {
    Path conf = data.resolve("conf");
    Files.createDirectories(conf.resolve("parsers"));
    for (String[] parser : TrafficGenerator.parserConfigs()) {
      Files.writeString(conf.resolve("parsers").resolve(parser[0]), parser[1]);
    }
    Clock clock = Clock.systemUTC();
    LiveConfigs configs = LiveConfigs.load(conf, Composition.configLoader());
    EnrichmentRuntime enrichment = EnrichmentRuntime.open(data, configs::get, clock);
    Platform platform =
        new Platform(
            Platform.Settings.of(data, kafka, 0, PARTITIONS),
            configs,
            Composition.stages(clock, enrichment),
            LuceneSearchStore.open(data.resolve("index")),
            clock,
            Composition.hostname());
    try {
      platform.start();
      err.printf("bench: platform up on %s%n", platform.bootstrapServers());
      Histogram latency =
          platform
              .metrics()
              .histogram(
                  "metron_end_to_end_latency_seconds",
                  "From a record's arrival on its sensor topic to its commit by a writer.",
                  "writer",
                  "search");
      return measurement.run(
          new BenchTarget() {
            @Override
            public String bootstrapServers() {
              return platform.bootstrapServers();
            }

            @Override
            public long delivered() {
              return platform.indexed();
            }

            @Override
            public Histogram latency() {
              return latency;
            }
          },
          "platform",
          err);
    } finally {
      platform.close();
      enrichment.close();
    }
  }

  private static String describe(Measurement.Result r) {
    return String.format(
        Locale.ROOT,
        "%.0f events/s, p50 %d ms, p99 %d ms, %.0f µs CPU/event (%.2f cores), offered %.0f/s,"
            + " lag %,d -> %,d (%s), load %s -> %s",
        r.sustained(),
        r.p50Millis(),
        r.p99Millis(),
        r.cpuMicrosPerEvent(),
        r.cores(),
        r.offered(),
        r.lagAtStart(),
        r.lagAtEnd(),
        r.lagBounded() ? "bounded" : "growing",
        r.loadBefore(),
        r.loadAfter());
  }

  private long parseRate() throws UserException {
    if (rate.equalsIgnoreCase("max")) {
      return 0;
    }
    try {
      long n = Long.parseLong(rate);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UserException(
        "--rate expects a positive number of events per second or 'max', got '" + rate + "'");
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
