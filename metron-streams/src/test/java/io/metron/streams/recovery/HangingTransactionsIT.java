package io.metron.streams.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.metron.streams.broker.EmbeddedKafka;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A transaction the coordinator lost stops {@code read_committed} readers of its partition for
 * good; {@link HangingTransactions} aborts it on its second sweep and leaves alone a transaction
 * the coordinator knows, however long it stays open.
 *
 * <p>The hang is made as the crash made it (issue 16): a partition holds a producer's open
 * transaction while the coordinator's state does not have it. Here the broker is stopped and its
 * transaction state log removed before it starts again.
 */
class HangingTransactionsIT {
  private static final String TOPIC = "indexing";

  @TempDir Path dir;

  @Test
  void aTransactionTheCoordinatorLostIsAbortedAndAKnownOneIsLeftOpen() throws Exception {
    Path logs = dir.resolve("kafka");
    String bootstrap;
    try (EmbeddedKafka broker = new EmbeddedKafka(logs, 0)) {
      bootstrap = broker.start();
      try (Admin admin = admin(bootstrap)) {
        admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
      }
      KafkaProducer<byte[], byte[]> lost = transactional(bootstrap, "metron-lost-1");
      lost.initTransactions();
      lost.beginTransaction();
      lost.send(new ProducerRecord<>(TOPIC, bytes("never committed"))).get();
      lost.flush();
      lost.close(Duration.ZERO);
    }
    try (Stream<Path> entries = Files.list(logs)) {
      for (Path state :
          entries
              .filter(p -> p.getFileName().toString().startsWith("__transaction_state"))
              .toList()) {
        deleteTree(state);
      }
    }

    int port = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
    try (EmbeddedKafka broker = new EmbeddedKafka(logs, port)) {
      bootstrap = broker.start();
      try (KafkaProducer<byte[], byte[]> plain = plain(bootstrap)) {
        plain.send(new ProducerRecord<>(TOPIC, bytes("after the restart"))).get();
      }
      assertThat(ReadCommitted.values(bootstrap, TOPIC, 1, Duration.ofSeconds(3)))
          .as("the lost transaction holds back read_committed readers")
          .isEmpty();

      // A transaction the coordinator knows, open across both sweeps.
      try (KafkaProducer<byte[], byte[]> known = transactional(bootstrap, "metron-known-1");
          HangingTransactions sweeper =
              new HangingTransactions(admin(bootstrap), TOPIC::equals, Duration.ZERO)) {
        known.initTransactions();
        known.beginTransaction();
        known.send(new ProducerRecord<>(TOPIC, bytes("committed later"))).get();
        known.flush();

        assertThat(sweeper.sweep()).as("first sight: only suspected").isEmpty();
        List<HangingTransactions.Open> aborted = sweeper.sweep();
        assertThat(aborted).hasSize(1);
        assertThat(aborted.getFirst().partition()).isEqualTo(new TopicPartition(TOPIC, 0));
        assertThat(aborted.getFirst().firstOffset()).isZero();
        assertThat(sweeper.sweep()).as("the known transaction is left open").isEmpty();
        assertThat(sweeper.aborted()).isEqualTo(1);

        known.commitTransaction();
        assertThat(ReadCommitted.values(bootstrap, TOPIC, 2, Duration.ofSeconds(30)))
            .containsExactly("after the restart", "committed later");
      }
    }
  }

  private static Admin admin(String bootstrap) {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
  }

  private static KafkaProducer<byte[], byte[]> transactional(String bootstrap, String id) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, id);
    // Long enough that the coordinator's own timeout cannot be what ends either transaction.
    config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 600_000);
    return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static KafkaProducer<byte[], byte[]> plain(String bootstrap) {
    return new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
        new ByteArraySerializer(),
        new ByteArraySerializer());
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
