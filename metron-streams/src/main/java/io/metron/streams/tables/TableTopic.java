package io.metron.streams.tables;

import com.fasterxml.jackson.core.type.TypeReference;
import io.metron.core.message.MessageCodec;
import io.metron.pipeline.enrich.LookupKey;
import io.metron.pipeline.load.RowSink;
import io.metron.pipeline.load.TableRow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The enrichment and threat-intel tables on the compacted {@value #TOPIC} topic: how the instances
 * of a cluster share one set of tables (the successor of Metron's shared HBase table). A record's
 * key is the row's key as the local store writes it (type, a zero byte, indicator), its value the
 * row's JSON map. Compaction keeps the latest value of each key, so the topic always reads as the
 * whole table, and every instance's {@link TableFollower} applies it to its local store.
 */
public final class TableTopic {
  public static final String TOPIC = "metron.tables";

  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

  private TableTopic() {}

  /**
   * Creates the topic, compacted, if it does not exist: one partition (every instance reads all of
   * it anyway), replicated to as many brokers as the cluster has, up to 3.
   *
   * @throws IOException when Kafka cannot be reached or refuses the topic
   */
  public static void ensure(String bootstrapServers) throws IOException, InterruptedException {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      int brokers = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size();
      NewTopic topic =
          new NewTopic(TOPIC, 1, (short) Math.min(3, brokers))
              .configs(Map.of("cleanup.policy", "compact", "min.insync.replicas", "1"));
      admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IOException(
            "cannot create " + TOPIC + " on " + bootstrapServers + ": " + e.getCause().getMessage(),
            e.getCause());
      }
    } catch (TimeoutException e) {
      throw new IOException("cannot reach Kafka at " + bootstrapServers + " to create " + TOPIC);
    }
  }

  /**
   * A sink that publishes rows to the topic: {@link RowSink#write} returns once every row of the
   * batch is acknowledged by all in-sync replicas, or throws, as the sink contract asks.
   */
  public static Publisher publisher(String bootstrapServers)
      throws IOException, InterruptedException {
    ensure(bootstrapServers);
    return new Publisher(bootstrapServers);
  }

  /** Publishes rows; thread-safe, as the loader's workers share it. */
  public static final class Publisher implements RowSink, AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;

    private Publisher(String bootstrapServers) {
      Properties p = new Properties();
      p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
      p.put(ProducerConfig.ACKS_CONFIG, "all");
      p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
      p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
      p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
      this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Override
    public void write(List<TableRow> rows) throws IOException {
      List<Future<RecordMetadata>> sent = new ArrayList<>(rows.size());
      for (TableRow row : rows) {
        sent.add(
            producer.send(
                new ProducerRecord<>(
                    TOPIC,
                    TableStore.key(row.key().type(), row.key().indicator()),
                    MessageCodec.JSON.writeValueAsBytes(row.value()))));
      }
      try {
        for (Future<RecordMetadata> f : sent) {
          f.get();
        }
      } catch (ExecutionException e) {
        throw new IOException(
            "cannot publish rows to " + TOPIC + ": " + e.getCause().getMessage(), e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while publishing rows to " + TOPIC, e);
      }
    }

    @Override
    public void close() {
      producer.close();
    }
  }

  /** The row a record of the topic holds, or null when the record is not one (wrong shape). */
  static TableRow row(byte[] key, byte[] value) {
    if (key == null || value == null) {
      return null;
    }
    int zero = -1;
    for (int i = 0; i < key.length; i++) {
      if (key[i] == 0) {
        zero = i;
        break;
      }
    }
    if (zero < 0) {
      return null;
    }
    try {
      Map<String, Object> map = MessageCodec.JSON.readValue(value, MAP);
      return new TableRow(
          new LookupKey(
              new String(key, 0, zero, StandardCharsets.UTF_8),
              new String(key, zero + 1, key.length - zero - 1, StandardCharsets.UTF_8)),
          map);
    } catch (IOException e) {
      return null;
    }
  }
}
