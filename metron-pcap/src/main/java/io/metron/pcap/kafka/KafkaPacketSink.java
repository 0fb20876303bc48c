package io.metron.pcap.kafka;

import io.metron.pcap.capture.PacketSink;
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
   */
  public static KafkaPacketSink create(
      String brokers, String topic, Map<String, String> overrides) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(1 << 20));
    p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(256L << 20));
    p.put(ProducerConfig.ACKS_CONFIG, "1");
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "metron-pcap-capture");
    p.putAll(overrides);
    return new KafkaPacketSink(new KafkaProducer<>(p), topic, PacketKeys.MICROSECONDS);
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
