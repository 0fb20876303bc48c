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
 * A single-node Kafka broker in KRaft mode, running inside this JVM.
 *
 * <p>The first start formats the log directory; later starts reuse it, so topics, data and
 * committed offsets survive restarts. Transactions work (replication factors are 1), which the
 * pipeline's exactly-once processing needs. Not thread-safe: start and stop from one thread.
 */
public final class EmbeddedKafka implements AutoCloseable {
  private static final String CONTROLLER = "CONTROLLER";

  private final Path logDir;
  private final int port;
  private final int controllerPort;
  private KafkaRaftServer server;

  /**
   * @param logDir where the broker keeps its data
   * @param port the client port on 127.0.0.1; 0 picks a free one
   */
  public EmbeddedKafka(Path logDir, int port) {
    this.logDir = logDir;
    this.port = port == 0 ? freePort() : port;
    this.controllerPort = freePort();
  }

  /** Formats the data directory if new, starts the broker, and returns its bootstrap address. */
  public String start() throws IOException {
    Files.createDirectories(logDir);
    requirePortFree(port);
    KafkaConfig config = new KafkaConfig(properties(), false);
    if (!Files.exists(logDir.resolve("meta.properties"))) {
      format();
    }
    server = new KafkaRaftServer(config, Time.SYSTEM);
    server.startup();
    return bootstrapServers();
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  private Properties properties() {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    p.put(
        "listeners",
        "PLAINTEXT://127.0.0.1:" + port + "," + CONTROLLER + "://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
    p.put("controller.listener.names", CONTROLLER);
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER + ":PLAINTEXT");
    p.put("log.dirs", logDir.toAbsolutePath().toString());
    p.put("num.partitions", "1");
    p.put("default.replication.factor", "1");
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "4");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "4");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    // A transaction left open by a killed producer that nobody fences holds back every
    // read_committed reader of its partitions until it is aborted: look for timed-out ones every
    // second rather than every ten.
    p.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");
    p.put("auto.create.topics.enable", "true");
    // After a SIGKILL the restarted node's controller still holds the dead incarnation's broker
    // registration and refuses the new one (DUPLICATE_BROKER_REGISTRATION) until that session
    // expires: 9 s by default, most of a restart on a quiet machine. Heartbeats every 500 ms let a
    // 6 s session be safe from a busy moment (twelve missed beats) while shortening the wait.
    p.put("broker.heartbeat.interval.ms", "500");
    p.put("broker.session.timeout.ms", "6000");
    return p;
  }

  private void format() throws IOException {
    String dir = logDir.toAbsolutePath().toString();
    try {
      new Formatter()
          .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
          .setNodeId(1)
          .setClusterId(Uuid.randomUuid().toString())
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
