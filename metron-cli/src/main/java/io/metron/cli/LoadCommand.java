package io.metron.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.metron.core.config.ConfigLoader;
import io.metron.core.config.Configs;
import io.metron.core.message.MessageCodec;
import io.metron.pipeline.enrich.EnrichmentResources;
import io.metron.pipeline.enrich.geo.GeoFiles;
import io.metron.pipeline.load.EnrichmentConfigUpdate;
import io.metron.pipeline.load.Extractor;
import io.metron.pipeline.load.ExtractorConfig;
import io.metron.pipeline.load.Extractors;
import io.metron.pipeline.load.FlatFileLoader;
import io.metron.pipeline.load.LoadException;
import io.metron.pipeline.load.LoadProgress;
import io.metron.pipeline.load.RowSink;
import io.metron.streams.tables.TableStore;
import io.metron.streams.tables.TableTopic;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code metron load}: fills the enrichment tables and installs the GeoIP database. */
@Command(
    name = "load",
    mixinStandardHelpOptions = true,
    description = {
      "Loads enrichment and threat-intel tables, or the GeoIP database, into the data directory.",
      "A running platform using the same --data sees the new data within a second or so."
    },
    subcommands = {LoadCommand.FlatFile.class, LoadCommand.Geo.class})
public final class LoadCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /** {@code metron load flatfile}: Metron's {@code flatfile_loader.sh}. */
  @Command(
      name = "flatfile",
      mixinStandardHelpOptions = true,
      description = {
        "Loads CSV or STIX files into the enrichment tables with a Metron extractor config, as",
        "Metron's flatfile_loader.sh did. Loading the same data again replaces it (idempotent).",
        "",
        "Example:",
        "  metron load flatfile -e extractor.json -i malicious_ips.csv --data data"
      })
  static final class FlatFile implements Callable<Integer> {
    @Mixin Locations locations;

    @Option(
        names = {"-e", "--extractor_config"},
        required = true,
        paramLabel = "FILE",
        description = "The extractor config: {\"config\": {...}, \"extractor\": \"CSV\"|\"STIX\"}.")
    Path extractorConfig;

    @Option(
        names = {"-i", "--input"},
        required = true,
        split = ",",
        paramLabel = "PATH",
        description = "Input files or directories (repeat or separate with commas).")
    List<Path> inputs;

    @Option(
        names = {"-n", "--enrichment_config"},
        paramLabel = "FILE",
        description =
            "Metron's sensor enrichment patch (sensorToFieldList): adds the loaded types to"
                + " enrichments/<sensor>.json in --config-dir.")
    Path enrichmentConfig;

    @Option(
        names = {"-p", "--threads"},
        paramLabel = "N",
        description = "Worker threads (default: the number of processors).")
    Integer threads;

    @Option(
        names = {"-b", "--batchSize"},
        paramLabel = "N",
        defaultValue = "1000",
        description = "Rows per write (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(
        names = {"-t", "--hbase_table"},
        paramLabel = "TABLE",
        description = "Accepted for compatibility; every type lives in one table here.")
    String table;

    @Option(
        names = {"-c", "--hbase_cf"},
        paramLabel = "CF",
        description = "Accepted for compatibility; ignored.")
    String columnFamily;

    @Option(
        names = {"-m", "--import_mode"},
        paramLabel = "MODE",
        description = "Accepted for compatibility: LOCAL (the only mode here).")
    String mode;

    @Option(
        names = "--kafka",
        paramLabel = "HOST:PORT",
        description = {
          "Publish the rows to the compacted metron.tables topic of this Kafka cluster instead of",
          "writing the local tables: every 'metron run --kafka' instance applies them to its own."
        })
    String kafka;

    @Option(
        names = {"-q", "--quiet"},
        description = "No progress bar.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
      PrintStream err = System.err;
      if (mode != null && !mode.equalsIgnoreCase("LOCAL")) {
        throw new UserException("-m " + mode + ": only LOCAL loading exists here");
      }
      ExtractorConfig config = loadException(() -> ExtractorConfig.read(extractorConfig));
      Map<String, Object> global = globalConfig();
      Extractor extractor =
          loadException(
              () -> Extractors.build(config, EnrichmentResources.none().registry(), global));
      int workers = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
      if (workers < 1 || batchSize < 1) {
        throw new UserException("-p and -b must be at least 1");
      }
      if (enrichmentConfig != null) {
        patchSensorConfigs(err);
      }
      Progress progress = new Progress(err, quiet);
      FlatFileLoader.Summary summary;
      try (AutoCloseable sink = sink()) {
        RowSink store = (RowSink) sink;
        summary =
            loadException(
                () ->
                    new FlatFileLoader(extractor, store, progress)
                        .load(
                            new FlatFileLoader.Options(
                                inputs, config.wholeFile(), workers, batchSize)));
      } finally {
        progress.end();
      }
      err.printf(
          Locale.ROOT,
          "Loaded %,d rows from %,d file(s) (%,d %s, %,d bad) in %.1f s: %,.0f rows/s into %s%n",
          summary.rows(),
          summary.files(),
          summary.lines(),
          config.wholeFile() ? "documents" : "lines",
          summary.badRows(),
          summary.elapsedNanos() / 1e9,
          summary.rate(),
          kafka == null ? TableStore.directory(locations.data) : TableTopic.TOPIC + " on " + kafka);
      return summary.badRows() > 0 ? 3 : 0;
    }

    /** The local tables, or the cluster's topic when --kafka names one. */
    private AutoCloseable sink() throws IOException, InterruptedException {
      return kafka == null
          ? TableStore.openForWriting(locations.data)
          : TableTopic.publisher(kafka);
    }

    private Map<String, Object> globalConfig() {
      Path dir = locations.configDir();
      if (!Files.isDirectory(dir)) {
        return Map.of();
      }
      try {
        Configs configs = new ConfigLoader().read(dir).configs();
        return configs.global().values();
      } catch (io.metron.core.config.ConfigException e) {
        return Map.of();
      }
    }

    private void patchSensorConfigs(PrintStream err) throws IOException, UserException {
      JsonNode json;
      try {
        json = MessageCodec.JSON.readTree(Files.readAllBytes(enrichmentConfig));
      } catch (IOException e) {
        throw new UserException(enrichmentConfig + ": cannot read: " + e.getMessage());
      }
      EnrichmentConfigUpdate update =
          loadException(() -> EnrichmentConfigUpdate.parse(json, enrichmentConfig.toString()));
      Path dir = locations.configDir().resolve("enrichments");
      Files.createDirectories(dir);
      for (var e : update.sensors().entrySet()) {
        Path file = dir.resolve(e.getKey() + ".json");
        ObjectNode current =
            Files.exists(file) ? (ObjectNode) MessageCodec.JSON.readTree(file.toFile()) : null;
        ObjectNode patched = EnrichmentConfigUpdate.apply(current, e.getValue());
        if (!patched.equals(current)) {
          Files.writeString(
              file, MessageCodec.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(patched));
          err.println("Updated " + file);
        }
      }
    }
  }

  /** {@code metron load geo}: Metron's {@code maxmind_enrichment_load.sh}, locally. */
  @Command(
      name = "geo",
      mixinStandardHelpOptions = true,
      description = {
        "Installs a GeoIP City database (.mmdb, .mmdb.gz or .tar.gz; MaxMind GeoLite2/GeoIP2 or",
        "DB-IP Lite) as the platform's geo database. A running platform switches to it without a",
        "restart. The global config key geo.hdfs.file, when set, takes precedence."
      })
  static final class Geo implements Callable<Integer> {
    @Mixin Locations locations;

    @Parameters(paramLabel = "FILE", description = "The database file.")
    Path file;

    @Override
    public Integer call() throws Exception {
      GeoFiles.Installed installed;
      try {
        installed = GeoFiles.install(file, locations.data, Clock.systemUTC());
      } catch (IOException e) {
        throw new UserException(e.getMessage());
      }
      System.err.println(
          "Installed " + installed.databaseType() + " database as " + installed.path());
      return 0;
    }
  }

  @FunctionalInterface
  private interface LoadStep<T> {
    T run() throws LoadException;
  }

  /** Turns a load's failure into a one-line user error. */
  private static <T> T loadException(LoadStep<T> step) throws UserException {
    try {
      return step.run();
    } catch (LoadException e) {
      throw new UserException(e.getMessage());
    }
  }

  /** The progress bar on standard error: redrawn in place on a terminal, a line a minute if not. */
  private static final class Progress implements FlatFileLoader.Listener {
    private static final int MAX_BAD_ROWS_SHOWN = 100;
    private final PrintStream err;
    private final boolean quiet;
    private final boolean terminal = System.console() != null;
    private final AtomicLong badShown = new AtomicLong();
    private long lastLine;
    private boolean drawn;

    Progress(PrintStream err, boolean quiet) {
      this.err = err;
      this.quiet = quiet;
    }

    @Override
    public synchronized void progress(LoadProgress p) {
      if (quiet) {
        return;
      }
      if (terminal) {
        err.print("\r" + p.render(30) + "   ");
        drawn = true;
      } else if (p.elapsedNanos() - lastLine >= 60_000_000_000L || p.fraction() >= 1) {
        lastLine = p.elapsedNanos();
        err.println(p.render(30));
      }
      err.flush();
    }

    @Override
    public synchronized void badRow(String where, String reason) {
      long n = badShown.incrementAndGet();
      if (n <= MAX_BAD_ROWS_SHOWN) {
        clearLine();
        err.println("bad row " + where + ": " + reason);
      } else if (n == MAX_BAD_ROWS_SHOWN + 1) {
        clearLine();
        err.println("(more bad rows are counted but not shown)");
      }
    }

    synchronized void end() {
      if (drawn) {
        err.println();
        drawn = false;
      }
    }

    private void clearLine() {
      if (drawn) {
        err.print("\r");
        err.print(" ".repeat(100));
        err.print("\r");
      }
    }
  }
}
