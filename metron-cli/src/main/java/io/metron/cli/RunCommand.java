package io.metron.cli;

import io.metron.core.config.Configs;
import io.metron.search.SearchStore;
import io.metron.server.ManagedPlatform;
import io.metron.streams.Platform;
import io.metron.streams.config.ConfigMirror;
import io.metron.streams.config.ConfigTopic;
import io.metron.streams.config.LiveConfigs;
import io.metron.streams.ingest.file.TailSpec;
import io.metron.streams.ingest.http.HecToken;
import io.metron.streams.ingest.http.HttpSettings;
import io.metron.streams.ingest.syslog.SyslogSpec;
import io.metron.streams.tables.TableFollower;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code metron run}: the whole platform in this process until Ctrl-C. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the platform: an embedded Kafka broker (unless --kafka names a cluster),",
      "the parsing and enrichment pipeline for every sensor in the config directory,",
      "and the search index.",
      "",
      "Config changes are picked up while running: edit a file in the config",
      "directory and it applies within seconds; a change that does not validate is",
      "refused and logged.",
      "",
      "Ctrl-C stops cleanly; restarting on the same --data directory carries on",
      "where it stopped, without losing or repeating events. After a crash, the",
      "restart retires the dead broker's registration and fences the dead run's",
      "writers first, so it resumes in seconds.",
      "",
      "Examples:",
      "  metron run --demo                     demo Bro events, embedded broker,",
      "                                        data in ./data",
      "  metron run --config-dir /etc/metron   your sensors, embedded broker",
      "  metron run --kafka kafka1:9092        an existing cluster; start more copies",
      "                                        to scale out",
      "  metron run --kafka kafka1:9092 --opensearch https://os1:9200",
      "                                        the same, searching and indexing in",
      "                                        OpenSearch",
    })
final class RunCommand implements Callable<Integer> {
  @Mixin Locations locations;

  @Mixin SearchTier searchTier;

  @Option(
      names = "--demo",
      description =
          "Produce demo Bro events into the 'bro' topic, and the packets of the flows to"
              + " watch-listed hosts into 'pcap'.")
  boolean demo;

  @Option(
      names = "--demo-burst",
      paramLabel = "N",
      defaultValue = "1000",
      description = "With --demo: events produced at once on start. Default: ${DEFAULT-VALUE}.")
  int demoBurst;

  @Option(
      names = "--demo-rate",
      paramLabel = "N",
      defaultValue = "20",
      description =
          "With --demo: events produced per second after the burst. Default: ${DEFAULT-VALUE}.")
  int demoRate;

  @Option(
      names = "--kafka",
      paramLabel = "HOST:PORT",
      description =
          "Bootstrap servers of an existing Kafka cluster; the embedded broker stays off.")
  String kafka;

  @Option(
      names = "--kafka-port",
      paramLabel = "PORT",
      defaultValue = "9092",
      description = "Port of the embedded broker on 127.0.0.1. Default: ${DEFAULT-VALUE}.")
  int kafkaPort;

  @Option(
      names = "--partitions",
      paramLabel = "N",
      defaultValue = "2",
      description = "Partitions for the topics this run creates. Default: ${DEFAULT-VALUE}.")
  int partitions;

  @Option(
      names = "--http-port",
      paramLabel = "PORT",
      description = {
        "Port of the HTTP server on 127.0.0.1: POST /ingest/<sensor>, Splunk HEC at",
        "/services/collector/event, /metrics, /health. Default: global config",
        "'ingest.http.port', else 8080."
      })
  Integer httpPort;

  @Option(names = "--no-http", description = "Run no HTTP server (and so no REST API).")
  boolean noHttp;

  @Option(
      names = "--http-host",
      paramLabel = "ADDRESS",
      defaultValue = HttpSettings.DEFAULT_HOST,
      description = {
        "Address the HTTP server binds. Default: ${DEFAULT-VALUE} (this machine only); 0.0.0.0",
        "for the network, where POST /ingest/<sensor> then needs an ingest token."
      })
  String httpHost;

  @Option(
      names = "--tls-cert",
      paramLabel = "PEM",
      description = "Serve HTTPS with this certificate chain (PEM); needs --tls-key.")
  Path tlsCert;

  @Option(
      names = "--tls-key",
      paramLabel = "PEM",
      description = "The certificate's private key (PEM, unencrypted PKCS#8 or RSA).")
  Path tlsKey;

  @Option(
      names = "--syslog",
      paramLabel = "udp|tcp:[HOST:]PORT:SENSOR",
      description = {
        "Listen for syslog (RFC 3164/5424; TCP with newline or octet-counted framing) and",
        "write it to SENSOR's topic, e.g. udp:5514:syslog5424. Repeatable; adds to the global",
        "config's 'ingest.syslog' list. HOST defaults to 127.0.0.1 (0.0.0.0 for the network)."
      })
  List<String> syslog = new ArrayList<>();

