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

/**
 * The packet-store role: consumes the {@code pcap} topic into a {@link PacketStore}, one store
 * stream per Kafka partition. Offsets are committed only after {@link PacketStore#flush()}, so a
 * crash loses nothing (it may store the packets since the last commit twice).
 *
 * <p>Runs on one thread ({@link #run}, then {@link #close()}); {@link #stop()} and the counters may
 * be called from any thread.
 */
public final class StoreFeeder implements AutoCloseable {
  private final Consumer<byte[], byte[]> consumer;
  private final PacketStore store;
  private final String topic;
  private final PacketKeys keys;
  private final Duration commitInterval;
  private final InstantSource clock;
  private volatile boolean stopping;
  // Written by the feeding thread only; volatile so a supervisor can report progress.
  private volatile long stored;
  private volatile long skipped;

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

  /** Consumer settings for the role: {@link TopicConsumer#consumerProperties}, in larger polls. */
  public static Properties consumerProperties(String brokers, String groupId) {
    Properties p = TopicConsumer.consumerProperties(brokers, groupId);
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
          try {
            commit();
          } catch (WakeupException e) {
            // stop() arrived during the commit: the commit on the way out below retries it.
            break;
          }
          dirty = false;
          nextCommit = clock.millis() + commitInterval.toMillis();
        }
      }
    } finally {
      if (dirty) {
        try {
          commit();
        } catch (WakeupException e) {
          // A stop() that came after the last poll: the wakeup is spent now, so commit again.
          commit();
        }
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

  /** Closes the Kafka consumer (not the store, which belongs to the caller); after {@link #run}. */
  @Override
  public void close() {
    consumer.close();
  }

  /** Packets appended to the store; readable from any thread. */
  public long stored() {
    return stored;
  }

  /** Records without a value (tombstones), ignored. */
  public long skipped() {
    return skipped;
  }
}
