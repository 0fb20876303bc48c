package io.metron.cli;

import io.metron.search.lucene.LuceneSearchStore;
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
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code metron bench}: the whole platform under generated load, measured end to end. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Starts the platform on a temporary data directory (or drives the cluster given with",
      "--kafka), produces realistic Bro, Snort and YAF traffic with a share of bad lines, and",
      "measures it end to end: from arrival on the sensor topic to searchable in the index.",
      "Ends with one line:",
      "  sustained: <N> events/s, p50 <ms> ms, p99 <ms> ms, errors <N>",
      "",
      "Examples:",
      "  metron bench --duration 60                 as fast as the platform goes",
      "  metron bench --duration 120 --rate 5000    a steady 5000 events/s",
    })
final class BenchCommand implements Callable<Integer> {
  @Option(
      names = "--duration",
      paramLabel = "SECONDS",
      defaultValue = "60",
      description = "How long to produce traffic. Default: ${DEFAULT-VALUE}.")
  int duration;

  @Option(
      names = "--rate",
      paramLabel = "N|max",
      defaultValue = "max",
      description = "Events per second to produce, or 'max'. Default: ${DEFAULT-VALUE}.")
  String rate;

  @Option(
      names = "--bad-share",
      paramLabel = "FRACTION",
      defaultValue = "0.01",
      description = "Share of malformed lines. Default: ${DEFAULT-VALUE}.")
  double badShare;

  @Option(
      names = "--kafka",
      paramLabel = "HOST:PORT",
      description = "Drive an existing cluster instead of the embedded broker.")
  String kafka;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    long perSecond = parseRate();
    Path data = Files.createTempDirectory("metron-bench");
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
            Platform.Settings.of(data, kafka, 0, 4),
            configs,
            Composition.stages(clock, enrichment),
            LuceneSearchStore.open(data.resolve("index")),
            clock,
            Composition.hostname());
    PrintWriter err = spec.commandLine().getErr();
    try {
      platform.start();
      err.printf(
          "bench: platform up on %s; producing for %d s%n", platform.bootstrapServers(), duration);
      AtomicLong produced = new AtomicLong();
      AtomicLong bad = new AtomicLong();
      long start = System.nanoTime();
      Thread producer =
          Thread.ofPlatform()
              .name("bench-producer")
              .start(() -> produce(platform.bootstrapServers(), perSecond, start, produced, bad));
      long lastIndexed = 0;
      while (producer.isAlive() || platform.indexed() < produced.get()) {
        Thread.sleep(5000);
        long indexed = platform.indexed();
        double elapsed = (System.nanoTime() - start) / 1e9;
        err.printf(
            "bench: %5.0f s  produced %,d  indexed %,d  (%,.0f/s over the last 5 s)%n",
            elapsed, produced.get(), indexed, (indexed - lastIndexed) / 5.0);
        lastIndexed = indexed;
        if (!producer.isAlive() && elapsed > duration + 120) {
          err.println("bench: gave up waiting for the index to catch up");
          break;
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      Histogram latency =
          platform
              .metrics()
              .histogram(
                  "metron_end_to_end_latency_seconds", "End to end latency.", "writer", "search");
      double errors =
          platform.metrics().snapshot().entrySet().stream()
              .filter(
                  e ->
                      e.getKey().contains("outcome=\"error\"")
                          || e.getKey().contains("outcome=\"invalid\""))
              .mapToDouble(java.util.Map.Entry::getValue)
              .sum();
      spec.commandLine()
          .getOut()
          .printf(
              "sustained: %.0f events/s, p50 %d ms, p99 %d ms, errors %.0f%n",
              platform.indexed() / seconds, latency.percentile(50), latency.percentile(99), errors);
      return 0;
    } finally {
      platform.close();
      enrichment.close();
      deleteTree(data);
    }
  }

  private void produce(
      String bootstrap, long perSecond, long start, AtomicLong produced, AtomicLong bad) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.LINGER_MS_CONFIG, "10");
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
    TrafficGenerator traffic = new TrafficGenerator(42, badShare);
    long end = start + duration * 1_000_000_000L;
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      while (System.nanoTime() < end) {
        long now = System.nanoTime();
        if (perSecond > 0) {
          long due = (now - start) * perSecond / 1_000_000_000L;
          if (produced.get() >= due) {
            Thread.sleep(1);
            continue;
          }
        }
        TrafficGenerator.Event event = traffic.next(System.currentTimeMillis());
        producer.send(new ProducerRecord<>(event.sensor(), event.value()));
        produced.incrementAndGet();
        if (event.bad()) {
          bad.incrementAndGet();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
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
