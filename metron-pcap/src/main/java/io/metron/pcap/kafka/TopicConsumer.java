package io.metron.pcap.kafka;

import io.metron.pcap.capture.PacketSink;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * pycapa's consumer: reads the {@code pcap} topic from the beginning, the end or the stored offset
 * and hands each packet to a {@link PacketSink} (a pcap stream on standard output for {@code metron
 * pcap consume}). Records whose key is not an 8-byte timestamp fall back to the record's own
 * timestamp and are counted.
 *
 * <p>The group's offsets are committed by hand, up to the last record delivered (not the last
 * polled), when {@link #run} returns: {@code --max-packets 10} twice with {@code --kafka-offset
 * stored} yields records 1-10, then 11-20, as pycapa's one-message-at-a-time consumer does.
 *
 * <p>Runs on one thread; {@link #stop()} may be called from any thread.
 */
public final class TopicConsumer {
  private final Consumer<byte[], byte[]> consumer;
  private final String topic;
  private final PacketKeys keys;
  private volatile boolean stopping;
  private final Map<TopicPartition, OffsetAndMetadata> position = new HashMap<>();
  private volatile long delivered;
  private long badKeys;
  private String commitError;

  public TopicConsumer(Consumer<byte[], byte[]> consumer, String topic, PacketKeys keys) {
    this.consumer = consumer;
    this.topic = topic;
    this.keys = keys;
  }

  /**
   * Settings for reading the pcap topic: byte-array keys and values, offsets committed by hand
   * (only for what was handled), the earliest offset for a group that has none, and a 15 s limit on
   * metadata and commit calls so an unreachable broker becomes an error.
   */
  public static Properties consumerProperties(String brokers, String groupId) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
    return p;
  }

  /** A consumer of {@code brokers}; {@code overrides} are {@code -X key=value} properties. */
  public static TopicConsumer create(
      String brokers, String topic, String groupId, Map<String, String> overrides)
      throws IOException {
    Properties p = consumerProperties(brokers, groupId);
    p.putAll(overrides);
    try {
      return new TopicConsumer(new KafkaConsumer<>(p), topic, PacketKeys.MICROSECONDS);
    } catch (KafkaException e) {
      throw new IOException(
          "Kafka consumer for " + brokers + ": " + KafkaPacketSink.rootMessage(e), e);
    }
  }

  /**
   * Consumes until {@code maxPackets} (0 for no limit), {@link #stop()}, or — when {@code
   * idleTimeout} is set — no record arrives for that long.
   *
   * @return packets delivered
   */
  public long run(OffsetStart start, long maxPackets, Duration idleTimeout, PacketSink out)
      throws IOException {
    List<PartitionInfo> infos;
    try {
      infos = consumer.partitionsFor(topic);
    } catch (KafkaException e) {
      throw new IOException(
          "cannot reach Kafka for topic '" + topic + "': " + KafkaPacketSink.rootMessage(e), e);
    }
    if (infos == null || infos.isEmpty()) {
      throw new IOException("topic '" + topic + "' does not exist or has no partitions");
    }
    switch (start) {
      case STORED -> consumer.subscribe(List.of(topic));
      case BEGIN, END -> {
        List<TopicPartition> parts = new ArrayList<>();
        for (PartitionInfo pi : infos) {
          parts.add(new TopicPartition(topic, pi.partition()));
        }
        consumer.assign(parts);
        if (start == OffsetStart.BEGIN) {
          consumer.seekToBeginning(parts);
        } else {
          consumer.seekToEnd(parts);
        }
      }
      default -> throw new IllegalStateException();
    }
    long max = maxPackets > 0 ? maxPackets : Long.MAX_VALUE;
    long idleSince = System.nanoTime();
    try {
      while (!stopping && delivered < max) {
        ConsumerRecords<byte[], byte[]> batch;
        try {
          batch = consumer.poll(Duration.ofMillis(200));
        } catch (WakeupException e) {
          break;
        }
        if (batch.isEmpty()) {
          if (idleTimeout != null && System.nanoTime() - idleSince > idleTimeout.toNanos()) {
            break;
          }
          continue;
        }
        idleSince = System.nanoTime();
        for (ConsumerRecord<byte[], byte[]> r : batch) {
          if (delivered >= max) {
            break;
          }
          byte[] v = r.value();
          if (v == null) {
            continue;
          }
          long ts = keys.timestampNanos(r.key());
          if (ts < 0) {
            badKeys++;
            ts = r.timestamp() * 1_000_000L;
          }
          out.accept(ts, v.length, v, 0, v.length);
          position.put(
              new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
          delivered++;
        }
      }
    } finally {
      out.flush();
      commitDelivered();
    }
    return delivered;
  }

  /** Commits what was written out, so a later {@code stored} start resumes right after it. */
  private void commitDelivered() {
    if (position.isEmpty()) {
      return;
    }
    try {
      consumer.commitSync(Map.copyOf(position));
    } catch (KafkaException e) {
      // The packets are already written; a failed commit only means a later 'stored' start
      // repeats them, which is the safe direction.
      commitError = e.toString();
    }
  }

  /** Why the final offset commit failed, or null. */
  public String commitError() {
    return commitError;
  }

  /** Packets delivered so far; readable from any thread. */
  public long delivered() {
    return delivered;
  }

  public void stop() {
    stopping = true;
    consumer.wakeup();
  }

  /** Records whose key was not an 8-byte timestamp. */
  public long badKeys() {
    return badKeys;
  }

  public void close() {
    consumer.close();
  }
}