  @Option(
      names = "--tail",
      paramLabel = "FILE:SENSOR",
      description = {
        "Follow FILE (through rotation, remembering its position across restarts) and write",
        "each line to SENSOR's topic. Repeatable; adds to the global config's 'ingest.tail'."
      })
  List<String> tail = new ArrayList<>();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** The ingest edges from the global config and the command line, validated. */
  private Platform.Ingest ingest(Configs configs) throws UserException {
    var global = configs.global();
    try {
      HttpSettings http = null;
      if (!noHttp) {
        Object configured = global.get("ingest.http.port");
        int port =
            httpPort != null
                ? httpPort
                : configured == null
                    ? HttpSettings.DEFAULT_PORT
                    : Integer.parseInt(configured.toString());
        http =
            new HttpSettings(httpHost, port, HttpSettings.DEFAULT_MAX_BODY_BYTES, List.of())
                .withHecTokens(
                    HecToken.fromConfig(
                        global.get("ingest.hec.tokens"), "global.json: $['ingest.hec.tokens']"));
      }
      List<SyslogSpec> syslogSpecs = new ArrayList<>();
      for (String s : specs(global.get("ingest.syslog"), syslog)) {
        syslogSpecs.add(SyslogSpec.parse(s));
      }
      List<TailSpec> tailSpecs = new ArrayList<>();
      for (String t : specs(global.get("ingest.tail"), tail)) {
        tailSpecs.add(TailSpec.parse(t));
      }
      return new Platform.Ingest(http, syslogSpecs, tailSpecs);
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage());
    }
  }

  private static List<String> specs(Object configured, List<String> fromCommandLine) {
    List<String> out = new ArrayList<>();
    if (configured instanceof List<?> list) {
      list.forEach(item -> out.add(String.valueOf(item)));
    } else if (configured != null) {
      out.add(configured.toString());
    }
    out.addAll(fromCommandLine);
    return out;
  }

  private TableFollower followTables() throws UserException, InterruptedException {
    try {
      return TableFollower.start(kafka, locations.data);
    } catch (java.io.IOException e) {
      throw new UserException(e.getMessage());
    }
  }

  @Override
  public Integer call() throws Exception {
    Path configDir = locations.configDir();
    ConfigMirror mirror = null;
    if (kafka != null && locations.configDir == null) {
      // In a cluster, instances share the configs pushed to the metron.config topic, if any.
      Path mirrored = locations.data.resolve("config");
      if (!new ConfigTopic(kafka).read().isEmpty()) {
        mirror = new ConfigMirror(kafka, mirrored);
        mirror.start();
        configDir = mirrored;
      }
    }
    LiveConfigs live = LiveConfigs.load(configDir, Composition.configLoader());
    Configs configs = live.get();
    if (configs.parsers().isEmpty()) {
      throw new UserException(
          "no sensors configured: "
              + configDir.resolve("parsers")
              + " holds no <sensor>.json parser config");
    }
    if (demo && configs.parser("bro").isEmpty()) {
      throw new UserException(
          "--demo produces Bro events, but " + configDir + " has no parsers/bro.json");
    }
    Files.createDirectories(locations.data);
    Clock clock = Clock.systemUTC();
    if (demo) {
      DemoSetup.prepare(locations.data, clock, spec.commandLine().getErr());
    }
    EnrichmentRuntime enrichment = EnrichmentRuntime.open(locations.data, live::get, clock);
    // In a cluster the tables follow the metron.tables topic that 'metron load --kafka' fills.
    TableFollower tables = kafka == null ? null : followTables();
    long started = System.nanoTime();
    SearchStore store = searchTier.openForRun(locations, configs.global().values());
    Platform.Ingest edges = ingest(configs);
    Platform platform =
        new Platform(
            new Platform.Settings(
                locations.data, kafka, kafkaPort, partitions, demo, demoBurst, demoRate, edges),
            live,
            Composition.stages(clock, enrichment),
            store,
            clock,
            Composition.hostname());
    ServerStart server =
        noHttp
            ? null
            : ServerStart.prepare(
                tlsCert, tlsKey, edges.http(), locations.data, configDir, store, live, platform);
    if (server != null) {
      server.manage(
          new ManagedPlatform(() -> platform.metrics().snapshot(), enrichment.resources()));
    }
    CountDownLatch stopped = new CountDownLatch(1);
    ConfigMirror configMirror = mirror;
    Thread shutdown =
        new Thread(
            () -> {
              try {
                if (configMirror != null) {
                  configMirror.close();
                }
                if (server != null) {
                  server.close();
                }
                platform.close();
                if (tables != null) {
                  tables.close();
                }
                enrichment.close();
              } catch (Exception e) {
                System.err.println("metron run: error while stopping: " + e.getMessage());
              } finally {
                stopped.countDown();
              }
            },
            "metron-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdown);
    platform.start();
    live.watch(2000);
    PrintWriter out = spec.commandLine().getOut();
    if (server != null) {
      server.started(platform, httpHost, out);
    }
    out.printf(
        "Metron is running (ready in %.1f s).%n  Kafka:   %s%n  Sensors: %s%n  Data:    %s%n "
            + " Config:  %s%n",
        (System.nanoTime() - started) / 1e9,
        platform.bootstrapServers(),
        String.join(", ", configs.parsers().keySet()),
        locations.data.toAbsolutePath(),
        mirror == null
            ? configDir.toAbsolutePath()
            : ConfigTopic.TOPIC + " (mirrored in " + configDir.toAbsolutePath() + ")");
    if (demo) {
      out.printf(
          "  Demo:    producing Bro events into 'bro' (a burst of %d, then %d/s), packets of"
              + " watch-listed flows into 'pcap'%n",
          demoBurst, demoRate);
    }
    if (!noHttp) {
      out.println(
          "  HTTP:    POST /ingest/<sensor>, /services/collector/event, GET /metrics, /health");
      out.println("  API:     " + server.url() + "/api/v1 (OpenAPI at /api/v1/openapi.json)");
    }
    out.println("Search from another terminal:  metron search 'ip_src_addr:10.0.0.1'");
    out.println("Stop with Ctrl-C.");
    out.flush();
    stopped.await();
    return 0;
  }
}
