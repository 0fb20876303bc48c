package io.metron.streams.broker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.BrokerIdNotRegisteredException;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the broker registration a killed single-node cluster left behind, before the node starts
 * again.
 *
 * <p>Why: a node killed with its broker registered comes back to a controller that, reading its
 * metadata log, still holds the dead incarnation's registration and gives it a full session from
 * its own start. The new broker's registration is refused ({@code DUPLICATE_BROKER_REGISTRATION})
 * until that session ends: 5 to 6 s, about half of a restart. Unregistering the dead incarnation
 * while the new broker is still registering could instead remove the new one, if the controller
 * handled the request after the old session had ended; nothing in the request names which
 * incarnation it means.
 *
 * <p>So this runs the node's controller alone first, with no broker at all, unregisters the broker,
 * and stops the controller again; only then does the node start with both roles. There is no race:
 * the only broker that can hold this id is this node's, and it has not started. That the dead
 * incarnation is dead is certain, not guessed: the controller locks the data directory, which a
 * live node would hold. Only for a quorum of one: in a larger cluster another controller, which
 * outlived the node, has been counting the dead broker's session all along.
 */
final class DeadIncarnation {
  private static final Logger LOG = LoggerFactory.getLogger(DeadIncarnation.class);

  /** Kafka writes it to each log directory on a clean shutdown and removes it on start. */
  static final String CLEAN_SHUTDOWN_MARKER = ".kafka_cleanshutdown";

  private DeadIncarnation() {}

  /** True if the node in {@code logDir} ran before and did not stop cleanly. */
  static boolean leftBehind(Path logDir) {
    return Files.exists(logDir.resolve("meta.properties"))
        && !Files.exists(logDir.resolve(CLEAN_SHUTDOWN_MARKER));
  }

  /**
   * Starts the controller alone on the node's metadata log, unregisters broker {@code nodeId}, and
   * stops the controller. Returns true if it unregistered a broker; false if none was registered,
   * or if it could not (then the node's start waits for the old session to end, as Kafka does).
   *
   * @param controllerOnly the node's configuration with {@code process.roles=controller}
   * @param controllerAddress the controller listener, {@code host:port}
   */
  static boolean retire(Properties controllerOnly, int nodeId, String controllerAddress) {
    long start = System.nanoTime();
    KafkaRaftServer controller =
        new KafkaRaftServer(new KafkaConfig(controllerOnly, false), Time.SYSTEM);
    try {
      controller.startup();
      try (Admin admin =
          Admin.create(
              Map.of(
                  AdminClientConfig.BOOTSTRAP_CONTROLLERS_CONFIG, controllerAddress,
                  AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000,
                  AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000))) {
        admin.unregisterBroker(nodeId).all().get();
      }
      LOG.info(
          "the previous run of this Kafka node was killed: retired its broker registration in {}"
              + " ms, so the broker need not wait for the dead one's session to end",
          (System.nanoTime() - start) / 1_000_000);
      return true;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof BrokerIdNotRegisteredException) {
        return false;
      }
      LOG.warn(
          "could not retire the killed run's broker registration ({}); the broker will register"
              + " once the dead one's session ends",
          e.getCause().toString());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (RuntimeException e) {
      // The node's own start reports whatever stops the controller, with its context.
      LOG.warn(
          "could not start the controller alone to retire the killed run's broker: {}",
          e.toString());
      return false;
    } finally {
      controller.shutdown();
      controller.awaitShutdown();
    }
  }
}
