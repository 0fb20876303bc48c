package io.metron.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.metron.streams.broker.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded single-node broker, SIGKILLed as a process, then started again on its data: the
 * restart retires the dead broker's registration first instead of waiting for its session, and the
 * node it starts holds every record written before the kill and takes new ones. A clean stop leaves
 * nothing to retire.
 */
class KilledBrokerRestartIT {
  private static final String TOPIC = "restart-check";

  @TempDir Path dir;

  @Test
  void aKilledNodeStartsWithoutItsDeadRegistrationAndKeepsItsData() throws Exception {
    int port = MetronProcess.freePort();
    String clusterId = org.apache.kafka.common.Uuid.randomUuid().toString();
    Path logDir = dir.resolve("broker-1");
    MetronProcess node =
        MetronProcess.java(
            dir.resolve("broker-1.log"),
            "-Xmx512m",
            ClusterBroker.class.getName(),
            ClusterBroker.READY,
            Map.of(),
            logDir.toString(),
            "1",
            Integer.toString(port),
            clusterId,
            Integer.toString(MetronProcess.freePort()));
    node.awaitReady(Duration.ofSeconds(120));
    String bootstrap = "127.0.0.1:" + port;
    try (KafkaProducer<byte[], byte[]> producer = MetronProcess.producer(bootstrap)) {
      MetronProcess.sendAll(producer, records(0, 100));
    }
    assertThat(node.kill()).isEqualTo(137);

    EmbeddedKafka restarted = node(logDir, port, clusterId);
    try (restarted) {
      restarted.start();
      assertThat(restarted.retiredDeadIncarnation())
          .as("the restart found the killed run's registration and retired it")
          .isTrue();
      try (KafkaProducer<byte[], byte[]> producer = MetronProcess.producer(bootstrap)) {
        MetronProcess.sendAll(producer, records(100, 50));
      }
      assertThat(readAll(bootstrap)).isEqualTo(values(0, 150));
    }

    EmbeddedKafka afterCleanStop = node(logDir, port, clusterId);
    try (afterCleanStop) {
      afterCleanStop.start();
      assertThat(afterCleanStop.retiredDeadIncarnation())
          .as("a cleanly stopped node has no dead registration to retire")
          .isFalse();
      assertThat(readAll(bootstrap)).isEqualTo(values(0, 150));
    }
  }

  /** The node of {@code logDir} again, in this JVM, with a controller port of its own. */
  private static EmbeddedKafka node(Path logDir, int port, String clusterId) throws Exception {
    return new EmbeddedKafka(
        logDir, port, 1, new EmbeddedKafka.Quorum(clusterId, List.of(MetronProcess.freePort())));
  }

  private static List<ProducerRecord<byte[], byte[]>> records(int first, int n) {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (String value : values(first, n)) {
      records.add(new ProducerRecord<>(TOPIC, 0, null, value.getBytes(StandardCharsets.UTF_8)));
    }
    return records;
  }

  private static List<String> values(int first, int n) {
    List<String> values = new ArrayList<>();
    for (int i = first; i < first + n; i++) {
      values.add("record-" + i);
    }
    return values;
  }

  /** Every record of the topic's one partition, in order, read until its end offset. */
  private static List<String> readAll(String bootstrap) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition partition = new TopicPartition(TOPIC, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition), Duration.ofSeconds(60)).get(partition);
      List<String> values = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (consumer.position(partition) < end && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          values.add(new String(r.value(), StandardCharsets.UTF_8));
        }
      }
      return values;
    }
  }
}
