package io.metron.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * What a broker holds, for the message of a failed assertion in a test that waits for events to be
 * indexed: per partition its end, its last stable offset and each group's committed offset, and the
 * open transactions on partitions whose last stable offset is behind. That tells a stall in a stage
 * (a group behind the end) from one in Kafka (a last stable offset held back).
 */
final class BrokerState {
  private BrokerState() {}

  /** The state of the cluster at {@code bootstrap}, or why it could not be read. */
  static String describe(String bootstrap) {
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                10_000))) {
      return describe(admin);
    } catch (Exception e) {
      return "(broker state unavailable: " + e + ")";
    }
  }

  private static String describe(Admin admin) throws Exception {
    List<TopicPartition> partitions = new ArrayList<>();
    admin
        .describeTopics(admin.listTopics().names().get(10, TimeUnit.SECONDS))
        .allTopicNames()
        .get(10, TimeUnit.SECONDS)
        .forEach(
            (topic, d) ->
                d.partitions()
                    .forEach(p -> partitions.add(new TopicPartition(topic, p.partition()))));
    partitions.sort(Comparator.comparing(TopicPartition::toString));
    Map<TopicPartition, OffsetSpec> latest = new TreeMap<>(Comparator.comparing(Object::toString));
    partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
    var ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
    var stable =
        admin
            .listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
            .all()
            .get(10, TimeUnit.SECONDS);
    Map<String, Map<TopicPartition, Long>> groups = new TreeMap<>();
    for (GroupListing group : admin.listGroups().all().get(10, TimeUnit.SECONDS)) {
      Map<TopicPartition, Long> offsets = new TreeMap<>(Comparator.comparing(Object::toString));
      admin
          .listConsumerGroupOffsets(group.groupId())
          .partitionsToOffsetAndMetadata()
          .get(10, TimeUnit.SECONDS)
          .forEach((p, o) -> offsets.put(p, o == null ? -1 : o.offset()));
      groups.put(group.groupId(), offsets);
    }
    StringBuilder out = new StringBuilder("broker state:\n");
    List<TopicPartition> held = new ArrayList<>();
    for (TopicPartition p : partitions) {
      long end = ends.get(p).offset();
      long lso = stable.get(p).offset();
      if (end == 0) {
        continue;
      }
      if (lso < end) {
        held.add(p);
      }
      out.append("  ").append(p).append(" end=").append(end).append(" lso=").append(lso);
      groups.forEach(
          (group, offsets) -> {
            Long at = offsets.get(p);
            if (at != null) {
              out.append(' ').append(group).append('=').append(at);
            }
          });
      out.append('\n');
    }
    if (!held.isEmpty()) {
      admin
          .describeProducers(held)
          .all()
          .get(10, TimeUnit.SECONDS)
          .forEach(
              (p, d) ->
                  d.activeProducers().stream()
                      .filter(s -> s.currentTransactionStartOffset().isPresent())
                      .forEach(
                          s ->
                              out.append("  open transaction on ")
                                  .append(p)
                                  .append(": producer ")
                                  .append(s.producerId())
                                  .append(" epoch ")
                                  .append(s.producerEpoch())
                                  .append(" since offset ")
                                  .append(s.currentTransactionStartOffset().getAsLong())
                                  .append('\n')));
    }
    return out.toString();
  }
}
