package io.metron.streams.config;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a local directory equal to the {@value ConfigTopic#TOPIC} topic, so that an instance in a
 * cluster runs from the configs pushed with {@code metron config push}: {@link LiveConfigs} watches
 * the directory and applies what changes, exactly as it does for a hand-edited one. Runs on its own
 * thread.
 */
public final class ConfigMirror implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigMirror.class);

  private final KafkaConsumer<String, byte[]> consumer;
  private final Path dir;
  private final Map<String, byte[]> documents = new TreeMap<>();
  private Thread thread;
  private volatile boolean running = true;

  public ConfigMirror(String bootstrapServers, Path dir) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    this.dir = dir;
  }

  /**
   * Copies the topic into the directory and returns the number of documents; then keeps following
   * the topic in the background.
   */
  public int start() throws IOException {
    TopicPartition partition = new TopicPartition(ConfigTopic.TOPIC, 0);
    consumer.assign(List.of(partition));
    consumer.seekToBeginning(List.of(partition));
    long end = consumer.endOffsets(List.of(partition)).get(partition);
    while (consumer.position(partition) < end) {
      apply(consumer.poll(Duration.ofMillis(200)));
    }
    ConfigTopic.writeDirectory(dir, documents);
    thread = Thread.ofPlatform().daemon().name("config-mirror").start(this::follow);
    return documents.size();
  }

  private void follow() {
    try {
      while (running) {
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofSeconds(1));
        if (!records.isEmpty()) {
          apply(records);
          ConfigTopic.writeDirectory(dir, documents);
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (IOException | RuntimeException e) {
      LOG.error("Stopped following {}: {}", ConfigTopic.TOPIC, e.getMessage(), e);
    } finally {
      consumer.close();
    }
  }

  private void apply(ConsumerRecords<String, byte[]> records) {
    for (ConsumerRecord<String, byte[]> record : records) {
      if (record.value() == null) {
        documents.remove(record.key());
      } else {
        documents.put(record.key(), record.value());
      }
    }
  }

  @Override
  public void close() {
    running = false;
    if (thread == null) {
      consumer.close();
    } else {
      consumer.wakeup();
    }
  }
}
