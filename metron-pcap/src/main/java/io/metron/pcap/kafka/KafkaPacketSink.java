package io.metron.pcap.kafka;

import io.metron.pcap.capture.PacketSink;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Produces captured packets to a topic exactly as pycapa does: key = 8-byte big-endian timestamp
 * (microseconds by default), value = the packet bytes. The producer batches ({@code linger.ms},
 * {@code batch.size}); a send refused because the producer's buffer is full, or failed later,
 * counts as dropped by us. Called from the capture thread only.
 */
public final class KafkaPacketSink implements PacketSink {
  private final Producer<byte[], byte[]> producer;
  private final String topic;
  private final PacketKeys keys;
  private final AtomicLong failed = new AtomicLong();
  private volatile String lastError;

  public KafkaPacketSink(Producer<byte[], byte[]> producer, String topic, PacketKeys keys) {
    this.producer = producer;
    this.topic = topic;
    this.keys = keys;
  }

  /**
   * A producer for {@code brokers} with batching defaults for packet capture; {@code overrides} are
   * pycapa's {@code -X key=value} producer properties and win over the defaults.
   *
   * @throws IOException when the brokers cannot be reached within {@code max.block.ms} (10 s by
   *     default) or the properties are invalid, naming the brokers and the reason
   */
  public static KafkaPacketSink create(String brokers, String topic, Map<String, String> overrides)
      throws IOException {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    // Batches stay below half a G1 region (1 MiB on heaps under 2 GiB): larger ones are
    // "humongous" objects that take two regions each, and a full 256 MiB buffer of them ran a
    // 512 MiB heap out of memory while replaying a file faster than the broker took it.
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 << 10));
    p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(128L << 20));
    p.put(ProducerConfig.ACKS_CONFIG, "1");
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "metron-pcap-capture");
    p.putAll(overrides);
    KafkaProducer<byte[], byte[]> producer;
    try {
      producer = new KafkaProducer<>(p);
    } catch (KafkaException e) {
      throw new IOException("Kafka producer for " + brokers + ": " + rootMessage(e), e);
    }
    try {
      // Fetching the topic's metadata up front turns an unreachable broker into one error now,
      // instead of every packet waiting max.block.ms and being counted as dropped.
      producer.partitionsFor(topic);
    } catch (KafkaException e) {
      producer.close(Duration.ZERO);
      throw new IOException(
          "cannot reach Kafka at " + brokers + " for topic '" + topic + "': " + rootMessage(e), e);
    }
    return new KafkaPacketSink(producer, topic, PacketKeys.MICROSECONDS);
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  @Override
  public boolean accept(long ts, int originalLength, byte[] data, int offset, int length) {
    byte[] value = Arrays.copyOfRange(data, offset, offset + length);
    try {
      producer.send(
          new ProducerRecord<>(topic, keys.key(ts), value),
          (meta, err) -> {
            if (err != null) {
              failed.incrementAndGet();
              lastError = err.toString();
            }
          });
      return true;
    } catch (KafkaException | IllegalStateException e) {
      lastError = e.toString();
      return false;
    }
  }

  @Override
  public void flush() {
    producer.flush();
  }

  @Override
  public long failed() {
    return failed.get();
  }

  /** The last send error, for the final report; null when there was none. */
  public String lastError() {
    return lastError;
  }

  @Override
  public void close() {
    producer.close();
  }
}
