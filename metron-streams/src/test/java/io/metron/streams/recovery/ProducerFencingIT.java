package io.metron.streams.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.metron.streams.broker.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A transaction left open by a producer that died holds back {@code read_committed} readers; the
 * next run's {@link ProducerFencing#fencePrevious} aborts it, so what was committed after it is
 * read at once instead of after the transaction timeout (a minute here).
 */
class ProducerFencingIT {
  private static final String TOPIC = "fenced";

  @TempDir Path dir;

  @Test
  void fencingThePreviousRunReleasesTheReadersItsOpenTransactionHeldBack() throws Exception {
    try (EmbeddedKafka broker = new EmbeddedKafka(dir.resolve("kafka"), 0)) {
      String bootstrap = broker.start();
      try (Admin admin =
          Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
        admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();

        // The run that dies: its producer, made through the supplier, leaves a transaction open.
        Producer<byte[], byte[]> dead =
            new ProducerFencing(dir).getProducer(transactional(bootstrap, "metron-dead-1"));
        dead.initTransactions();
        dead.beginTransaction();
        dead.send(new ProducerRecord<>(TOPIC, bytes("uncommitted"))).get();
        dead.flush();

        // Someone else commits behind it; a read_committed reader cannot see that yet.
        try (KafkaProducer<byte[], byte[]> other =
            new KafkaProducer<>(
                transactional(bootstrap, "someone-else"),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
          other.initTransactions();
          other.beginTransaction();
          other.send(new ProducerRecord<>(TOPIC, bytes("committed")));
          other.commitTransaction();
        }
        assertThat(ReadCommitted.values(bootstrap, TOPIC, 1, Duration.ofSeconds(2))).isEmpty();

        // The next run on the same directory fences the dead run's producer.
        int fenced = new ProducerFencing(dir).fencePrevious(admin, Duration.ofSeconds(30));
        assertThat(fenced).isEqualTo(1);
        assertThat(ReadCommitted.values(bootstrap, TOPIC, 1, Duration.ofSeconds(30)))
            .containsExactly("committed");
        assertThat(new ProducerFencing(dir).fencePrevious(admin, Duration.ofSeconds(30)))
            .as("ids are fenced once")
            .isZero();
        dead.close(Duration.ZERO);
      }
    }
  }

  private static Map<String, Object> transactional(String bootstrap, String id) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, id);
    config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 60_000);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return config;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
