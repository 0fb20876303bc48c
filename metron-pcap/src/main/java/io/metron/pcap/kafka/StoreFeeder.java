package io.metron.pcap.kafka;

import io.metron.pcap.store.PacketStore;
import java.io.IOException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The packet-store role: consumes the {@code pcap} topic into a {@link PacketStore}, one store
 * stream per Kafka partition. Offsets are committed only after {@link PacketStore#flush()}, so a
 * crash loses nothing (it may store the packets since the last commit twice).
 *
 * <p>Runs on one thread ({@link #run}); {@link #stop()} may be called from any thread.
 */
public final class StoreFeeder {
  private final Consumer<byte[], byte[]> consumer;
  private final PacketStore store;
  private final String topic;
  private final PacketKeys keys;
  private final Duration commitInterval;
  private final InstantSource clock;
  private volatile boolean stopping;
  private long stored;
  private long skipped;

  public StoreFeeder(
      Consumer<byte[], byte[]> consumer,
      PacketStore store,
      String topic,
      PacketKeys keys,
      Duration commitInterval,
      InstantSource clock) {
    this.consumer = consumer;
    this.store = store;
    this.topic = topic;
    this.keys = keys;
    this.commitInterval = commitInterval;
    this.clock = clock;
  }

  /** Consumer settings for the role: manual commits, from the earliest offset for a new group. */
  public static Properties consumerProperties(String brokers, String groupId) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    return p;
  }

  /** A feeder with a real Kafka consumer. */
  public static StoreFeeder create(
      String brokers,
      String topic,
      String groupId,
      Map<String, String> overrides,
      PacketStore store) {
    Properties p = consumerProperties(brokers, groupId);
    p.putAll(overrides);
    return new StoreFeeder(
        new KafkaConsumer<>(p),
        store,
        topic,
        PacketKeys.MICROSECONDS,
        Duration.ofSeconds(5),
        InstantSource.system());
  }

  /** Consumes until {@link #stop()}; flushes and commits on the way out. */
  public void run() throws IOException {
    consumer.subscribe(List.of(topic));
    long nextCommit = clock.millis() + commitInterval.toMillis();
    boolean dirty = false;
    try {
      while (!stopping) {
        ConsumerRecords<byte[], byte[]> batch;
        try {
          batch = consumer.poll(Duration.ofMillis(200));
        } catch (WakeupException e) {
          break;
        }
        for (ConsumerRecord<byte[], byte[]> r : batch) {
          byte[] v = r.value();
          if (v == null) {
            skipped++;
            continue;
          }
          long ts = keys.timestampNanos(r.key());
          if (ts < 0) {
            ts = r.timestamp() * 1_000_000L;
          }
          store.append(r.partition(), ts, v, 0, v.length, v.length);
          stored++;
          dirty = true;
        }
        store.tick();
        if (dirty && clock.millis() >= nextCommit) {
          commit();
          dirty = false;
          nextCommit = clock.millis() + commitInterval.toMillis();
        }
      }
    } finally {
      if (dirty) {
        commit();
      }
    }
  }

  private void commit() throws IOException {
    store.flush();
    consumer.commitSync();
  }

  public void stop() {
    stopping = true;
    consumer.wakeup();
  }

  /** Packets appended to the store. */
  public long stored() {
    return stored;
  }

  /** Records without a value (tombstones), ignored. */
  public long skipped() {
    return skipped;
  }
}
