package io.metron.server.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.metron.server.api.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Metron's escalation: each escalated alert goes as JSON to the {@code escalation} topic, keyed by
 * its guid, where a ticketing or SOAR integration picks it up. The call returns once Kafka has
 * every alert. The producer starts on the first escalation, since the broker may start after the
 * server. Thread-safe.
 */
public final class Escalations implements AutoCloseable {
  /** Metron's {@code kafka.topics.escalation}. */
  public static final String TOPIC = "escalation";

  /** One request escalates at most this many alerts. */
  public static final int MAX_ALERTS = 1000;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long ACK_SECONDS = 30;

  private final Supplier<String> bootstrap;
  private Producer<byte[], byte[]> producer;

  /**
   * @param bootstrap the Kafka bootstrap servers, asked when the first alert is escalated
   */
  public Escalations(Supplier<String> bootstrap) {
    this.bootstrap = bootstrap;
  }

  /** Sends the alerts to the topic; returns their guids. */
  public List<String> escalate(List<?> alerts) throws InterruptedException {
    if (alerts == null || alerts.isEmpty()) {
      throw ApiException.badRequest("the body must be a list of alerts", null);
    }
    if (alerts.size() > MAX_ALERTS) {
      throw ApiException.badRequest(
          "at most " + MAX_ALERTS + " alerts per escalation, not " + alerts.size(), null);
    }
    List<String> guids = new ArrayList<>();
    List<Future<RecordMetadata>> sends = new ArrayList<>();
    Producer<byte[], byte[]> p = producer();
    for (int i = 0; i < alerts.size(); i++) {
      if (!(alerts.get(i) instanceof Map<?, ?> alert)) {
        throw ApiException.badRequest("alert [" + i + "] must be an object", "[" + i + "]");
      }
      Object guid = alert.get("guid");
      if (!(guid instanceof String g) || g.isBlank()) {
        throw ApiException.badRequest("alert [" + i + "] has no guid", "[" + i + "].guid");
      }
      guids.add(g);
      try {
        sends.add(p.send(new ProducerRecord<>(TOPIC, g.getBytes(), JSON.writeValueAsBytes(alert))));
      } catch (JsonProcessingException e) {
        throw ApiException.badRequest("alert [" + i + "] cannot be written as JSON", null);
      }
    }
    for (Future<RecordMetadata> send : sends) {
      try {
        send.get(ACK_SECONDS, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        throw new ApiException(
            503,
            "Kafka did not take the escalation ("
                + (e.getCause() == null ? e : e.getCause()).getMessage()
                + "); escalate again");
      }
    }
    return guids;
  }

  private synchronized Producer<byte[], byte[]> producer() {
    if (producer == null) {
      String servers = bootstrap.get();
      if (servers == null || servers.isBlank()) {
        throw new ApiException(503, "Kafka is not running yet; escalate again in a moment");
      }
      Properties props = new Properties();
      props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
      props.put(ProducerConfig.ACKS_CONFIG, "all");
      props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
      props.put(ProducerConfig.CLIENT_ID_CONFIG, "metron-ui-escalation");
      producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }
    return producer;
  }

  @Override
  public synchronized void close() {
    if (producer != null) {
      producer.close();
      producer = null;
    }
  }
}
