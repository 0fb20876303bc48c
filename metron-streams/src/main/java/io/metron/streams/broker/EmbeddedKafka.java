package io.metron.streams.broker;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A Kafka broker in KRaft mode (broker and controller in one), running inside this JVM: by default
 * a single-node cluster, or one node of a cluster on this machine ({@link Quorum}).
 *
 * <p>A single node that was killed retires its dead broker registration before it starts again
 * ({@link DeadIncarnation}), so its restart does not wait out the dead broker's session.
 *
 * <p>The first start formats the log directory; later starts reuse it, so topics, data and
 * committed offsets survive restarts. Transactions work, which the pipeline's exactly-once
 * processing needs: a single node replicates everything once; a node of a cluster of three or more
 * replicates the internal topics (offsets, transactions) and new topics three times and needs two
 * in-sync replicas for a write, so the cluster carries on when one node dies. Not thread-safe:
 * start and stop from one thread.
 */
public final class EmbeddedKafka implements AutoCloseable {
  private static final String CONTROLLER = "CONTROLLER";

  /**
   * The controller quorum a node belongs to: every node of a local cluster runs a controller, node
   * {@code i} (from 1) on {@code 127.0.0.1:controllerPorts[i-1]}, and all are formatted with the
   * same cluster id.
   *
   * @param clusterId the cluster id (a Kafka {@link Uuid} in base64), or null for a random one (a
   *     single node)
   * @param controllerPorts the controller port of each node, by node id
   */
  public record Quorum(String clusterId, List<Integer> controllerPorts) {
    public Quorum {
      controllerPorts = List.copyOf(controllerPorts);
    }

    /** A quorum of one, this node alone. */
    static Quorum single() {
      return new Quorum(null, List.of(freePort()));
    }

    /** The static voter list, {@code 1@127.0.0.1:port1,2@...}. */
    String voters() {
      StringBuilder voters = new StringBuilder();
      for (int i = 0; i < controllerPorts.size(); i++) {
        voters.append(i == 0 ? "" : ",").append(i + 1).append("@127.0.0.1:");
        voters.append(controllerPorts.get(i));
      }
      return voters.toString();
    }

    /** Replicas of each partition: as many as there are nodes, up to 3. */
    int replication() {
      return Math.min(3, controllerPorts.size());
    }

    /** In-sync replicas a write needs: 2 of 3, so one node can die; otherwise all of them. */
    int minInSync() {
      return replication() >= 3 ? 2 : replication();
    }
  }

  private final Path logDir;
  private final int port;
  private final int nodeId;
  private final Quorum quorum;
  private KafkaRaftServer server;
  private boolean retiredDeadIncarnation;

  /**
   * A single-node cluster.
   *
   * @param logDir where the broker keeps its data
   * @param port the client port on 127.0.0.1; 0 picks a free one
   */
  public EmbeddedKafka(Path logDir, int port) {
    this(logDir, port, 1, Quorum.single());
  }

  /**
   * One node of a cluster on this machine.
   *
   * @param logDir where the broker keeps its data
   * @param port the client port on 127.0.0.1; 0 picks a free one
   * @param nodeId this node's id, from 1 to the size of the quorum
   * @param quorum the controller quorum of the cluster
   */
  public EmbeddedKafka(Path logDir, int port, int nodeId, Quorum quorum) {
    if (nodeId < 1 || nodeId > quorum.controllerPorts().size()) {
      throw new IllegalArgumentException(
          "node id " + nodeId + " is not in the quorum of " + quorum.controllerPorts().size());
    }
    this.logDir = logDir;
    this.port = port == 0 ? freePort() : port;
    this.nodeId = nodeId;
    this.quorum = quorum;
  }

