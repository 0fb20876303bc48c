package io.metron.streams.recovery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaClientSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fences the transactional producers of this instance's previous run.
 *
 * <p>Kafka Streams names a stream thread's transactional id after a process id it draws at random
 * on each start (a topology without persistent stores keeps none), so a restarted instance does not
 * fence its dead predecessor by itself: the transaction the dead one left open stays open until the
 * broker times it out, and until then every {@code read_committed} reader of the partitions it
 * wrote stops at it, and the offsets it was committing cannot be read. As the client supplier of
 * the streams it records every transactional id in a file under the data directory; {@link
 * #fencePrevious} fences those of the previous run, which makes the broker abort their open
 * transactions at once.
 */
public final class ProducerFencing implements KafkaClientSupplier {
  private static final Logger LOG = LoggerFactory.getLogger(ProducerFencing.class);
  static final String FILE = "transactional-ids";

  private final Path file;
  private final Set<String> ids = new LinkedHashSet<>();

  /**
   * @param dir where to keep the list of transactional ids (the data directory)
   */
  public ProducerFencing(Path dir) {
    this.file = dir.resolve(FILE);
  }

  /**
   * Fences the transactional ids recorded by the previous run, aborting what they left open, and
   * returns how many there were. Ids that cannot be fenced now (the cluster unreachable) are kept,
   * to be fenced on the next start.
   */
  public synchronized int fencePrevious(Admin admin, Duration timeout)
      throws IOException, InterruptedException {
    List<String> previous = read();
    if (previous.isEmpty()) {
      return 0;
    }
    try {
      admin.fenceProducers(previous).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      LOG.info("Fenced {} transactional producer(s) of the previous run", previous.size());
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn(
          "Could not fence the previous run's transactional producers {} ({}); their open"
              + " transactions end when the broker times them out",
          previous,
          e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
      ids.addAll(previous);
    }
    write();
    return previous.size();
  }

  @Override
  public Admin getAdmin(Map<String, Object> config) {
    return Admin.create(config);
  }

  @Override
  public Producer<byte[], byte[]> getProducer(Map<String, Object> config) {
    Object id = config.get(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
    if (id != null) {
      record(id.toString());
    }
    return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
  }

  @Override
  public Consumer<byte[], byte[]> getConsumer(Map<String, Object> config) {
    return consumer(config);
  }

  @Override
  public Consumer<byte[], byte[]> getRestoreConsumer(Map<String, Object> config) {
    return consumer(config);
  }

  @Override
  public Consumer<byte[], byte[]> getGlobalConsumer(Map<String, Object> config) {
    return consumer(config);
  }

  private static Consumer<byte[], byte[]> consumer(Map<String, Object> config) {
    return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /** Records an id before its producer exists, so a crash right after still leaves it known. */
  private synchronized void record(String id) {
    if (ids.add(id)) {
      try {
        write();
      } catch (IOException e) {
        LOG.warn("Cannot record transactional id {} in {}: {}", id, file, e.getMessage());
      }
    }
  }

  private List<String> read() throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        out.add(line.trim());
      }
    }
    return out;
  }

  private void write() throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(FILE + ".tmp");
    Files.write(tmp, ids, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
