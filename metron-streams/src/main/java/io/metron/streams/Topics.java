package io.metron.streams;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Metron's topic names, kept as Metron named them so existing producers and consumers connect. */
public final class Topics {
  public static final String ENRICHMENTS = "enrichments";
  public static final String INDEXING = "indexing";
  public static final String PCAP = "pcap";
  public static final String ESCALATION = "escalation";

  private Topics() {}

  /** The topics every deployment has, whatever its sensors. */
  public static List<String> standard() {
    return List.of(ENRICHMENTS, INDEXING, PCAP, ESCALATION);
  }

  /**
   * Connects to {@code bootstrapServers} and creates the topics that do not exist yet, replicated
   * to as many brokers as the cluster has, up to 3.
   *
   * @return the replication factor used, for the stream apps' own internal topics
   * @throws IOException when Kafka cannot be reached
   */
  public static short ensure(String bootstrapServers, Collection<String> names, int partitions)
      throws IOException, InterruptedException {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      short replication =
          (short) Math.min(3, admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size());
      ensure(admin, names, partitions, replication);
      return replication;
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("cannot reach Kafka at " + bootstrapServers + ": " + e.getMessage(), e);
    }
  }

  /**
   * Creates the topics that do not exist yet.
   *
   * @param partitions partitions for new topics; existing topics are left as they are
   */
  public static void ensure(
      Admin admin, Collection<String> names, int partitions, short replication)
      throws InterruptedException {
    try {
      Set<String> existing = admin.listTopics().names().get();
      List<NewTopic> missing = new ArrayList<>();
      for (String name : names) {
        if (!existing.contains(name)) {
          missing.add(new NewTopic(name, partitions, replication));
        }
      }
      if (missing.isEmpty()) {
        return;
      }
      admin.createTopics(missing).all().get();
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException(
            "cannot create Kafka topics " + names + ": " + e.getCause().getMessage(), e.getCause());
      }
    }
  }
}
