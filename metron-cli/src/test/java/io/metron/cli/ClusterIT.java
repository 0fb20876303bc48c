package io.metron.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.metron.core.message.MessageCodec;
import io.metron.streams.indexing.IndexingWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The cluster mode end to end, with its failures: three Kafka brokers as separate processes
 * (replication factor 3), two {@code metron run} instances and an OpenSearch node. Under a steady
 * load one instance is killed, then one broker; afterwards every event whose send Kafka
 * acknowledged is in OpenSearch exactly once. The time the survivor took to take over is printed
 * (docs/cluster.md), not asserted; the liveness bounds are generous.
 */
class ClusterIT {
  /**
   * Events a second: what one instance, alone after the other died and with its backlog, keeps
   * ahead of on the saturated 2-core build machine (at 250 a second it caught up only after 107 s).
   */
  private static final int RATE = 120;

  private static final Duration LIVENESS = Duration.ofSeconds(90);
  private static final String STREAMS_GROUP = "metron";
  private static final Pattern INSTANCE_ID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  // kept when the test fails: the brokers' and instances' logs are in it
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  @Test
  void aDeadInstanceAndADeadBrokerLoseAndRepeatNothing() throws Exception {
    Path conf = dir.resolve("conf");
    MetronProcess.writeBroParser(conf);
    // Batches of up to 200 per bulk request: Metron's default batchSize of 1 makes every event its
    // own round trip to OpenSearch, which a busy 2-core machine does some tens of times a second.
    Files.createDirectories(conf.resolve("indexing"));
    Files.writeString(
        conf.resolve("indexing/bro.json"),
        "{\"elasticsearch\": {\"index\": \"bro\", \"batchSize\": 200, \"batchTimeout\": 1,"
            + " \"enabled\": true}}");
    try (ClusterBroker.Cluster cluster = ClusterBroker.start(dir, 3);
        OpenSearchNode search = OpenSearchNode.start(dir.resolve("opensearch"), "metron-cluster")) {
      String kafka = cluster.awaitReady().bootstrapServers();
      StringWriter out = new StringWriter();
      CommandLine cli = MetronCommand.commandLine();
      cli.setOut(new PrintWriter(out, true));
      assertThat(cli.execute("config", "push", conf.toString(), "--kafka", kafka)).isZero();

      Path dataA = dir.resolve("a");
      Path dataB = dir.resolve("b");
      MetronProcess a = instance(kafka, search, dataA, "a");
      MetronProcess b = instance(kafka, search, dataB, "b");
      try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka));
          Load load = new Load(kafka)) {
        a.awaitReady(Duration.ofSeconds(180));
        b.awaitReady(Duration.ofSeconds(180));
        String idA = instanceId(dataA);
        String idB = instanceId(dataB);
        // Both instances hold partitions of the stream application and of the indexing writers.
        await(
            "both instances in both groups",
            () ->
                owners(admin, STREAMS_GROUP).containsAll(Set.of(idA, idB))
                    && owners(admin, IndexingWriter.GROUP).containsAll(Set.of(idA, idB)));
        load.start();
        await("events indexed", () -> indexed(search, Integer.MAX_VALUE) > 0);
        // Every topic, Metron's and Kafka's internal ones (__transaction_state comes with the first
        // transaction), is on all three brokers.
        for (TopicDescription topic : topics(admin)) {
          assertThat(topic.partitions())
              .as(topic.name())
              .allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
        }

        Thread.sleep(5_000);

        long killed = System.nanoTime();
        assertThat(a.kill()).isEqualTo(137);
        int sentAtKill = load.sent();
        await(
            "the survivor alone in both groups",
            () ->
                owners(admin, STREAMS_GROUP).equals(Set.of(idB))
                    && owners(admin, IndexingWriter.GROUP).equals(Set.of(idB)));
        double regrouped = seconds(killed);
        awaitIndexed("the events sent before the kill", search, admin, sentAtKill, sentAtKill);
        System.out.printf(
            "ClusterIT: instance a killed; b held every partition after %.1f s and had indexed"
                + " the %d events sent before the kill after %.1f s%n",
            regrouped, sentAtKill, seconds(killed));

        // Kill the broker that coordinates the stream application's group, under the same load.
        int coordinator = coordinator(admin);
        long brokerKilled = System.nanoTime();
        assertThat(cluster.nodes().get(coordinator - 1).kill()).isEqualTo(137);
        int sentAtBrokerKill = load.sent();
        awaitIndexed(
            "the events sent before the broker died",
            search,
            admin,
            sentAtBrokerKill,
            sentAtBrokerKill);
        System.out.printf(
            "ClusterIT: broker %d killed; the %d events sent before were indexed after %.1f s%n",
            coordinator, sentAtBrokerKill, seconds(brokerKilled));
        Thread.sleep(5_000);
        load.close();

        Set<String> accepted = load.accepted();
        assertThat(load.failed()).as("sends Kafka refused").isEmpty();
        awaitIndexed("every accepted event", search, admin, Integer.MAX_VALUE, accepted.size());
        Thread.sleep(3_000); // a duplicate written late would show here
        search.request("POST", "/bro_index_*/_refresh", null);
        Map<String, Long> uids = uidCounts(search);
        System.out.printf(
            "ClusterIT: %d events accepted, %d indexed%n",
            accepted.size(), indexed(search, Integer.MAX_VALUE));
        assertThat(indexed(search, Integer.MAX_VALUE)).isEqualTo(accepted.size());
        assertThat(uids.keySet()).isEqualTo(accepted);
        assertThat(uids.values()).containsOnly(1L);
      } finally {
        a.kill();
        b.stop();
      }
    }
  }

  private MetronProcess instance(String kafka, OpenSearchNode search, Path data, String name)
      throws Exception {
    return MetronProcess.start(
        dir.resolve(name + ".log"),
        "run",
        "--kafka",
        kafka,
        "--opensearch",
        search.url().toString(),
        "--data",
        data.toString(),
        "--partitions",
        "4",
        "--no-http");
  }

  /** A steady stream of Bro events into {@code bro}, with the uids Kafka acknowledged. */
  private static final class Load implements AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();
    private final Set<String> failed = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger sent = new AtomicInteger();
    private Thread thread;

    Load(String kafka) {
      // acks=all: every in-sync replica has it before the send counts; idempotent (the client's
      // default): a retry after a broker dies neither loses nor doubles an event
      producer = MetronProcess.producer(kafka);
    }

    void start() {
      thread = Thread.ofPlatform().name("cluster-load").start(this::run);
    }

    private void run() {
      long start = System.nanoTime();
      while (running.get()) {
        long due = (System.nanoTime() - start) * RATE / TimeUnit.SECONDS.toNanos(1);
        while (sent.get() < due) {
          int i = sent.get();
          String uid = "E" + i;
          producer.send(
              new ProducerRecord<>("bro", uid.getBytes(StandardCharsets.UTF_8), event(i)),
              (metadata, error) -> (error == null ? accepted : failed).add(uid));
          sent.incrementAndGet();
        }
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    /** Events handed to the producer so far: {@code seq} 0 to this, less one. */
    int sent() {
      return sent.get();
    }

    /** A Bro conn record, uid {@code E<i>}, carrying its place in the load as {@code seq}. */
    private static byte[] event(int i) {
      return ("{\"conn\": {\"ts\": 1764300000."
              + (i % 1000)
              + ", \"uid\": \"E"
              + i
              + "\", \"seq\": "
              + i
              + ", \"id.orig_h\": \"10.0.0."
              + (i % 250)
              + "\", \"id.orig_p\": 40000, \"id.resp_h\": \"8.8.8.8\", \"id.resp_p\": 53,"
              + " \"proto\": \"udp\"}}")
          .getBytes(StandardCharsets.UTF_8);
    }

    Set<String> accepted() {
      return Set.copyOf(accepted);
    }

    Set<String> failed() {
      return Set.copyOf(failed);
    }

    /** Stops sending and waits for every send's answer. */
    @Override
    public void close() throws InterruptedException {
      running.set(false);
      if (thread != null) {
        thread.join();
      }
      producer.close(Duration.ofSeconds(150));
    }
  }

  private static String instanceId(Path data) throws Exception {
    return Files.readString(data.resolve("instance.id"), StandardCharsets.UTF_8).trim();
  }

  /** The instances (by instance id) that hold at least one partition in a stable group. */
  private static Set<String> owners(Admin admin, String group) {
    try {
      ConsumerGroupDescription description =
          admin.describeConsumerGroups(List.of(group)).all().get(10, TimeUnit.SECONDS).get(group);
      Set<String> owners = new HashSet<>();
      if (description.groupState() != GroupState.STABLE) {
        return owners;
      }
      for (MemberDescription member : description.members()) {
        // static membership names each member metron-<role>-<instance id>[-<thread>]
        Matcher instance = INSTANCE_ID.matcher(member.groupInstanceId().orElse(""));
        if (!member.assignment().topicPartitions().isEmpty() && instance.find()) {
          owners.add(instance.group());
        }
      }
      return owners;
    } catch (Exception e) {
      return Set.of();
    }
  }

  private static int coordinator(Admin admin) throws Exception {
    return admin
        .describeConsumerGroups(List.of(STREAMS_GROUP))
        .all()
        .get(10, TimeUnit.SECONDS)
        .get(STREAMS_GROUP)
        .coordinator()
        .id();
  }

  private static List<TopicDescription> topics(Admin admin) throws Exception {
    Set<String> names = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
    assertThat(names).contains("bro", "enrichments", "indexing", "metron.config", "metron.tables");
    assertThat(names).contains("__consumer_offsets", "__transaction_state");
    return new ArrayList<>(admin.describeTopics(names).allTopicNames().get().values());
  }

  /**
   * Documents in the Bro indices of events sent before the {@code before}th, or -1 while OpenSearch
   * cannot answer (a new index whose shard is not yet allocated refuses searches).
   */
  private static long indexed(OpenSearchNode search, int before) {
    try {
      JsonNode count =
          MessageCodec.JSON.readTree(
              search.request(
                  "POST",
                  "/bro_index_*/_count?allow_no_indices=true",
                  "{\"query\": {\"range\": {\"seq\": {\"lt\": " + before + "}}}}"));
      return count.path("count").asLong();
    } catch (Exception | AssertionError e) {
      return -1;
    }
  }

  /** Documents per uid, every uid in the Bro indices (a composite aggregation, page by page). */
  private static Map<String, Long> uidCounts(OpenSearchNode search) throws Exception {
    Map<String, Long> counts = new java.util.HashMap<>();
    String after = "";
    while (true) {
      JsonNode page =
          MessageCodec.JSON.readTree(
              search.request(
                  "POST",
                  "/bro_index_*/_search",
                  "{\"size\": 0, \"aggs\": {\"uids\": {\"composite\": {\"size\": 5000,"
                      + " \"sources\": [{\"uid\": {\"terms\": {\"field\": \"uid\"}}}]"
                      + after
                      + "}}}}"));
      JsonNode uids = page.path("aggregations").path("uids");
      if (uids.path("buckets").isEmpty()) {
        return counts;
      }
      for (JsonNode bucket : uids.path("buckets")) {
        counts.put(bucket.path("key").path("uid").asText(), bucket.path("doc_count").asLong());
      }
      after = ", \"after\": " + uids.path("after_key");
    }
  }

  /**
   * Waits for {@code target} documents of events sent before the {@code before}th, printing the
   * count every 10 s.
   */
  private static void awaitIndexed(
      String what, OpenSearchNode search, Admin admin, int before, long target)
      throws InterruptedException {
    long[] next = {System.nanoTime()};
    try {
      await(
          what + " indexed (" + target + ")",
          () -> {
            long count = indexed(search, before);
            if (System.nanoTime() >= next[0]) {
              System.out.printf("ClusterIT: %s: %d of %d indexed%n", what, count, target);
              next[0] += TimeUnit.SECONDS.toNanos(10);
            }
            return count >= target;
          });
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\n" + positions(admin), e);
    }
  }

  /**
   * Where the groups are, for a failure message: per partition the committed offset and the
   * read_committed end, the group's members and the open transactions.
   */
  private static String positions(Admin admin) {
    StringBuilder out = new StringBuilder();
    try {
      for (String[] topicGroup :
          new String[][] {{"bro", STREAMS_GROUP}, {"indexing", IndexingWriter.GROUP}}) {
        String topic = topicGroup[0];
        String group = topicGroup[1];
        int partitions =
            admin
                .describeTopics(List.of(topic))
                .allTopicNames()
                .get()
                .get(topic)
                .partitions()
                .size();
        Map<TopicPartition, OffsetSpec> ends = new java.util.HashMap<>();
        for (int p = 0; p < partitions; p++) {
          ends.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        var end =
            admin
                .listOffsets(ends, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                .all()
                .get();
        var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        out.append(topic).append(" (committed/end):");
        for (int p = 0; p < partitions; p++) {
          TopicPartition tp = new TopicPartition(topic, p);
          OffsetAndMetadata at = committed.get(tp);
          out.append(' ').append(p).append('=').append(at == null ? -1 : at.offset());
          out.append('/').append(end.get(tp).offset());
        }
        ConsumerGroupDescription description =
            admin.describeConsumerGroups(List.of(group)).all().get().get(group);
        out.append("; ").append(group).append(' ').append(description.groupState());
        for (MemberDescription member : description.members()) {
          out.append(' ').append(member.groupInstanceId().orElse("?"));
          out.append(member.assignment().topicPartitions());
        }
        out.append('\n');
      }
      for (var tx : admin.listTransactions().all().get()) {
        out.append("transaction ").append(tx.transactionalId()).append(' ').append(tx.state());
        out.append('\n');
      }
    } catch (Exception e) {
      out.append("(cannot describe: ").append(e.getMessage()).append(')');
    }
    return out.toString();
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + LIVENESS.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + LIVENESS.toSeconds() + " s: " + what);
      }
      Thread.sleep(250);
    }
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
