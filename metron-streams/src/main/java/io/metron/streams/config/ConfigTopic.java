package io.metron.streams.config;

import io.metron.core.config.ConfigException;
import io.metron.core.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Config documents on the compacted {@value #TOPIC} topic: how a cluster of instances shares one
 * set of configs (the successor of Metron's {@code zk_load_configs}). A record's key is the
 * document's path in a config directory ({@code parsers/bro.json}), its value the document; a null
 * value deletes it. Compaction keeps the latest of each, so the topic always reads as a whole
 * directory.
 */
public final class ConfigTopic {
  public static final String TOPIC = "metron.config";

  private final String bootstrapServers;

  public ConfigTopic(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * Validates {@code dir} and, only if it is valid, publishes every document in it; with {@code
   * deleteMissing}, documents on the topic that {@code dir} no longer has are deleted.
   *
   * @return the paths published
   * @throws ConfigException listing every problem, when {@code dir} is not valid (nothing is sent)
   */
  public List<String> push(Path dir, ConfigLoader loader, boolean deleteMissing)
      throws ConfigException, IOException, InterruptedException {
    loader.load(dir);
    Map<String, byte[]> documents = readDirectory(dir);
    ensureTopic();
    Map<String, byte[]> existing = deleteMissing ? read() : Map.of();
    try (KafkaProducer<String, byte[]> producer = producer()) {
      for (Map.Entry<String, byte[]> doc : documents.entrySet()) {
        producer.send(new ProducerRecord<>(TOPIC, doc.getKey(), doc.getValue()));
      }
      for (String path : existing.keySet()) {
        if (!documents.containsKey(path)) {
          producer.send(new ProducerRecord<>(TOPIC, path, null));
        }
      }
      producer.flush();
    }
    return List.copyOf(documents.keySet());
  }

  /** The documents on the topic, latest of each path, deletions applied. */
  public Map<String, byte[]> read() throws IOException, InterruptedException {
    Map<String, byte[]> documents = new TreeMap<>();
    try (KafkaConsumer<String, byte[]> consumer = consumer()) {
      List<TopicPartition> partitions = new ArrayList<>();
      var info = consumer.partitionsFor(TOPIC, Duration.ofSeconds(30));
      if (info == null || info.isEmpty()) {
        return documents;
      }
      info.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (!caughtUp(consumer, end)) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (record.value() == null) {
            documents.remove(record.key());
          } else {
            documents.put(record.key(), record.value());
          }
        }
      }
    }
    return documents;
  }

  /**
   * Writes the topic's documents into {@code dir} (each atomically, so a reader never sees half a
   * file) and removes documents the topic deleted.
   *
   * @return the number of documents written
   */
  public int pull(Path dir) throws IOException, InterruptedException {
    Map<String, byte[]> documents = read();
    writeDirectory(dir, documents);
    return documents.size();
  }

  static void writeDirectory(Path dir, Map<String, byte[]> documents) throws IOException {
    Files.createDirectories(dir);
    for (Map.Entry<String, byte[]> doc : documents.entrySet()) {
      Path file = dir.resolve(doc.getKey()).normalize();
      if (!file.startsWith(dir.normalize())) {
        throw new IOException("refusing a config path outside the directory: " + doc.getKey());
      }
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.write(tmp, doc.getValue());
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
    for (String existing : readDirectory(dir).keySet()) {
      if (!documents.containsKey(existing)) {
        Files.deleteIfExists(dir.resolve(existing));
      }
    }
  }

  /**
   * The config documents under {@code dir}: {@code global.json}, {@code profiler.json}, and one
   * level of sub-directories.
   */
  static Map<String, byte[]> readDirectory(Path dir) throws IOException {
    Map<String, byte[]> documents = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return documents;
    }
    try (Stream<Path> files = Files.walk(dir, 2)) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).toList()) {
        documents.put(dir.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
      }
    }
    return documents;
  }

  private void ensureTopic() throws IOException, InterruptedException {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      int brokers = admin.describeCluster().nodes().get().size();
      NewTopic topic =
          new NewTopic(TOPIC, 1, (short) Math.min(3, brokers))
              .configs(Map.of("cleanup.policy", "compact"));
      admin.createTopics(List.of(topic)).all().get();
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IOException(
            "cannot create " + TOPIC + " on " + bootstrapServers + ": " + e.getCause().getMessage(),
            e.getCause());
      }
    }
  }

  private static boolean caughtUp(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  private KafkaProducer<String, byte[]> producer() {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
  }

  private KafkaConsumer<String, byte[]> consumer() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
  }
}
