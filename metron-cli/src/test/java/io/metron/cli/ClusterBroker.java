package io.metron.cli;

import io.metron.streams.broker.EmbeddedKafka;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.Uuid;

/**
 * One node of a Kafka cluster on this machine, as its own process: {@code main} runs an {@link
 * EmbeddedKafka} node (broker and controller) until killed, and {@link #startCluster} starts a
 * whole cluster of them as child JVMs, so a test can kill one broker like a machine that dies.
 */
final class ClusterBroker {
  static final String READY = "Kafka node ready";

  /**
   * The broker processes of a cluster (node {@code i} at index {@code i-1}) and its bootstrap
   * servers.
   */
  record Cluster(List<MetronProcess> nodes, String bootstrapServers) implements AutoCloseable {
    /** Waits until every node serves clients. */
    Cluster awaitReady() throws IOException, InterruptedException {
      for (MetronProcess node : nodes) {
        node.awaitReady(Duration.ofSeconds(120));
      }
      return this;
    }

    /**
     * Kills every node: a clean stop of the last nodes would wait for a controller quorum that the
     * first ones took with them.
     */
    @Override
    public void close() throws InterruptedException {
      for (MetronProcess node : nodes) {
        node.kill();
      }
    }
  }

  private ClusterBroker() {}

  /**
   * Usage: {@code ClusterBroker <log dir> <node id> <port> <cluster id> <controller ports, by node
   * id, comma-separated>}. Prints {@link #READY} once the node serves clients.
   */
  public static void main(String[] args) throws Exception {
    List<Integer> controllerPorts =
        Arrays.stream(args[4].split(",")).map(Integer::valueOf).toList();
    EmbeddedKafka node =
        new EmbeddedKafka(
            Path.of(args[0]),
            Integer.parseInt(args[2]),
            Integer.parseInt(args[1]),
            new EmbeddedKafka.Quorum(args[3], controllerPorts));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  node.close();
                  stopped.countDown();
                }));
    String bootstrap = node.start();
    System.out.println(READY + ": node " + args[1] + " on " + bootstrap);
    stopped.await();
  }

  /**
   * Starts {@code size} nodes under {@code dir} (node {@code i} in {@code dir/broker-i}, logging to
   * {@code dir/broker-i.log}); {@link Cluster#awaitReady} waits for them.
   */
  static Cluster start(Path dir, int size) throws IOException {
    List<Integer> ports = new ArrayList<>();
    List<String> controllerPorts = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      ports.add(MetronProcess.freePort());
      controllerPorts.add(Integer.toString(MetronProcess.freePort()));
    }
    String clusterId = Uuid.randomUuid().toString();
    List<MetronProcess> nodes = new ArrayList<>();
    for (int id = 1; id <= size; id++) {
      nodes.add(
          MetronProcess.java(
              dir.resolve("broker-" + id + ".log"),
              "-Xmx512m",
              ClusterBroker.class.getName(),
              READY,
              Map.of(),
              dir.resolve("broker-" + id).toString(),
              Integer.toString(id),
              Integer.toString(ports.get(id - 1)),
              clusterId,
              String.join(",", controllerPorts)));
    }
    return new Cluster(nodes, String.join(",", ports.stream().map(p -> "127.0.0.1:" + p).toList()));
  }
}
