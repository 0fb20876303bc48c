package io.metron.streams;

import io.javalin.config.JavalinConfig;
import io.metron.core.config.Configs;
import io.metron.core.config.DisabledSensors;
import io.metron.core.config.SensorParserConfig;
import io.metron.search.SearchStore;
import io.metron.search.archive.ArchivePolicy;
import io.metron.search.archive.ArchiveStorage;
import io.metron.search.archive.ArchiveWriter;
import io.metron.search.lucene.LuceneSearchStore;
import io.metron.streams.broker.EmbeddedKafka;
import io.metron.streams.config.LiveConfigs;
import io.metron.streams.demo.DemoProducer;
import io.metron.streams.enrich.MessageEnricher;
import io.metron.streams.indexing.BatchWriter;
import io.metron.streams.indexing.IndexingWriter;
import io.metron.streams.ingest.EdgeStats;
import io.metron.streams.ingest.IngestEdge;
import io.metron.streams.ingest.KafkaEventSink;
import io.metron.streams.ingest.file.FileTailEdge;
import io.metron.streams.ingest.file.TailSpec;
import io.metron.streams.ingest.http.HttpEdge;
import io.metron.streams.ingest.http.HttpSettings;
import io.metron.streams.ingest.syslog.SyslogSpec;
import io.metron.streams.ingest.syslog.TcpSyslogEdge;
import io.metron.streams.ingest.syslog.UdpSyslogEdge;
import io.metron.streams.metrics.Metrics;
import io.metron.streams.parse.SensorParser;
import io.metron.streams.pcap.PacketStoreRole;
import io.metron.streams.profile.ProfilerStreams;
import io.metron.streams.recovery.HangingTransactions;
import io.metron.streams.recovery.InstanceIdentity;
import io.metron.streams.recovery.ProducerFencing;
import io.metron.streams.retention.RetentionScheduler;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.CloseOptions;
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
   * The pipeline's Kafka Streams application id; the profiler's ({@code metron-profiler}) and the
   * internal topics of both begin with it and a dash.
   */
  static final String APPLICATION_ID = "metron";

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
   * @param ingest the ingest edges and HTTP server to run
   */
  public record Settings(
      Path dataDir,
      String kafka,
      int kafkaPort,
      int partitions,
      boolean demo,
      int demoBurst,
      int demoRate,
      Ingest ingest) {

    /** Settings for a run without demo data or ingest edges. */
    public static Settings of(Path dataDir, String kafka, int kafkaPort, int partitions) {
      return new Settings(dataDir, kafka, kafkaPort, partitions, false, 0, 0, Ingest.none());
    }
  }

  /**
   * The edges that bring events in besides Kafka producers.
   *
   * @param http the HTTP server (ingest, HEC, {@code /metrics}, {@code /health}), or null for none
   * @param syslog syslog listeners
   * @param tails files to follow
   */
  public record Ingest(HttpSettings http, List<SyslogSpec> syslog, List<TailSpec> tails) {
    public static Ingest none() {
      return new Ingest(null, List.of(), List.of());
    }
  }

  private static final String[] EDGE_OUTCOMES = {
    "received", "written", "failed", "oversize", "dropped"
  };

  private final Settings settings;
  private final LiveConfigs configs;
  private final Stages stages;
  private final SearchStore store;
  private final Clock clock;
  private final String hostname;
  private final Map<String, SensorParser> parsers = new ConcurrentHashMap<>();
  private final Metrics metrics = new Metrics();
  private volatile MessageEnricher enricher;

  private InstanceIdentity identity;
  private HangingTransactions hangingTransactions;
  private ProducerFencing fencing;
  private EmbeddedKafka broker;
  private KafkaStreams streams;
  private List<String> topologyShape;
  private IndexingWriter indexWriter;
  private Thread indexThread;
  private ArchiveWriter archive;
  private PacketStoreRole packetStore;
  private ProfilerStreams profiler;
  private RetentionScheduler retention;
  private DemoProducer demo;
  private String bootstrapServers;
  private KafkaEventSink ingestSink;
  private final List<IngestEdge> edges = new ArrayList<>();
  private final List<Consumer<JavalinConfig>> sharedRoutes = new ArrayList<>();
  private HttpEdge httpEdge;

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
    identity = InstanceIdentity.of(settings.dataDir());
    fencing = new ProducerFencing(settings.dataDir());
    Configs initial = DisabledSensors.active(configs.get());
    buildStages(initial);
    fencePreviousRun();
    hangingTransactions = new HangingTransactions(admin(), this::watched);
    hangingTransactions.start();
    startStreams(initial);
    configs.onChange(changed -> apply(DisabledSensors.active(changed)));
    profiler =
        new ProfilerStreams(
            bootstrapServers,
            settings.dataDir(),
            configs::get,
            clock,
            metrics,
            settings.partitions());
    profiler.start();
    configs.onChange(profiler::apply);

    // One consumer of indexing feeds both the search index and the archive: each record is
    // decoded once, and its bytes become the stored source and the archive line.
    // The global config's archive.uri puts the archive on a Hadoop FileSystem (hdfs://...) when
    // metron-hadoop is on the classpath; by default it is <data>/archive.
    archive =
        ArchiveWriter.open(
            ArchiveStorage.at(
                initial
                    .global()
                    .string("archive.uri", settings.dataDir().resolve("archive").toString())),
            ArchivePolicy.DEFAULT,
            clock);
    indexWriter =
        new IndexingWriter(
            bootstrapServers,
            List.of(
                new IndexingWriter.Output(IndexingWriter.Kind.SEARCH, BatchWriter.of(store)),
                new IndexingWriter.Output(IndexingWriter.Kind.ARCHIVE, BatchWriter.of(archive))),
            configs::get,
            clock,
            hostname,
            Duration.ofMillis(500),
            identity.groupInstanceId(IndexingWriter.GROUP),
            metrics);
    indexThread = Thread.ofPlatform().name("indexing-writer").start(indexWriter);

    startIngest();

    // The packet store role: what pycapa-style capture sends to the pcap topic, kept as pcap files
    // with a flow index under <data>/pcap for 'metron pcap query --store'.
    packetStore = new PacketStoreRole(bootstrapServers, settings.dataDir(), null, 0);
    packetStore.start();

    // Retention of the index, archive, packet store and profile store, from the global config
    // (docs/retention.md).
    retention =
        new RetentionScheduler(
            settings.dataDir(),
            store instanceof LuceneSearchStore lucene ? lucene : null,
            profiler.store(),
            () -> configs.get().global(),
            clock,
            metrics);
    retention.start();

    if (settings.demo()) {
      demo =
          new DemoProducer(
              bootstrapServers, "bro", settings.demoBurst(), settings.demoRate(), clock);
      Thread.ofPlatform().daemon().name("demo-producer").start(demo);
    }
  }

  private void startIngest() throws IOException {
    Ingest ingest = settings.ingest();
    ingestSink = new KafkaEventSink(bootstrapServers);
    if (ingest.http() != null) {
      List<Consumer<JavalinConfig>> routes = new ArrayList<>(sharedRoutes);
      routes.add(this::operationsRoutes);
      httpEdge =
          new HttpEdge(ingest.http(), ingestSink, () -> configs.get().parsers().keySet(), routes);
      edges.add(httpEdge);
    }
    for (SyslogSpec spec : ingest.syslog()) {
      edges.add(
          spec.transport() == SyslogSpec.Transport.UDP
              ? new UdpSyslogEdge(spec, ingestSink, SyslogSpec.DEFAULT_MAX_MESSAGE)
              : new TcpSyslogEdge(spec, ingestSink, SyslogSpec.DEFAULT_MAX_MESSAGE));
    }
    for (TailSpec spec : ingest.tails()) {
      edges.add(new FileTailEdge(spec, ingestSink, settings.dataDir().resolve("tail")));
    }
    for (IngestEdge edge : edges) {
      edge.start();
      LOG.info("Ingest edge {} started", edge.name());
    }
  }

  /**
   * Adds routes, checks or connectors (the REST API, TLS) to the HTTP edge's server, so everything
   * HTTP shares one listener. Call before {@link #start()}.
   */
  public void addRoutes(Consumer<JavalinConfig> routes) {
    sharedRoutes.add(routes);
  }

  /** The HTTP server's bound port once started, or -1 when there is none. */
  public int httpPort() {
    return httpEdge == null ? -1 : httpEdge.port();
  }

  /** {@code GET /metrics} (Prometheus text) and {@code GET /health}, on the HTTP edge's port. */
  private void operationsRoutes(JavalinConfig config) {
    config.routes.get(
        "/metrics",
        ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(prometheus()));
    config.routes.get(
        "/health",
        ctx -> {
          boolean up = running();
          ctx.status(up ? 200 : 503).json(Map.of("status", up ? "UP" : "DOWN"));
        });
  }

  /** The platform's metrics and the ingest edges' counters, in Prometheus' text format. */
  public String prometheus() {
    StringBuilder out = new StringBuilder(metrics.prometheus());
    out.append("# HELP metron_ingest_events_total Events seen by an ingest edge, by outcome.\n");
    out.append("# TYPE metron_ingest_events_total counter\n");
    for (IngestEdge edge : edges) {
      for (EdgeStats s : edge.stats()) {
        long[] counts = {s.received(), s.written(), s.failed(), s.oversize(), s.dropped()};
        for (int k = 0; k < counts.length; k++) {
          out.append("metron_ingest_events_total{edge=\"")
              .append(s.edge())
              .append("\",sensor=\"")
              .append(s.sensor())
              .append("\",outcome=\"")
              .append(EDGE_OUTCOMES[k])
              .append("\"} ")
              .append(counts[k])
              .append('\n');
        }
      }
    }
    return out.toString();
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
            PipelineTopology.build(current, parsers::get, () -> enricher, clock, hostname, metrics),
            streamsProperties(),
            fencing);
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
        closeStreams();
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

  /**
   * Stops the topology and leaves the group, so that the partitions move to other instances now
   * (static members otherwise keep them until their session times out).
   */
  private void closeStreams() {
    streams.close(
        CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
            .withTimeout(Duration.ofSeconds(30)));
  }

  /**
   * Aborts what the stream threads of this instance's previous run left open (see ProducerFencing).
   */
  private void fencePreviousRun() throws IOException, InterruptedException {
    try (Admin admin = admin()) {
      fencing.fencePrevious(admin, Duration.ofSeconds(30));
    }
  }

  /**
   * Whether {@code topic} is read with read_committed by this platform, where a hanging transaction
   * would stop a reader: the pipeline's and the profiler's topics, and the internal topics Kafka
   * Streams names after the application ids ({@code metron-…-changelog}, {@code
   * metron-profiler-…-repartition}), whose changelogs restoring tasks must read to their end.
   */
  private boolean watched(String topic) {
    return topic.startsWith(APPLICATION_ID + "-")
        || topic.equals(ProfilerStreams.PROFILES)
        || PipelineTopology.topics(configs.get()).contains(topic);
  }

  private Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
  }

  private void ensureTopics(Configs current) throws IOException, InterruptedException {
    // on the embedded broker the cluster has one node, so this replicates once
    Topics.ensure(bootstrapServers, PipelineTopology.topics(current), settings.partitions());
  }

  private Properties streamsProperties() {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    StreamsTuning.apply(p);
    p.put(
        StreamsConfig.STATE_DIR_CONFIG,
        settings.dataDir().resolve("streams").toAbsolutePath().toString());
    // Static membership (Kafka Streams adds the thread number): after a crash the restarted
    // instance takes its tasks back at once instead of waiting out the dead members' sessions.
    p.put(
        StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG),
        identity.groupInstanceId("streams"));
    p.put(
        StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG),
        IndexingWriter.SESSION_TIMEOUT_MS);
    if (settings.kafka() == null) {
      p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
    }
    return p;
  }

  /** The platform's counters and latencies. */
  public Metrics metrics() {
    return metrics;
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
    for (IngestEdge edge : edges) {
      try {
        edge.close();
      } catch (Exception e) {
        LOG.warn("Ingest edge {} did not close cleanly: {}", edge.name(), e.getMessage());
      }
    }
    if (ingestSink != null) {
      ingestSink.close();
    }
    if (demo != null) {
      demo.close();
    }
    if (retention != null) {
      retention.close();
    }
    if (profiler != null) {
      profiler.close();
    }
    if (streams != null) {
      closeStreams();
    }
    if (indexWriter != null) {
      indexWriter.close();
      indexThread.join(30_000);
    }
    if (packetStore != null) {
      packetStore.close();
    }
    if (archive != null) {
      archive.close();
    }
    store.close();
    if (hangingTransactions != null) {
      hangingTransactions.close();
    }
    if (broker != null) {
      broker.close();
    }
  }
}
