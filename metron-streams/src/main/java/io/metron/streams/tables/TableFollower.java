package io.metron.streams.tables;

import io.metron.pipeline.load.TableRow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this instance's local tables in step with the {@value TableTopic#TOPIC} topic: a thread
 * reads the whole topic from its start (it is compacted, so that is the whole table, latest value
 * of each row) and then follows it, writing each row into the local {@link TableStore}. The
 * pipeline's {@link Tables} reader sees the rows within its refresh interval, so a {@code metron
 * load} on any instance answers lookups on every instance within seconds.
 *
 * <p>The follower is the local store's one writer while it runs. It reads no consumer group and
 * commits no offsets: each start re-applies the topic, which is idempotent (a row written again
 * replaces itself).
 */
public final class TableFollower implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TableFollower.class);

  private final TableStore store;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Thread thread;
  private final AtomicLong applied = new AtomicLong();
  private volatile boolean running = true;

  private TableFollower(TableStore store, KafkaConsumer<byte[], byte[]> consumer) {
    this.store = store;
    this.consumer = consumer;
    this.thread = Thread.ofPlatform().daemon().name("metron-tables-follower").unstarted(this::run);
  }

  /**
   * Creates the topic if needed, takes the local store for writing and starts following.
   *
   * @throws IOException when Kafka cannot be reached, or another process (a local {@code metron
   *     load}) is writing the store
   */
  public static TableFollower start(String bootstrapServers, Path dataDir)
      throws IOException, InterruptedException {
    TableTopic.ensure(bootstrapServers);
    TableStore store = TableStore.openForWriting(dataDir);
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    TableFollower follower = new TableFollower(store, consumer);
    follower.thread.start();
    return follower;
  }

  /** Rows written into the local store since the start. */
  public long applied() {
    return applied.get();
  }

  private void run() {
    try {
      List<TopicPartition> partitions = new ArrayList<>();
      consumer
          .partitionsFor(TableTopic.TOPIC, Duration.ofSeconds(60))
          .forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      boolean caughtUp = false;
      while (running) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
        apply(records);
        if (!caughtUp && reached(end)) {
          caughtUp = true;
          LOG.info("Tables caught up with {}: {} rows applied", TableTopic.TOPIC, applied.get());
        }
      }
    } catch (WakeupException e) {
      // close() stops the loop
    } catch (RuntimeException e) {
      if (running) {
        LOG.error("The tables follower stopped: {}", e.getMessage(), e);
      }
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void apply(ConsumerRecords<byte[], byte[]> records) {
    if (records.isEmpty()) {
      return;
    }
    List<TableRow> rows = new ArrayList<>(records.count());
    for (ConsumerRecord<byte[], byte[]> record : records) {
      TableRow row = TableTopic.row(record.key(), record.value());
      if (row == null) {
        LOG.warn(
            "Skipping a record of {} at offset {} that is not a table row: key {}",
            TableTopic.TOPIC,
            record.offset(),
            record.key() == null ? "null" : new String(record.key(), StandardCharsets.UTF_8));
        continue;
      }
      rows.add(row);
    }
    // A storage failure is retried from the same records: the follower cannot go on without them.
    while (running) {
      try {
        store.write(rows);
        applied.addAndGet(rows.size());
        return;
      } catch (IOException e) {
        LOG.warn("Cannot write followed rows to the local tables, retrying: {}", e.getMessage());
        try {
          Thread.sleep(1000);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private boolean reached(Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    consumer.wakeup();
    thread.join(10_000);
    store.close();
  }
}
