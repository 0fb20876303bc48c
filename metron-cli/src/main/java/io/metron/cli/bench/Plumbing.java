package io.metron.cli.bench;

import io.metron.streams.StreamsTuning;
import io.metron.streams.Topics;
import io.metron.streams.broker.EmbeddedKafka;
import io.metron.streams.metrics.Histogram;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * The plumbing limit: an embedded broker set up as the platform's, the same sensor topics and
 * partitions, the same hops to {@code indexing} through a Kafka Streams app with the platform's
 * exactly-once settings ({@link StreamsTuning}) that passes records through unchanged, and a {@code
 * read_committed} consumer at the end that commits its offsets as the indexing writer does but
 * writes nothing. What the platform reaches beside it is what its stages cost.
 */
public final class Plumbing implements BenchTarget, AutoCloseable {
  /** How often the end consumer commits its offsets, as the indexing writer does. */
  private static final long COMMIT_MILLIS = 500;

  private final Path dataDir;
  private final EmbeddedKafka broker;
  private final List<String> sensors;
  private final List<String> hops;
  private final int partitions;
  private final Histogram latency = new Histogram();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private String bootstrap;
  private KafkaStreams streams;
  private KafkaConsumer<byte[], byte[]> consumer;
  private Thread end;

  /**
   * @param dataDir where the broker keeps its log
   * @param sensors the sensor topics
   * @param hops the topics between a sensor topic and the end, in order, ending with {@code
   *     indexing}: what the platform's topology writes on the way
   */
  public Plumbing(Path dataDir, List<String> sensors, List<String> hops, int partitions) {
    this.dataDir = dataDir;
    this.broker = new EmbeddedKafka(dataDir.resolve("kafka"), 0);
    this.sensors = sensors;
    this.hops = hops;
    this.partitions = partitions;
  }

  /** Starts the broker, the pass-through topology and the end consumer. */
  public void start() throws IOException, InterruptedException {
    bootstrap = broker.start();
    List<String> topics = new ArrayList<>(sensors);
    topics.addAll(hops);
    Topics.ensure(bootstrap, topics, partitions);
    Topology topology = new Topology();
    ByteArrayDeserializer in = new ByteArrayDeserializer();
    ByteArraySerializer out = new ByteArraySerializer();
    String[] sources = sensors.stream().map(s -> "source-" + s).toArray(String[]::new);
    for (int i = 0; i < sensors.size(); i++) {
      topology.addSource(sources[i], in, in, sensors.get(i));
    }
    topology.addSink("hop-0", hops.getFirst(), out, out, sources);
    for (int i = 1; i < hops.size(); i++) {
      topology.addSource("from-" + i, in, in, hops.get(i - 1));
      topology.addSink("hop-" + i, hops.get(i), out, out, "from-" + i);
    }
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "metron-plumbing");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
    p.put(StreamsConfig.STATE_DIR_CONFIG, dataDir.resolve("streams").toAbsolutePath().toString());
    StreamsTuning.apply(p);
    streams = new KafkaStreams(topology, p);
    streams.start();
    Properties c = new Properties();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    c.put(ConsumerConfig.GROUP_ID_CONFIG, "plumbing-end");
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    consumer = new KafkaConsumer<>(c, in, in);
    end = Thread.ofPlatform().name("plumbing-end").start(this::consume);
  }

  private void consume() {
    consumer.subscribe(List.of(hops.getLast()));
    long lastCommit = System.currentTimeMillis();
    try {
      while (running.get()) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
        long now = System.currentTimeMillis();
        for (ConsumerRecord<byte[], byte[]> record : records) {
          latency.record(now - record.timestamp());
        }
        delivered.addAndGet(records.count());
        if (now - lastCommit >= COMMIT_MILLIS) {
          consumer.commitSync();
          lastCommit = now;
        }
      }
    } catch (WakeupException e) {
      // closing
    } finally {
      consumer.close();
    }
  }

  @Override
  public String bootstrapServers() {
    return bootstrap;
  }

  @Override
  public long delivered() {
    return delivered.get();
  }

  @Override
  public Histogram latency() {
    return latency;
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    if (consumer != null) {
      consumer.wakeup();
      end.join(30_000);
    }
    if (streams != null) {
      streams.close(Duration.ofSeconds(30));
    }
    broker.close();
  }
}
