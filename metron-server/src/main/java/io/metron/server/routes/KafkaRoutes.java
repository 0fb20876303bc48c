package io.metron.server.routes;

import io.metron.server.api.Access;
import io.metron.server.api.ApiException;
import io.metron.server.api.Endpoint;
import io.metron.server.api.Routes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Metron's KafkaController, read side: topics and a sample of each topic's latest message. */
public final class KafkaRoutes {
  private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");

  /** Metron's {@code KafkaTopic}. */
  public record KafkaTopic(
      String name, int numPartitions, int replicationFactor, Map<String, String> properties) {}

  private final Supplier<String> bootstrap;
  private Admin admin;

  private KafkaRoutes(Supplier<String> bootstrap) {
    this.bootstrap = bootstrap;
  }

  public static void declare(Routes routes, Supplier<String> bootstrap) {
    KafkaRoutes kafka = new KafkaRoutes(bootstrap);
    routes
        .group("Kafka")
        .get(
            "/kafka/topic",
            Access.USER,
            "Lists the Kafka topics",
            String[].class,
            call -> new TreeSet<>(kafka.admin().listTopics().names().get(10, TimeUnit.SECONDS)))
        .get(
            "/kafka/topic/{name}",
            Access.USER,
            "Describes a Kafka topic",
            KafkaTopic.class,
            call -> kafka.describe(topic(call.path("name"))))
        .get(
            "/kafka/topic/{name}/sample",
            Access.USER,
            "The topic's most recent message (plain text)",
            String.class,
            call -> {
              String sample = kafka.samples(topic(call.path("name")), 1).getLast();
              call.ctx().contentType("text/plain; charset=utf-8").result(sample);
              return Endpoint.HANDLED;
            })
        .get(
            "/kafka/topic/{name}/samples",
            Access.USER,
            "The topic's most recent messages (?count=, 1 to "
                + MAX_SAMPLES
                + ", 10 by default), oldest first",
            String[].class,
            call -> kafka.samples(topic(call.path("name")), count(call.query("count"))));
  }

  /** At most this many messages in one answer of {@code /samples}. */
  public static final int MAX_SAMPLES = 100;

  private static int count(String text) {
    if (text == null) {
      return 10;
    }
    try {
      int n = Integer.parseInt(text);
      if (n >= 1 && n <= MAX_SAMPLES) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiException.badRequest("'count' must be a number from 1 to " + MAX_SAMPLES, "count");
  }

  private static String topic(String name) {
    if (!TOPIC.matcher(name).matches()) {
      throw ApiException.badRequest(
          "'" + name + "' is not a Kafka topic name: use 1 to 249 of A-Z a-z 0-9 . _ -", "name");
    }
    return name;
  }

  private synchronized Admin admin() {
    String servers = bootstrap.get();
    if (servers == null) {
      throw new ApiException(503, "Kafka is not running yet");
    }
    if (admin == null) {
      admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers));
    }
    return admin;
  }

  private KafkaTopic describe(String name) throws InterruptedException, TimeoutException {
    try {
      TopicDescription d =
          admin().describeTopics(List.of(name)).allTopicNames().get(10, TimeUnit.SECONDS).get(name);
      int replication = d.partitions().isEmpty() ? 0 : d.partitions().getFirst().replicas().size();
      return new KafkaTopic(name, d.partitions().size(), replication, Map.of());
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        throw ApiException.notFound("no Kafka topic '" + name + "'");
      }
      throw new ApiException(503, "Kafka did not answer: " + e.getCause().getMessage());
    }
  }

  /** The latest {@code count} records' values (across partitions, by timestamp), oldest first. */
  private List<String> samples(String name, int count)
      throws InterruptedException, TimeoutException {
    KafkaTopic topic = describe(name);
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap.get());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (int i = 0; i < topic.numPartitions(); i++) {
        partitions.add(new TopicPartition(name, i));
      }
      consumer.assign(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(10));
      Map<TopicPartition, Long> starts =
          consumer.beginningOffsets(partitions, Duration.ofSeconds(10));
      Set<TopicPartition> wanted = new java.util.HashSet<>();
      for (TopicPartition tp : partitions) {
        long end = ends.getOrDefault(tp, 0L);
        if (end > starts.getOrDefault(tp, 0L)) {
          // Transaction markers take offsets too: step back a few more to find the records.
          consumer.seek(tp, Math.max(starts.get(tp), end - 2L * count - 10));
          wanted.add(tp);
        } else {
          consumer.seek(tp, end);
        }
      }
      if (wanted.isEmpty()) {
        throw ApiException.notFound("Kafka topic '" + name + "' has no messages");
      }
      List<ConsumerRecord<byte[], byte[]>> seen = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          seen.add(r);
        }
        if (!seen.isEmpty()
            && consumer.assignment().stream()
                .allMatch(tp -> consumer.position(tp) >= ends.get(tp))) {
          break;
        }
      }
      if (seen.isEmpty()) {
        throw ApiException.notFound("Kafka topic '" + name + "' has no readable messages");
      }
      seen.sort(
          java.util.Comparator.comparingLong((ConsumerRecord<byte[], byte[]> r) -> r.timestamp())
              .thenComparingLong(ConsumerRecord::offset));
      List<String> out = new ArrayList<>();
      for (ConsumerRecord<byte[], byte[]> r :
          seen.subList(Math.max(0, seen.size() - count), seen.size())) {
        out.add(r.value() == null ? "" : new String(r.value(), StandardCharsets.UTF_8));
      }
      return out;
    }
  }
}
