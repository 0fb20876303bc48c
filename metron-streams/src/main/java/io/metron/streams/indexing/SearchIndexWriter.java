package io.metron.streams.indexing;

import io.metron.core.config.Configs;
import io.metron.core.config.IndexingConfig;
import io.metron.core.message.ErrorMessage;
import io.metron.core.message.ErrorType;
import io.metron.core.message.Guids;
import io.metron.core.message.Message;
import io.metron.core.message.MessageCodec;
import io.metron.core.message.MessageFields;
import io.metron.core.message.MessageFormatException;
import io.metron.search.SearchStore;
import io.metron.streams.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes {@code indexing} and writes every message to the search store.
 *
 * <p>No loss, no duplicates: the store is committed before the consumer's offsets, so a crash
 * between the two replays records the store already has, and the store replaces them by guid (guids
 * are derived from input positions, so a replay carries the same ones). It reads only committed
 * transactions, so nothing a crashed upstream task wrote and then aborted is indexed. Bytes that
 * are not a message are indexed as an {@code indexing_error}. Runs on its own thread.
 */
public final class SearchIndexWriter implements Runnable, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SearchIndexWriter.class);

  /** The consumer group of Metron's random-access indexing topology. */
  public static final String GROUP = "indexing-ra";

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final SearchStore store;
  private final Supplier<Configs> configs;
  private final Clock clock;
  private final String hostname;
  private final Duration commitInterval;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong indexed = new AtomicLong();
  private volatile Throwable failure;
  private boolean pending;

  public SearchIndexWriter(
      String bootstrapServers,
      SearchStore store,
      Supplier<Configs> configs,
      Clock clock,
      String hostname,
      Duration commitInterval) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    this.consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.store = store;
    this.configs = configs;
    this.clock = clock;
    this.hostname = hostname;
    this.commitInterval = commitInterval;
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
          records = consumer.poll(Duration.ofMillis(200));
        } catch (WakeupException e) {
          break;
        }
        if (!records.isEmpty()) {
          List<Message> batch = new ArrayList<>(records.count());
          for (ConsumerRecord<byte[], byte[]> record : records) {
            Message message = decode(record);
            if (message != null) {
              batch.add(message);
            }
          }
          store.write(batch);
          indexed.addAndGet(batch.size());
          pending = true;
        }
        long now = clock.millis();
        if (pending && now - lastCommit >= commitInterval.toMillis()) {
          commit();
          lastCommit = now;
        }
      }
      if (pending) {
        commit();
      }
    } catch (Exception e) {
      failure = e;
      LOG.error("The search index writer stopped: {}", e.getMessage(), e);
    } finally {
      consumer.close();
    }
  }

  private void commit() throws IOException {
    store.commit();
    consumer.commitSync();
    pending = false;
  }

  /**
   * Commits before partitions move to another instance, so the instance that takes them over starts
   * after what this one indexed instead of indexing it again into its own store.
   */
  private final class CommitOnRevoke implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
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
    IndexingConfig indexing = configs.get().indexing(message.sourceType());
    if (!indexing.writer("elasticsearch").enabled() && !indexing.writer("solr").enabled()) {
      return null;
    }
    return message;
  }

  /** Stops after the current batch, committing what was written. */
  @Override
  public void close() {
    running.set(false);
    consumer.wakeup();
  }
}
