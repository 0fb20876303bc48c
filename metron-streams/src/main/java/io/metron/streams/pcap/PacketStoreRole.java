package io.metron.streams.pcap;

import io.metron.pcap.kafka.PacketKeys;
import io.metron.pcap.kafka.StoreFeeder;
import io.metron.pcap.store.PacketStore;
import io.metron.pcap.store.StoreConfig;
import io.metron.streams.indexing.IndexingWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the packet store as part of the platform: one thread consumes the {@code pcap} topic into
 * the store under {@code <data>/pcap}, flushing the store before it commits offsets, so a crash
 * loses nothing (at worst the packets since the last commit are stored twice) and a restart resumes
 * where the last run committed.
 *
 * <p>Lifecycle: {@link #start()} once, then {@link #close()} (from any thread). If the feeding
 * thread fails (disk full, broker gone for good) it logs the reason, seals what it wrote and ends;
 * {@link #failure()} then holds the reason. Not restartable: create a new role to start again.
 */
public final class PacketStoreRole implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PacketStoreRole.class);

  /** The topic Metron's sensors and pycapa produce packets to. */
  public static final String TOPIC = "pcap";

  /** Consumer group of the role: its committed offsets are where a restart resumes. */
  public static final String GROUP = "metron-pcap-store";

  private final Settings settings;
  private final InstantSource clock;
  private volatile StoreFeeder feeder;
  private volatile Throwable failure;
  private Thread thread;

  /**
   * What the role consumes and where it stores.
   *
   * @param bootstrapServers Kafka bootstrap servers
   * @param topic topic holding packets in pycapa's layout
   * @param groupId consumer group
   * @param store store settings: root directory, roll size and age, retention
   * @param commitInterval how often the store is flushed and offsets committed
   */
  public record Settings(
      String bootstrapServers,
      String topic,
      String groupId,
      StoreConfig store,
      Duration commitInterval) {

    public Settings {
      if (bootstrapServers == null || bootstrapServers.isBlank()) {
        throw new IllegalArgumentException("packet store role: bootstrap servers are required");
      }
      if (topic == null || topic.isBlank()) {
        throw new IllegalArgumentException("packet store role: topic is required");
      }
      if (groupId == null || groupId.isBlank()) {
        throw new IllegalArgumentException("packet store role: consumer group is required");
      }
      if (store == null) {
        throw new IllegalArgumentException("packet store role: store settings are required");
      }
      if (commitInterval == null || commitInterval.isNegative()) {
        throw new IllegalArgumentException(
            "packet store role: commit interval must be zero or positive");
      }
    }

    /**
     * The platform's defaults: topic {@code pcap}, the store in {@code <dataDir>/pcap} with files
     * of 128 MiB or 5 minutes, commits every 5 seconds.
     *
     * @param retainAge delete stored packets older than this; null keeps them
     * @param retainBytes keep the store below this many bytes; 0 or less for no limit
     */
    public static Settings of(
        String bootstrapServers, Path dataDir, Duration retainAge, long retainBytes) {
      return new Settings(
          bootstrapServers,
          TOPIC,
          GROUP,
          StoreConfig.defaults(dataDir.resolve("pcap")).withRetention(retainAge, retainBytes),
          Duration.ofSeconds(5));
    }
  }

  public PacketStoreRole(Settings settings, InstantSource clock) {
    this.settings = settings;
    this.clock = clock;
  }

  /** The role with {@link Settings#of} defaults and the system clock. */
  public PacketStoreRole(
      String bootstrapServers, Path dataDir, Duration retainAge, long retainBytes) {
    this(Settings.of(bootstrapServers, dataDir, retainAge, retainBytes), InstantSource.system());
  }

  /**
   * Opens the store (recovering files a crash left open, applying retention) and starts consuming.
   *
   * @throws IOException when the store directory cannot be opened or the Kafka consumer cannot be
   *     created; nothing is left running then
   */
  public synchronized void start() throws IOException {
    if (thread != null) {
      throw new IllegalStateException("packet store role already started");
    }
    PacketStore store = PacketStore.open(settings.store(), clock);
    StoreFeeder f;
    try {
      var props = StoreFeeder.consumerProperties(settings.bootstrapServers(), settings.groupId());
      // A restarted platform joins as a new member; the group waits for the dead one's session to
      // end before it hands out the partitions, so keep that as short as the indexing writer's.
      props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, IndexingWriter.SESSION_TIMEOUT_MS);
      f =
          new StoreFeeder(
              new KafkaConsumer<>(props),
              store,
              settings.topic(),
              PacketKeys.MICROSECONDS,
              settings.commitInterval(),
              clock);
    } catch (KafkaException e) {
      store.close();
      throw new IOException(
          "packet store: cannot create a Kafka consumer for " + settings.bootstrapServers(), e);
    }
    feeder = f;
    thread = Thread.ofPlatform().name("metron-pcap-store").start(() -> feed(f, store));
    LOG.info(
        "Packet store: topic {} -> {} (files of {} MiB or {}, retention {})",
        settings.topic(),
        settings.store().root(),
        settings.store().rollBytes() >> 20,
        settings.store().rollAge(),
        retention());
  }

  private String retention() {
    StoreConfig c = settings.store();
    if (c.retainAge() == null && c.retainBytes() <= 0) {
      return "none";
    }
    return (c.retainAge() == null ? "" : c.retainAge() + " ")
        + (c.retainBytes() <= 0 ? "" : (c.retainBytes() >> 20) + " MiB");
  }

  private void feed(StoreFeeder f, PacketStore store) {
    try {
      f.run();
    } catch (Throwable e) {
      failure = e;
      LOG.error("Packet store stopped: {}", e.toString(), e);
    } finally {
      try {
        store.close();
      } catch (IOException e) {
        if (failure == null) {
          failure = e;
        }
        LOG.error("Packet store: sealing the open files failed: {}", e.toString());
      }
      try {
        f.close();
      } catch (KafkaException e) {
        LOG.warn("Packet store: closing the Kafka consumer: {}", e.toString());
      }
    }
  }

  /** Where the store keeps its files. */
  public Path storeDir() {
    return settings.store().root();
  }

  /** Packets stored since {@link #start()}. */
  public long packetsStored() {
    StoreFeeder f = feeder;
    return f == null ? 0 : f.stored();
  }

  /** True while the feeding thread runs. */
  public synchronized boolean running() {
    return thread != null && thread.isAlive();
  }

  /** Why the feeding thread stopped on its own, or null. */
  public Throwable failure() {
    return failure;
  }

  /**
   * Stops consuming, flushes and commits, seals the open files and waits (up to 30 s) for the
   * thread to end. Safe to call more than once, and before {@link #start()}.
   */
  @Override
  public synchronized void close() {
    StoreFeeder f = feeder;
    if (f == null || thread == null) {
      return;
    }
    f.stop();
    try {
      thread.join(Duration.ofSeconds(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      LOG.warn("Packet store: the feeding thread did not end within 30 s");
    }
  }
}
