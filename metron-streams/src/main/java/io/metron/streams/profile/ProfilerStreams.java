package io.metron.streams.profile;

import io.metron.core.config.Configs;
import io.metron.pipeline.profile.FileProfileStore;
import io.metron.pipeline.profile.ProfileErrors;
import io.metron.pipeline.profile.ProfileException;
import io.metron.pipeline.profile.ProfileStateStore;
import io.metron.pipeline.profile.Profiler;
import io.metron.pipeline.profile.ProfilerSettings;
import io.metron.pipeline.profile.client.ProfileFunctions;
import io.metron.stellar.FunctionRegistry;
import io.metron.streams.Topics;
import io.metron.streams.metrics.Metrics;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streaming profiler, a Kafka Streams application ({@code metron-profiler}) beside the
 * pipeline: {@code indexing} → route (skip errors, take the time, one record per profile and
 * entity) → {@value #ROUTES} (keyed by profile and entity) → build (state per profile, entity and
 * period in the RocksDB store {@code profiler-state}) → {@value #PROFILES}, the local profile store
 * under {@code <data>/profiles}, and {@code enrichments} for triage values. Exactly-once.
 *
 * <p>Started by the platform with the configs; a changed {@code profiler.json} or global config
 * restarts it with the new profiles. Without profiles it does not run. A profile that fails to
 * compile stops the profiler (logged with the reason) and leaves the rest of the platform running.
 */
public final class ProfilerStreams implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProfilerStreams.class);

  /** Where measurements go, as JSON. */
  public static final String PROFILES = "profiles";

  /** The repartition topic between routing and building. */
  public static final String ROUTES = "metron-profiler-routes";

  private final String bootstrapServers;
  private final Path dataDir;
  private final Supplier<Configs> configs;
  private final Clock clock;
  private final int partitions;
  private short replication = 1;
  private final FileProfileStore store;
  private final ProfileErrors errors = new ProfileErrors();
  private final LongAdder skipped;
  private KafkaStreams streams;
  private Configs running;

  /**
   * @param bootstrapServers the cluster
   * @param dataDir the data directory: stream state under {@code streams/}, measurements under
   *     {@code profiles/}
   * @param configs the live configs
   * @param partitions partitions for the topics this creates (replicated up to 3 times)
   */
  public ProfilerStreams(
      String bootstrapServers,
      Path dataDir,
      Supplier<Configs> configs,
      Clock clock,
      Metrics metrics,
      int partitions) {
    this.bootstrapServers = bootstrapServers;
    this.dataDir = dataDir;
    this.configs = configs;
    this.clock = clock;
    this.partitions = partitions;
    this.store = FileProfileStore.inDataDir(dataDir);
    this.skipped =
        metrics.counter(
            "metron_profiler_skipped_total",
            "Messages the profiler skipped: not a message, or no valid timestampField.");
    metrics.gauge(
        "metron_profiler_errors_total",
        "Profile expressions that failed on a message (the message skipped for that profile).",
        errors::total);
  }

  /** Failures of profile expressions, by profile. */
  /** The local profile store the profiler writes its measurements to. */
  public FileProfileStore store() {
    return store;
  }

  public ProfileErrors errors() {
    return errors;
  }

  /** Starts the profiler if the configs have profiles. */
  public synchronized void start() throws IOException, InterruptedException {
    Configs current = configs.get();
    running = current;
    if (current.profiler().profiles().isEmpty()) {
      LOG.info("No profiles in profiler.json: the profiler is idle");
      return;
    }
    Topology topology;
    try {
      profiler(current, ProfileStateStore.inMemory()); // compile now, to fail with the reason
      topology = topology(current);
    } catch (ProfileException | IllegalArgumentException e) {
      LOG.error("The profiler is not running: {}", e.getMessage());
      return;
    }
    ensureTopics();
    streams = new KafkaStreams(topology, properties());
    streams.setUncaughtExceptionHandler(
        e -> {
          LOG.error("A profiler thread failed; replacing it: {}", e.getMessage(), e);
          return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    streams.start();
    LOG.info("Profiler running {} profile(s)", current.profiler().profiles().size());
  }

  /** Restarts with {@code changed} if its profiles or global settings differ. */
  public synchronized void apply(Configs changed) {
    if (running != null
        && running.profiler().equals(changed.profiler())
        && running.global().equals(changed.global())) {
      return;
    }
    try {
      stop();
      start();
    } catch (IOException | RuntimeException e) {
      LOG.error("Could not restart the profiler: {}", e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Whether the profiler's streams are up (false when idle for want of profiles). */
  public boolean running() {
    return streams != null && streams.state().isRunningOrRebalancing();
  }

  private Profiler profiler(Configs current, ProfileStateStore states) {
    Map<String, Object> global = current.global().values();
    FunctionRegistry functions =
        ProfileFunctions.register(FunctionRegistry.builtin(), store, clock);
    return Profiler.of(current.profiler(), functions, global, states, errors, clock);
  }

  private Topology topology(Configs current) {
    ProfilerSettings settings = ProfilerSettings.from(current.global().values());
    Duration flushEvery =
        Duration.ofMillis(Math.max(100, Math.min(1000, settings.periodMillis() / 4)));
    ByteArraySerializer out = new ByteArraySerializer();
    ByteArrayDeserializer in = new ByteArrayDeserializer();
    Topology t = new Topology();
    t.addSource("profiler-indexing", in, in, Topics.INDEXING);
    t.addProcessor(
        "profiler-route",
        () ->
            new RouteProcessor(
                () -> profiler(current, ProfileStateStore.inMemory()),
                Math.max(100, settings.periodMillis() / 10),
                skipped),
        "profiler-indexing");
    t.addSink(
        "profiler-routes-out",
        ROUTES,
        out,
        out,
        new RouteProcessor.Partitioner(),
        "profiler-route");
    t.addSource("profiler-routes-in", in, in, ROUTES);
    t.addProcessor(
        "profiler-build",
        () ->
            new ProfileProcessor(
                kv -> profiler(current, new KeyValueStateStore(kv)),
                store,
                flushEvery,
                "profiler-profiles",
                "profiler-triage"),
        "profiler-routes-in");
    t.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(ProfileProcessor.STATE_STORE),
            Serdes.String(),
            Serdes.ByteArray()),
        "profiler-build");
    t.addSink("profiler-profiles", PROFILES, out, out, "profiler-build");
    t.addSink("profiler-triage", Topics.ENRICHMENTS, out, out, "profiler-build");
    return t;
  }

  private void ensureTopics() throws IOException, InterruptedException {
    replication =
        Topics.ensure(
            bootstrapServers,
            List.of(Topics.INDEXING, Topics.ENRICHMENTS, ROUTES, PROFILES),
            partitions);
  }

  private Properties properties() {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "metron-profiler");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.STATE_DIR_CONFIG, dataDir.resolve("streams").toAbsolutePath().toString());
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 200);
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) replication);
    p.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
    // After a crash the dead member holds its partitions until its session times out: 10 s
    // rather than 45 s before a restarted profiler resumes.
    p.put(StreamsConfig.consumerPrefix("session.timeout.ms"), 10_000);
    return p;
  }

  private void stop() {
    if (streams != null) {
      // Leaving the group hands the partitions over at once to a restart or another copy, instead
      // of after the session timeout.
      streams.close(
          CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
              .withTimeout(Duration.ofSeconds(30)));
      streams = null;
    }
  }

  @Override
  public synchronized void close() {
    stop();
    store.close();
  }
}
