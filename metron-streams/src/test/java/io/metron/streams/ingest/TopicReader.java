package io.metron.streams.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads a topic from its start in tests, until an expected count or a deadline. */
public final class TopicReader implements AutoCloseable {
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();

  public TopicReader(String bootstrap, String topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    consumer.subscribe(List.of(topic));
  }

  /**
   * Polls until at least {@code count} records were read in all or {@code timeout} passed, then
   * polls once more briefly so that extra (duplicate) records show; returns everything so far.
   */
  public List<ConsumerRecord<byte[], byte[]>> readAtLeast(int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (records.size() < count && System.nanoTime() < deadline) {
      consumer.poll(Duration.ofMillis(200)).forEach(records::add);
    }
    consumer.poll(Duration.ofMillis(500)).forEach(records::add);
    return List.copyOf(records);
  }

  /** The values read so far as UTF-8 text, after {@link #readAtLeast}. */
  public List<String> texts(int count, Duration timeout) {
    return readAtLeast(count, timeout).stream()
        .map(r -> new String(r.value(), java.nio.charset.StandardCharsets.UTF_8))
        .toList();
  }

  @Override
  public void close() {
    consumer.close();
  }
}
