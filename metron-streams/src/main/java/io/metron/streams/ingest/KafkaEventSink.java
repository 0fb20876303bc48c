package io.metron.streams.ingest;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link EventSink} on one Kafka producer shared by all edges: {@code acks=all} and idempotence
 * on, so an acknowledged event is on every in-sync replica and the producer's own retries never
 * duplicate it. When its buffer is full, {@code send} blocks (up to {@code max.block.ms}), which
 * slows TCP and HTTP senders rather than losing their events.
 */
public final class KafkaEventSink implements EventSink {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaEventSink.class);
  private final KafkaProducer<byte[], byte[]> producer;

  /**
   * @param bootstrapServers the cluster
   * @param overrides producer settings that replace the defaults (for example {@code
   *     buffer.memory})
   */
  public KafkaEventSink(String bootstrapServers, Map<String, Object> overrides) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "metron-ingest");
    // Small events arrive one by one: a short linger and large batches keep the broker's
    // request rate low at tens of thousands of events per second.
    p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
    p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
    // Keys carry HEC metadata, not an identity: many events share one, and hashing it would pin
    // them all to one partition, leaving the other instances of a scaled-out platform idle.
    p.put(ProducerConfig.PARTITIONER_IGNORE_KEYS_CONFIG, true);
    p.putAll(overrides);
    this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  public KafkaEventSink(String bootstrapServers) {
    this(bootstrapServers, Map.of());
  }

  @Override
  public CompletableFuture<Void> send(String topic, byte[] key, byte[] value) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    try {
      producer.send(
          new ProducerRecord<>(topic, key, value),
          (metadata, error) -> {
            if (error == null) {
              done.complete(null);
            } else {
              done.completeExceptionally(error);
            }
          });
    } catch (RuntimeException e) {
      // Thrown synchronously for a closed producer, a record over max.request.size, or a
      // buffer that stayed full for max.block.ms: still just a failed event.
      done.completeExceptionally(e);
    }
    return done;
  }

  @Override
  public void prepare(String topic) {
    try {
      producer.partitionsFor(topic);
    } catch (RuntimeException e) {
      LOG.warn("Kafka topic {} is not available yet: {}", topic, e.getMessage());
    }
  }

  @Override
  public void flush() {
    producer.flush();
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(30));
  }
}
