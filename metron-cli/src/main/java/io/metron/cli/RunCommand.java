package io.metron.cli;

import io.metron.core.config.Configs;
import io.metron.search.lucene.LuceneSearchStore;
import io.metron.streams.Platform;
import io.metron.streams.config.LiveConfigs;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Clock;
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
      "Runs the platform: an embedded Kafka broker (unless --kafka names a cluster), the parsing"
          + " and",
      "enrichment pipeline for every sensor in the config directory, and the search index.",
      "",
      "Config changes are picked up while running: edit a file in the config directory and it",
      "applies within seconds; a change that does not validate is refused and logged.",
      "",
      "Ctrl-C stops cleanly; restarting on the same --data directory carries on where it stopped,",
      "without losing or repeating events.",
      "",
      "Examples:",
      "  metron run --demo                       demo Bro events, embedded broker, ./data",
      "  metron run --config-dir /etc/metron     your sensors, embedded broker",
      "  metron run --kafka kafka1:9092          an existing cluster; start more copies to scale"
          + " out",
    })
final class RunCommand implements Callable<Integer> {
  @Mixin Locations locations;

  @Option(names = "--demo", description = "Produce demo Bro events into the 'bro' topic.")
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

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    LiveConfigs live = LiveConfigs.load(locations.configDir(), Composition.configLoader());
    Configs configs = live.get();
    if (configs.parsers().isEmpty()) {
      throw new UserException(
          "no sensors configured: "
              + locations.configDir().resolve("parsers")
              + " holds no <sensor>.json parser config");
    }
    if (demo && configs.parser("bro").isEmpty()) {
      throw new UserException(
          "--demo produces Bro events, but " + locations.configDir() + " has no parsers/bro.json");
    }
    Files.createDirectories(locations.data);
    Clock clock = Clock.systemUTC();
    long started = System.nanoTime();
    Platform platform =
        new Platform(
            new Platform.Settings(
                locations.data, kafka, kafkaPort, partitions, demo, demoBurst, demoRate),
            live,
            Composition.stages(clock),
            LuceneSearchStore.open(locations.index()),
            clock,
            Composition.hostname());
    CountDownLatch stopped = new CountDownLatch(1);
    Thread shutdown =
        new Thread(
            () -> {
              try {
                platform.close();
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
    out.printf(
        "Metron is running (ready in %.1f s).%n  Kafka:   %s%n  Sensors: %s%n  Data:    %s%n "
            + " Config:  %s%n",
        (System.nanoTime() - started) / 1e9,
        platform.bootstrapServers(),
        String.join(", ", configs.parsers().keySet()),
        locations.data.toAbsolutePath(),
        locations.configDir().toAbsolutePath());
    if (demo) {
      out.printf(
          "  Demo:    producing Bro events into 'bro' (a burst of %d, then %d/s)%n",
          demoBurst, demoRate);
    }
    out.println("Search from another terminal:  metron search 'ip_src_addr:10.0.0.1'");
    out.println("Stop with Ctrl-C.");
    out.flush();
    stopped.await();
    return 0;
  }
}
