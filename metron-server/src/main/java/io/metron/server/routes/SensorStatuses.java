package io.metron.server.routes;

import io.metron.core.config.DisabledSensors;
import io.metron.core.config.GlobalConfig;
import io.metron.server.routes.ConfigFiles.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each sensor's status, read from the platform's metrics (the counters {@code metron status}
 * prints) and from Kafka (how far the pipeline's consumer group is behind the sensor's topic).
 * Messages per second is the change of the received counter between two reads at least a second
 * apart, so any number of pollers see the same figure.
 */
public final class SensorStatuses implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SensorStatuses.class);

  /** The pipeline's consumer group: its Kafka Streams application id. */
  static final String GROUP = "metron";

  /**
   * One sensor's status.
   *
   * @param sensor the sensor name
   * @param topic the topic it reads
   * @param enabled false when switched off ({@link DisabledSensors})
   * @param received raw records read since the platform started
   * @param parsed messages parsed
   * @param invalid messages that failed validation
   * @param errors records that failed to parse
   * @param filtered messages a filter dropped
   * @param messagesPerSecond records read per second, lately
   * @param lag records in the topic the pipeline has not yet read (null when unknown)
   * @param lastMessage when the parser last read a record (epoch ms; null when never)
   */
  public record SensorStatus(
      String sensor,
      String topic,
      boolean enabled,
      long received,
      long parsed,
      long invalid,
      long errors,
      long filtered,
      double messagesPerSecond,
      Long lag,
      Long lastMessage) {}

  private record Sample(long nanos, long received, double rate) {}

  private final ConfigFiles files;
  private final Supplier<Map<String, Double>> metrics;
  private final Supplier<String> kafka;
  private final Map<String, Sample> samples = new ConcurrentHashMap<>();
  private Admin admin;

  SensorStatuses(ConfigFiles files, Supplier<Map<String, Double>> metrics, Supplier<String> kafka) {
    this.files = files;
    this.metrics = metrics;
    this.kafka = kafka;
  }

  /** Every configured sensor's status, by name. */
  public List<SensorStatus> all() {
    Map<String, Double> m = metrics.get();
    Map<String, Map<String, Object>> parsers = files.all(Kind.PARSER);
    Set<String> disabled =
        DisabledSensors.of(new GlobalConfig(files.read(Kind.GLOBAL, null).orElse(Map.of())));
    Map<String, String> topics = new HashMap<>();
    parsers.forEach(
        (name, doc) ->
            topics.put(
                name, doc.get("sensorTopic") instanceof String t && !t.isBlank() ? t : name));
    Map<String, Long> lags = lags(Set.copyOf(topics.values()));
    List<SensorStatus> out = new ArrayList<>();
    long now = System.nanoTime();
    for (String name : parsers.keySet()) {
      String label = "{sensor=\"" + name + "\"";
      long received = count(m, "metron_parse_received_total" + label + "}");
      Sample previous = samples.get(name);
      double rate = previous == null ? 0 : previous.rate();
      if (previous == null || now - previous.nanos() >= 1_000_000_000L) {
        if (previous != null) {
          rate = Math.max(0, received - previous.received()) * 1e9 / (now - previous.nanos());
        }
        samples.put(name, new Sample(now, received, rate));
      }
      long last = count(m, "metron_parse_last_record_millis" + label + "}");
      String topic = topics.get(name);
      out.add(
          new SensorStatus(
              name,
              topic,
              !disabled.contains(name),
              received,
              count(m, "metron_parse_total" + label + ",outcome=\"parsed\"}"),
              count(m, "metron_parse_total" + label + ",outcome=\"invalid\"}"),
              count(m, "metron_parse_total" + label + ",outcome=\"error\"}"),
              count(m, "metron_parse_total" + label + ",outcome=\"filtered\"}"),
              Math.round(rate * 10) / 10.0,
              lags.get(topic),
              last > 0 ? last : null));
    }
    return out;
  }

  private static long count(Map<String, Double> metrics, String series) {
    Double v = metrics.get(series);
    return v == null || v.isNaN() ? 0 : v.longValue();
  }

  /**
   * Records not yet read by the pipeline, per topic; topics Kafka cannot tell about are left out.
   */
  private Map<String, Long> lags(Set<String> topics) {
    Map<String, Long> out = new HashMap<>();
    try {
      Admin a = admin();
      if (a == null || topics.isEmpty()) {
        return out;
      }
      Set<String> existing = a.listTopics().names().get(5, TimeUnit.SECONDS);
      List<String> known = topics.stream().filter(existing::contains).toList();
      if (known.isEmpty()) {
        return out;
      }
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (TopicDescription d :
          a.describeTopics(known).allTopicNames().get(5, TimeUnit.SECONDS).values()) {
        d.partitions()
            .forEach(
                p -> latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest()));
      }
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
          a.listOffsets(latest).all().get(5, TimeUnit.SECONDS);
      Map<TopicPartition, OffsetAndMetadata> committed =
          a.listConsumerGroupOffsets(GROUP)
              .partitionsToOffsetAndMetadata()
              .get(5, TimeUnit.SECONDS);
      for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e : ends.entrySet()) {
        OffsetAndMetadata at = committed.get(e.getKey());
        long behind = Math.max(0, e.getValue().offset() - (at == null ? 0 : at.offset()));
        out.merge(e.getKey().topic(), behind, Long::sum);
      }
    } catch (java.util.concurrent.ExecutionException
        | java.util.concurrent.TimeoutException
        | RuntimeException e) {
      // The counters still answer; the lag is shown as unknown.
      LOG.warn("Cannot read the consumer lag: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return out;
  }

  private synchronized Admin admin() {
    String servers = kafka.get();
    if (servers == null) {
      return null;
    }
    if (admin == null) {
      admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers));
    }
    return admin;
  }

  @Override
  public synchronized void close() {
    if (admin != null) {
      admin.close();
    }
  }
}
