package io.metron.streams;

import io.metron.core.config.Configs;
import io.metron.core.config.SensorParserConfig;
import io.metron.search.SearchStore;
import io.metron.streams.broker.EmbeddedKafka;
import io.metron.streams.config.LiveConfigs;
import io.metron.streams.demo.DemoProducer;
import io.metron.streams.enrich.MessageEnricher;
import io.metron.streams.indexing.SearchIndexWriter;
import io.metron.streams.parse.SensorParser;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything {@code metron run} starts, in order: the embedded broker (unless an external cluster
 * is given), Metron's topics, the streaming topology, the search index writer and, for the demo, a
 * producer of demo events. {@link #close()} stops them in reverse order, committing what was
 * processed, so a restart neither loses nor repeats work.
 *
 * <p>Configs are live: a changed parser or enrichment config replaces the running stage at once; a
 * sensor added or removed (which changes the topics read) restarts the topology within seconds.
 */
public final class Platform implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Platform.class);

  /**
   * How to run.
   *
   * @param dataDir where the broker, stream state and search index keep their data
   * @param kafka an existing cluster's bootstrap servers, or null for the embedded broker
   * @param kafkaPort the embedded broker's port (0 picks a free one)
   * @param partitions partitions for topics this run creates
   * @param demo whether to produce demo events into the {@code bro} topic
   * @param demoBurst demo events produced at once on start
   * @param demoRate demo events produced each second after the burst
   */
  public record Settings(
      Path dataDir,
      String kafka,
      int kafkaPort,
      int partitions,
      boolean demo,
      int demoBurst,
      int demoRate) {

    /** Settings for a run without demo data. */
    public static Settings of(Path dataDir, String kafka, int kafkaPort, int partitions) {
      return new Settings(dataDir, kafka, kafkaPort, partitions, false, 0, 0);
    }
  }

  private final Settings settings;
  private final LiveConfigs configs;
  private final Stages stages;
  private final SearchStore store;
  private final Clock clock;
  private final String hostname;
  private final Map<String, SensorParser> parsers = new ConcurrentHashMap<>();
  private volatile MessageEnricher enricher;

  private EmbeddedKafka broker;
  private KafkaStreams streams;
  private List<String> topologyShape;
  private SearchIndexWriter indexWriter;
  private Thread indexThread;
  private DemoProducer demo;
  private String bootstrapServers;

  public Platform(
      Settings settings,
      LiveConfigs configs,
      Stages stages,
      SearchStore store,
      Clock clock,
      String hostname) {
    this.settings = settings;
    this.configs = configs;
    this.stages = stages;
    this.store = store;
    this.clock = clock;
    this.hostname = hostname;
  }

  /** Starts everything and returns once the pipeline is running. */
  public void start() throws IOException, InterruptedException {
    if (settings.kafka() == null) {
      broker = new EmbeddedKafka(settings.dataDir().resolve("kafka"), settings.kafkaPort());
      bootstrapServers = broker.start();
      LOG.info("Embedded Kafka broker listening on {}", bootstrapServers);
    } else {
      bootstrapServers = settings.kafka();
    }
    Configs initial = configs.get();
    buildStages(initial);
    startStreams(initial);
    configs.onChange(this::apply);

    indexWriter =
        new SearchIndexWriter(
            bootstrapServers, store, configs::get, clock, hostname, Duration.ofMillis(500));
    indexThread = Thread.ofPlatform().name("search-index-writer").start(indexWriter);

    if (settings.demo()) {
      demo =
          new DemoProducer(
              bootstrapServers, "bro", settings.demoBurst(), settings.demoRate(), clock);
      Thread.ofPlatform().daemon().name("demo-producer").start(demo);
    }
  }

  private void buildStages(Configs current) {
    for (SensorParserConfig parser : current.parsers().values()) {
      parsers.put(parser.sensor(), stages.parser(parser, current));
    }
    parsers.keySet().retainAll(current.parsers().keySet());
    enricher = stages.enricher(current);
  }

  private synchronized void startStreams(Configs current) throws IOException, InterruptedException {
    ensureTopics(current);
    streams =
        new KafkaStreams(
            PipelineTopology.build(current, parsers::get, () -> enricher, clock, hostname),
            streamsProperties());
    streams.setUncaughtExceptionHandler(
        e -> {
          LOG.error("A stream thread failed; replacing it: {}", e.getMessage(), e);
          return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    streams.start();
    topologyShape = shape(current);
  }

  /** Swaps in new configs: new stages at once, and a new topology if the topics changed. */
  private synchronized void apply(Configs changed) {
    try {
      buildStages(changed);
      if (!shape(changed).equals(topologyShape)) {
        LOG.info("Sensors or their topics changed; restarting the pipeline topology");
        streams.close(Duration.ofSeconds(30));
        startStreams(changed);
      }
    } catch (RuntimeException | IOException e) {
      LOG.error("Could not apply the changed configs: {}", e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** What determines the topology: each sensor with the topics it reads and writes. */
  private static List<String> shape(Configs configs) {
    return configs.parsers().values().stream()
        .map(
            p ->
                p.sensor()
                    + ":"
                    + p.sensorTopic()
                    + ">"
                    + p.outputTopic()
                    + "!"
                    + PipelineTopology.errorTopic(configs, p))
        .sorted()
        .toList();
  }

  private void ensureTopics(Configs current) throws IOException, InterruptedException {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      short replication =
          (short)
              (settings.kafka() == null
                  ? 1
                  : Math.min(3, admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size()));
      Topics.ensure(admin, PipelineTopology.topics(current), settings.partitions(), replication);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("cannot reach Kafka at " + bootstrapServers + ": " + e.getMessage(), e);
    }
  }

  private Properties streamsProperties() {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "metron");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(
        StreamsConfig.STATE_DIR_CONFIG,
        settings.dataDir().resolve("streams").toAbsolutePath().toString());
    p.put(
        StreamsConfig.NUM_STREAM_THREADS_CONFIG,
        Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 200);
    p.put(StreamsConfig.producerPrefix("linger.ms"), 5);
    p.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
    if (settings.kafka() == null) {
      p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
    }
    return p;
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** Messages written to the search index by this process so far. */
  public long indexed() {
    return indexWriter == null ? 0 : indexWriter.indexed();
  }

  public boolean running() {
    return streams != null && streams.state().isRunningOrRebalancing() && indexThread.isAlive();
  }

  @Override
  public synchronized void close() throws InterruptedException, IOException {
    configs.close();
    if (demo != null) {
      demo.close();
    }
    if (streams != null) {
      streams.close(Duration.ofSeconds(30));
    }
    if (indexWriter != null) {
      indexWriter.close();
      indexThread.join(30_000);
    }
    store.close();
    if (broker != null) {
      broker.close();
    }
  }
}