  /** Formats the data directory if new, starts the broker, and returns its bootstrap address. */
  public String start() throws IOException {
    Files.createDirectories(logDir);
    requirePortFree(port);
    KafkaConfig config = new KafkaConfig(properties(), false);
    if (!Files.exists(logDir.resolve("meta.properties"))) {
      format();
    } else if (quorum.controllerPorts().size() == 1 && DeadIncarnation.leftBehind(logDir)) {
      retiredDeadIncarnation =
          DeadIncarnation.retire(controllerOnlyProperties(), nodeId, controllerAddress());
    }
    server = new KafkaRaftServer(config, Time.SYSTEM);
    server.startup();
    return bootstrapServers();
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  /**
   * True if the last {@link #start} found that the previous run was killed and removed its broker
   * registration before starting ({@link DeadIncarnation}).
   */
  public boolean retiredDeadIncarnation() {
    return retiredDeadIncarnation;
  }

  private String controllerAddress() {
    return "127.0.0.1:" + quorum.controllerPorts().get(nodeId - 1);
  }

  private Properties properties() {
    Properties p = controllerOnlyProperties();
    p.put("process.roles", "broker,controller");
    String replication = Integer.toString(quorum.replication());
    String minInSync = Integer.toString(quorum.minInSync());
    p.put(
        "listeners",
        "PLAINTEXT://127.0.0.1:" + port + "," + CONTROLLER + "://" + controllerAddress());
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER + ":PLAINTEXT");
    p.put("num.partitions", "1");
    p.put("default.replication.factor", replication);
    p.put("min.insync.replicas", minInSync);
    p.put("offsets.topic.replication.factor", replication);
    p.put("offsets.topic.num.partitions", "4");
    p.put("transaction.state.log.replication.factor", replication);
    p.put("transaction.state.log.min.isr", minInSync);
    p.put("transaction.state.log.num.partitions", "4");
    p.put("share.coordinator.state.topic.replication.factor", replication);
    p.put("share.coordinator.state.topic.min.isr", minInSync);
    p.put("group.initial.rebalance.delay.ms", "0");
    // A transaction left open by a killed producer that nobody fences holds back every
    // read_committed reader of its partitions until it is aborted: look for timed-out ones every
    // second rather than every ten.
    p.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");
    p.put("auto.create.topics.enable", "true");
    p.put("broker.heartbeat.interval.ms", "500");
    return p;
  }

  /** This node's controller alone, on the same metadata log and controller listener. */
  private Properties controllerOnlyProperties() {
    Properties p = new Properties();
    p.put("process.roles", "controller");
    p.put("node.id", Integer.toString(nodeId));
    p.put("controller.quorum.voters", quorum.voters());
    p.put("listeners", CONTROLLER + "://" + controllerAddress());
    p.put("controller.listener.names", CONTROLLER);
    p.put("listener.security.protocol.map", CONTROLLER + ":PLAINTEXT");
    p.put("log.dirs", logDir.toAbsolutePath().toString());
    // A killed node's broker registration blocks its successor's until the session ends (9 s by
    // default). A single node retires it before starting (DeadIncarnation); in a cluster the
    // controllers that outlived the node count it down, so it is shortened: with heartbeats every
    // 500 ms, 6 s is still twelve missed beats, safe from a busy moment.
    p.put("broker.session.timeout.ms", "6000");
    return p;
  }

  private void format() throws IOException {
    String dir = logDir.toAbsolutePath().toString();
    try {
      new Formatter()
          .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
          .setNodeId(nodeId)
          .setClusterId(
              quorum.clusterId() == null ? Uuid.randomUuid().toString() : quorum.clusterId())
          .setDirectories(List.of(dir))
          .setMetadataLogDirectory(dir)
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
          .setControllerListenerName(CONTROLLER)
          .run();
    } catch (Exception e) {
      throw new IOException(
          "cannot format the Kafka data directory " + dir + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    if (server != null) {
      server.shutdown();
      server.awaitShutdown();
      server = null;
    }
  }

  private static void requirePortFree(int port) throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress("127.0.0.1", port));
    } catch (IOException e) {
      throw new IOException(
          "port "
              + port
              + " on 127.0.0.1 is in use, so the embedded Kafka broker cannot listen there: stop"
              + " what uses it, choose another with --kafka-port, or use an existing cluster with"
              + " --kafka",
          e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("no free local port", e);
    }
  }
}
