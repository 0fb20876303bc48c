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
import io.metron.search.Incoming;
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
 * Consumes {@code indexing} once and writes every message to each of its outputs: the search store
 * and the archive. Each record is decoded once; a message nothing changed after decoding carries
 * its record's bytes, which the outputs keep as the stored source and the archive line.
 *
 * <p>No loss, no duplicates: the outputs are committed before the consumer's offsets, so a crash
 * between the two replays records an output already has. The search store replaces those by guid
 * (guids are derived from input positions, so a replay carries the same ones); a record whose guid
 * the pipeline derived ({@link #DERIVED_GUID_HEADER}) and which was read past every position the
 * store holds ({@link BatchWriter#storedPositions()}) cannot be in it, and is added without the
 * replace. It reads only committed transactions, so nothing a crashed upstream task wrote and then
 * aborted is indexed. The archive cannot replace by guid: it keeps the positions of each commit
 * with its files ({@link BatchWriter#committedPositions()}), and a replay skips it for what is
 * before them. Bytes that are not a message are indexed as an {@code indexing_error}. Runs on its
 * own thread.
 */
public final class IndexingWriter implements Runnable, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IndexingWriter.class);

  /**
   * How long the group waits for a member that stopped heartbeating (the broker's minimum is 6 s).
   */
  public static final int SESSION_TIMEOUT_MS = 10_000;

  /**
   * The consumer group that reads {@code indexing} for every output: Metron's {@code indexing-ra},
   * which the search writer used alone before the archive shared its consumer.
   */
  public static final String GROUP = "indexing-ra";

  /**
   * The header the pipeline puts on a message whose guid it derived from the message's own sensor
   * topic position: no other record carries that guid, so only a replay of this record can find it
   * already stored.
   */
  public static final String DERIVED_GUID_HEADER = "metron.guid.derived";

  /**
   * What an output is: the writer names in {@code indexing/<sensor>.json} that enable it, and the
   * label of its metrics.
   */
  public record Kind(List<String> configNames, String label) {
    public static final Kind SEARCH = new Kind(List.of("elasticsearch", "solr"), "search");
    public static final Kind ARCHIVE = new Kind(List.of("hdfs"), "archive");
  }

  /** One output: what it is and where its batches go. */
  public record Output(Kind kind, BatchWriter writer) {}

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final List<Sink> sinks = new ArrayList<>();
  private final Clock clock;
  private final String hostname;
  private final Duration commitInterval;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final LongAdder errorCount;
  private volatile Throwable failure;

  public IndexingWriter(
      String bootstrapServers,
      List<Output> outputs,
      Supplier<Configs> configs,
      Clock clock,
      String hostname,
      Duration commitInterval,
      String groupInstanceId,
      Metrics metrics) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
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
    this.clock = clock;
    this.hostname = hostname;
    this.commitInterval = commitInterval;
    for (Output output : outputs) {
      sinks.add(new Sink(output, configs, metrics));
    }
    this.errorCount =
        metrics.counter(
            "metron_index_errors_total",
            "Records on the indexing topic that were not messages.",
            "writer",
            sinks.getFirst().kind.label());
    for (Sink sink : sinks) {
      metrics.gauge(
          "metron_index_lag_records",
          "Records on the indexing topic not yet read by this instance.",
          this::lag,
          "writer",
          sink.kind.label());
    }
  }

  private volatile double lastLag;

  private double lag() {
    return lastLag;
  }

  /** How many messages this writer has written to its first output. */
  public long indexed() {
    return sinks.getFirst().indexed.get();
  }

  /** The error that stopped the writer, or null while it runs or after a clean stop. */
  public Throwable failure() {
    return failure;
  }

  @Override
  public void run() {
    long lastCommit = clock.millis();
    try {
      for (Sink sink : sinks) {
        sink.known = sink.writer.storedPositions().map(HashMap::new).orElse(null);
        sink.skipBefore = sink.writer.committedPositions().orElse(null);
      }
      consumer.subscribe(List.of(Topics.INDEXING), new CommitOnRevoke());
      while (running.get()) {
        ConsumerRecords<byte[], byte[]> records;
        try {
          records = consumer.poll(Duration.ofMillis(100));
        } catch (WakeupException e) {
          break;
        } catch (KafkaException e) {
          LOG.warn("The indexing writer could not poll; will retry: {}", e.getMessage());
          continue;
        }
        long now = clock.millis();
        for (ConsumerRecord<byte[], byte[]> record : records) {
          take(record, now);
        }
        if (!records.isEmpty()) {
          lastLag = consumerLag();
        }
        boolean pending = false;
        for (Sink sink : sinks) {
          sink.flushDue(now);
          pending |= sink.pending;
        }
        if (pending && now - lastCommit >= commitInterval.toMillis()) {
          commit();
          lastCommit = now;
        }
      }
      flushAll();
      if (anyPending()) {
        commit();
      }
    } catch (Exception e) {
      failure = e;
      LOG.error("The indexing writer stopped: {}", e.getMessage(), e);
    } finally {
      // Leaving the group hands the partitions to other instances now rather than after the
      // session timeout; a restart of this instance joins afresh either way.
      consumer.close(CloseOptions.groupMembershipOperation(GroupMembershipOperation.LEAVE_GROUP));
    }
  }

  /** Decodes a record once and adds it to the batch of each output that takes its sensor. */
  private void take(ConsumerRecord<byte[], byte[]> record, long now) throws IOException {
    String partition = partitionKey(record.topic(), record.partition());
    String origin = record.topic() + "/" + record.partition() + "/" + record.offset();
    Message message;
    byte[] source = record.value();
    boolean derived = record.headers().lastHeader(DERIVED_GUID_HEADER) != null;
    try {
      message = MessageCodec.read(record.value());
    } catch (MessageFormatException e) {
      errorCount.increment();
      message =
          ErrorMessage.of(ErrorType.INDEXING_ERROR)
              .cause(e)
              .raw(record.value())
              .guid(Guids.derived(origin, 0))
              .toMessage(clock.millis(), hostname);
      source = null;
      derived = false;
    }
    if (!message.has(MessageFields.GUID)) {
      message.put(MessageFields.GUID, Guids.derived(origin, 0));
      source = null;
    }
    if (message.sourceType() == null) {
      message.put(MessageFields.SOURCE_TYPE, "unknown");
      source = null;
    }
    if (message.timestamp() == null) {
      message.put(MessageFields.TIMESTAMP, record.timestamp());
      source = null;
    }
    for (Sink sink : sinks) {
      if (sink.settings.enabled(message.sourceType())) {
        sink.add(message, source, derived, partition, record, now);
      }
    }
  }

  private void flushAll() throws IOException {
    for (Sink sink : sinks) {
      sink.flushAll();
    }
  }

  private boolean anyPending() {
    return sinks.stream().anyMatch(s -> s.pending);
  }

  /**
   * Makes what was handed to each output durable, then commits the consumer's offsets: up to its
   * position on each partition, but never past a message still waiting in a batch, so a crash
   * replays that message rather than losing it.
   */
  private void commit() throws IOException {
    Map<TopicPartition, Long> read;
    try {
      read = positions();
    } catch (WakeupException e) {
      read = positions(); // close() woke the consumer; the wake-up is spent
    } catch (KafkaException e) {
      LOG.warn("The indexing writer could not commit its offsets; will retry: {}", e.getMessage());
      return;
    }
    Map<String, Long> readByKey = new HashMap<>();
    read.forEach((partition, at) -> readByKey.put(partitionKey(partition), at));
    for (Sink sink : sinks) {
      if (sink.skipBefore != null) {
        sink.flushAll(); // every record read is then in it, so the positions it keeps are exact
      }
    }
    for (Sink sink : sinks) {
      if (sink.pending) {
        sink.writer.commit(readByKey);
        if (sink.skipBefore != null) {
          sink.skipBefore = sink.writer.committedPositions().orElseThrow();
        }
      }
      if (sink.skippedReplays > 0) {
        LOG.info(
            "Skipped {} replayed record(s) for the {}, which held them already",
            sink.skippedReplays,
            sink.kind.label());
        sink.skippedReplays = 0;
      }
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    read.forEach((partition, at) -> offsets.put(partition, new OffsetAndMetadata(at)));
    for (Sink sink : sinks) {
      for (Batch batch : sink.batches.values()) {
        batch.holdBack(offsets);
      }
    }
    try {
      consumer.commitSync(offsets);
    } catch (WakeupException e) {
      // close() woke the consumer while it was not polling; the wake-up is spent, so commit again
      // rather than leave what the outputs already hold to be replayed.
      consumer.commitSync(offsets);
    } catch (KafkaException e) {
      // A rebalance or a broker that is briefly away: what the outputs hold is replayed from the
      // last committed offsets, and the search store replaces it by guid. Stopping here would stop
      // indexing until the next restart.
      LOG.warn("The indexing writer could not commit its offsets; will retry: {}", e.getMessage());
      return;
    }
    long now = clock.millis();
    for (Sink sink : sinks) {
      sink.committed(now);
    }
  }

  /** Where the consumer is on each assigned partition: read once per commit. */
  private Map<TopicPartition, Long> positions() {
    Map<TopicPartition, Long> read = new HashMap<>();
    for (TopicPartition partition : consumer.assignment()) {
      read.put(partition, consumer.position(partition));
    }
    return read;
  }

  /** How the outputs name an input partition: {@code topic-partition}. */
  private static String partitionKey(TopicPartition partition) {
    return partitionKey(partition.topic(), partition.partition());
  }

  private static String partitionKey(String topic, int partition) {
    return topic + "-" + partition;
  }

  /** One output's state: its settings, its batches per sensor and its metrics. */
  private static final class Sink {
    final Kind kind;
    final BatchWriter writer;
    final IndexingSettings settings;
    final Map<String, Batch> batches = new LinkedHashMap<>();
    final AtomicLong indexed = new AtomicLong();
    final LongAdder indexedCount;
    final LongAdder newGuidCount;
    final Histogram latency;

    /** Arrival times of the records written since the last commit, for the latency histogram. */
    final LongList arrivals = new LongList();

    /**
     * Input partition to the offset past which no record is in the output: what it held on start
     * and what this run read since. Null when the output does not track positions.
     */
    Map<String, Long> known;

    /**
     * For an output that must not get a record twice, input partition to the offset before which it
     * holds every record (its last commit's positions): a replay skips it there. Else null.
     */
    Map<String, Long> skipBefore;

    long skippedReplays;

    boolean pending;

    Sink(Output output, Supplier<Configs> configs, Metrics metrics) {
      this.kind = output.kind();
      this.writer = output.writer();
      this.settings = new IndexingSettings(kind, configs, ExpressionEngine.standard());
      this.indexedCount =
          metrics.counter(
              "metron_indexed_total",
              "Messages written by an indexing writer.",
              "writer",
              kind.label());
      this.newGuidCount =
          metrics.counter(
              "metron_indexed_new_guid_total",
              "Messages written without a replace by guid, their guid known not to be stored.",
              "writer",
              kind.label());
      this.latency =
          metrics.histogram(
              "metron_end_to_end_latency_seconds",
              "From a record's arrival on its sensor topic to its commit by a writer.",
              "writer",
              kind.label());
    }

    void add(
        Message message,
        byte[] source,
        boolean derived,
        String partition,
        ConsumerRecord<byte[], byte[]> record,
        long now)
        throws IOException {
      if (skipBefore != null && record.offset() < skipBefore.getOrDefault(partition, 0L)) {
        skippedReplays++;
        return;
      }
      boolean newGuid = false;
      if (known != null) {
        newGuid = derived && record.offset() >= known.getOrDefault(partition, 0L);
        known.merge(partition, record.offset() + 1, Math::max);
      }
      Batch batch = batches.computeIfAbsent(message.sourceType(), Batch::new);
      batch.add(new Incoming(message, source, partition, record.offset(), newGuid), record, now);
      if (batch.size() >= settings.of(batch.sensor).batchSize()) {
        flush(batch);
      }
    }

    /** Hands a sensor's batch to the output; it becomes durable at the next commit. */
    void flush(Batch batch) throws IOException {
      writer.write(settings.of(batch.sensor), batch.messages);
      indexed.addAndGet(batch.size());
      indexedCount.add(batch.size());
      for (int i = 0; i < batch.size(); i++) {
        arrivals.add(batch.arrivals.get(i));
        if (batch.messages.get(i).newGuid()) {
          newGuidCount.increment();
        }
      }
      batch.clear();
      pending = true;
    }

    void flushDue(long now) throws IOException {
      for (Batch batch : batches.values()) {
        if (batch.size() > 0
            && now - batch.firstAt >= settings.of(batch.sensor).batchTimeoutMillis()) {
          flush(batch);
        }
      }
    }

    void flushAll() throws IOException {
      for (Batch batch : batches.values()) {
        if (batch.size() > 0) {
          flush(batch);
        }
      }
    }

    void committed(long now) {
      pending = false;
      for (int i = 0; i < arrivals.size(); i++) {
        latency.record(now - arrivals.get(i));
      }
      arrivals.clear();
    }
  }

  /** A sensor's messages waiting to be handed to an output, with where each was read. */
  private static final class Batch {
    final String sensor;
    final List<Incoming> messages = new ArrayList<>();
    final List<TopicPartition> partitions = new ArrayList<>();
    final LongList offsets = new LongList();
    final LongList arrivals = new LongList();
    long firstAt;

    Batch(String sensor) {
      this.sensor = sensor;
    }

    void add(Incoming message, ConsumerRecord<byte[], byte[]> record, long now) {
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
        if (anyPending()) {
          commit();
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot commit the indexing outputs before a rebalance", e);
      }
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}
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
