package io.metron.streams.indexing;

import io.metron.core.config.Configs;
import io.metron.core.message.ErrorMessage;
import io.metron.core.message.ErrorType;
import io.metron.core.message.Guids;
import io.metron.core.message.Message;
import io.metron.core.message.MessageCodec;
import io.metron.core.message.MessageFields;
import io.metron.core.message.MessageFormatException;
import io.metron.pipeline.parse.expr.ExpressionEngine;
import io.metron.streams.Topics;
import io.metron.streams.metrics.Histogram;
import io.metron.streams.metrics.Metrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CloseOptions.GroupMembershipOperation;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes {@code indexing} and writes every message to one writer: the search store or the
 * archive.
 *
 * <p>No loss, no duplicates: the store is committed before the consumer's offsets, so a crash
 * between the two replays records the store already has, and the store replaces them by guid (guids
 * are derived from input positions, so a replay carries the same ones). It reads only committed
 * transactions, so nothing a crashed upstream task wrote and then aborted is indexed. Bytes that
 * are not a message are indexed as an {@code indexing_error}. Runs on its own thread.
 */
public final class IndexingWriter implements Runnable, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IndexingWriter.class);

  /**
   * How long the group waits for a member that stopped heartbeating (the broker's minimum is 6 s).
   */
  public static final int SESSION_TIMEOUT_MS = 10_000;

  /**
   * What a writer is: the consumer group it reads {@code indexing} with (Metron's {@code
   * indexing-ra} for the search index, {@code indexing-batch} for the archive), the writer names in
   * {@code indexing/<sensor>.json} that enable it, and the label of its metrics.
   */
  public record Kind(String group, List<String> configNames, String label) {
    public static final Kind SEARCH =
        new Kind("indexing-ra", List.of("elasticsearch", "solr"), "search");
    public static final Kind ARCHIVE = new Kind("indexing-batch", List.of("hdfs"), "archive");
  }

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final BatchWriter store;
  private final Kind kind;
  private final IndexingSettings settings;
  private final Map<String, Batch> batches = new LinkedHashMap<>();
  private final Clock clock;
  private final String hostname;
  private final Duration commitInterval;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong indexed = new AtomicLong();
  private final LongAdder indexedCount;
  private final LongAdder errorCount;
  private final Histogram latency;
  private volatile Throwable failure;
  private boolean pending;

  /** Arrival times of the records written since the last commit, for the latency histogram. */
  private final LongList arrivals = new LongList();

  public IndexingWriter(
      Kind kind,
      String bootstrapServers,
      BatchWriter store,
      Supplier<Configs> configs,
      Clock clock,
      String hostname,
      Duration commitInterval,
      String groupInstanceId,
      Metrics metrics) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, kind.group());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    // Static membership: a restarted instance takes its partitions back at once; the session
    // timeout only bounds how long the partitions of an instance that is gone for good wait.
    props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, groupInstanceId);
    props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, SESSION_TIMEOUT_MS);
    this.consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.store = store;
    this.kind = kind;
    this.settings = new IndexingSettings(kind, configs, ExpressionEngine.standard());
    this.clock = clock;
    this.hostname = hostname;
    this.commitInterval = commitInterval;
    this.indexedCount =
        metrics.counter(
            "metron_indexed_total",
            "Messages written by an indexing writer.",
            "writer",
            kind.label());
    this.errorCount =
        metrics.counter(
            "metron_index_errors_total",
            "Records on the indexing topic that were not messages.",
            "writer",
            kind.label());
    this.latency =
        metrics.histogram(
            "metron_end_to_end_latency_seconds",
            "From a record's arrival on its sensor topic to its commit by a writer.",
            "writer",
            kind.label());
    metrics.gauge(
        "metron_index_lag_records",
        "Records on the indexing topic not yet read by this instance.",
        this::lag,
        "writer",
        kind.label());
  }

  private volatile double lastLag;

  private double lag() {
    return lastLag;
  }

  /** How many messages this writer has written to the store. */
  public long indexed() {
    return indexed.get();
  }

  /** The error that stopped the writer, or null while it runs or after a clean stop. */
  public Throwable failure() {
    return failure;
  }

  @Override
  public void run() {
    consumer.subscribe(List.of(Topics.INDEXING), new CommitOnRevoke());
    long lastCommit = clock.millis();
    try {
      while (running.get()) {
        ConsumerRecords<byte[], byte[]> records;
        try {
          records = consumer.poll(Duration.ofMillis(100));
        } catch (WakeupException e) {
          break;
        } catch (KafkaException e) {
          LOG.warn("The {} writer could not poll; will retry: {}", kind.label(), e.getMessage());
          continue;
        }
        long now = clock.millis();
        for (ConsumerRecord<byte[], byte[]> record : records) {
          Message message = decode(record);
          if (message == null) {
            continue;
          }
          Batch batch = batches.computeIfAbsent(message.sourceType(), Batch::new);
          batch.add(message, record, now);
          if (batch.size() >= settings.of(batch.sensor).batchSize()) {
            flush(batch);
          }
        }
        if (!records.isEmpty()) {
          lastLag = consumerLag();
        }
        for (Batch batch : batches.values()) {
          if (batch.size() > 0
              && now - batch.firstAt >= settings.of(batch.sensor).batchTimeoutMillis()) {
            flush(batch);
          }
        }
        if (pending && now - lastCommit >= commitInterval.toMillis()) {
          commit();
          lastCommit = now;
        }
      }
      flushAll();
      if (pending) {
        commit();
      }
    } catch (Exception e) {
      failure = e;
      LOG.error("The {} writer stopped: {}", kind.label(), e.getMessage(), e);
    } finally {
      // Leaving the group hands the partitions to other instances now rather than after the
      // session timeout; a restart of this instance joins afresh either way.
      consumer.close(CloseOptions.groupMembershipOperation(GroupMembershipOperation.LEAVE_GROUP));
    }
  }

  /** Hands a sensor's batch to the store; it becomes durable at the next commit. */
  private void flush(Batch batch) throws IOException {
    store.write(settings.of(batch.sensor), batch.messages);
    indexed.addAndGet(batch.size());
    indexedCount.add(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      arrivals.add(batch.arrivals.get(i));
    }
    batch.clear();
    pending = true;
  }

  private void flushAll() throws IOException {
    for (Batch batch : batches.values()) {
      if (batch.size() > 0) {
        flush(batch);
      }
    }
  }

  /**
   * Makes what was handed to the store durable, then commits the consumer's offsets: up to its
   * position on each partition, but never past a message still waiting in a batch, so a crash
   * replays that message rather than losing it.
   */
  private void commit() throws IOException {
    store.commit();
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    try {
      for (TopicPartition partition : consumer.assignment()) {
        offsets.put(partition, new OffsetAndMetadata(consumer.position(partition)));
      }
      for (Batch batch : batches.values()) {
        batch.holdBack(offsets);
      }
      consumer.commitSync(offsets);
    } catch (WakeupException e) {
      // close() woke the consumer while it was not polling; the wake-up is spent, so commit again
      // rather than leave what the store already holds to be replayed.
      consumer.commitSync(offsets);
    } catch (KafkaException e) {
      // A rebalance or a broker that is briefly away: what the store holds is replayed from the
      // last committed offsets, and the store replaces it by guid. Stopping here would stop
      // indexing until the next restart.
      LOG.warn(
          "The {} writer could not commit its offsets; will retry: {}",
          kind.label(),
          e.getMessage());
      return;
    }
    pending = false;
    long now = clock.millis();
    for (int i = 0; i < arrivals.size(); i++) {
      latency.record(now - arrivals.get(i));
    }
    arrivals.clear();
  }

  /** A sensor's messages waiting to be handed to the store, with where each was read. */
  private static final class Batch {
    final String sensor;
    final List<Message> messages = new ArrayList<>();
    final List<TopicPartition> partitions = new ArrayList<>();
    final LongList offsets = new LongList();
    final LongList arrivals = new LongList();
    long firstAt;

    Batch(String sensor) {
      this.sensor = sensor;
    }

    void add(Message message, ConsumerRecord<byte[], byte[]> record, long now) {
      if (messages.isEmpty()) {
        firstAt = now;
      }
      messages.add(message);
      partitions.add(new TopicPartition(record.topic(), record.partition()));
      offsets.add(record.offset());
      arrivals.add(record.timestamp());
    }

    int size() {
      return messages.size();
    }

    /** Lowers each partition's offset to commit to the first of this batch's messages there. */
    void holdBack(Map<TopicPartition, OffsetAndMetadata> commit) {
      for (int i = 0; i < messages.size(); i++) {
        OffsetAndMetadata at = commit.get(partitions.get(i));
        if (at != null && offsets.get(i) < at.offset()) {
          commit.put(partitions.get(i), new OffsetAndMetadata(offsets.get(i)));
        }
      }
    }

    void clear() {
      messages.clear();
      partitions.clear();
      offsets.clear();
      arrivals.clear();
    }
  }

  /** The consumer's own view of how far behind the end of its partitions it is. */
  private double consumerLag() {
    for (var entry : consumer.metrics().entrySet()) {
      if (entry.getKey().name().equals("records-lag-max")
          && entry.getValue().metricValue() instanceof Number n
          && !Double.isNaN(n.doubleValue())) {
        return n.doubleValue();
      }
    }
    return 0;
  }

  /**
   * Commits before partitions move to another instance, so the instance that takes them over starts
   * after what this one indexed instead of indexing it again into its own store.
   */
  private final class CommitOnRevoke implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      try {
        flushAll();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write to the store before a rebalance", e);
      }
      if (pending) {
        try {
          commit();
        } catch (IOException e) {
          throw new UncheckedIOException("cannot commit the search index before a rebalance", e);
        }
      }
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}
  }

  /** The message to index for a record, or null when its sensor has search indexing disabled. */
  private Message decode(ConsumerRecord<byte[], byte[]> record) {
    String origin = record.topic() + "/" + record.partition() + "/" + record.offset();
    Message message;
    try {
      message = MessageCodec.read(record.value());
    } catch (MessageFormatException e) {
      errorCount.increment();
      return ErrorMessage.of(ErrorType.INDEXING_ERROR)
          .cause(e)
          .raw(record.value())
          .guid(Guids.derived(origin, 0))
          .toMessage(clock.millis(), hostname);
    }
    message.putIfAbsent(MessageFields.GUID, Guids.derived(origin, 0));
    if (message.sourceType() == null) {
      message.put(MessageFields.SOURCE_TYPE, "unknown");
    }
    if (message.timestamp() == null) {
      message.put(MessageFields.TIMESTAMP, record.timestamp());
    }
    return settings.enabled(message.sourceType()) ? message : null;
  }

  /** Stops after the current batch, committing what was written. */
  @Override
  public void close() {
    running.set(false);
    consumer.wakeup();
  }

  /**
   * A growable list of primitive longs, so recording arrival times allocates nothing per record.
   */
  private static final class LongList {
    private long[] values = new long[1024];
    private int size;

    void add(long value) {
      if (size == values.length) {
        values = java.util.Arrays.copyOf(values, size * 2);
      }
      values[size++] = value;
    }

    long get(int i) {
      return values[i];
    }

    int size() {
      return size;
    }

    void clear() {
      size = 0;
    }
  }
}
