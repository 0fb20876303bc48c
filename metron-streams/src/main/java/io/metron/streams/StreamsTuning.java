package io.metron.streams;

import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * How the pipeline's Kafka Streams apps are sized and committed, in one place so that {@code metron
 * bench}'s pass-through topology (the plumbing limit) runs with exactly the settings of the real
 * one.
 */
public final class StreamsTuning {
  private StreamsTuning() {}

  /**
   * Stream threads: one per two cores, leaving the others to the indexing writer (Lucene) and the
   * broker. One per core was tried: on the saturated 2-core build machine CrashRecoveryIT then fell
   * behind its liveness bound after the third restart, where one thread kept up; the larger part of
   * an event's CPU is Lucene's, on the writer's thread and its merges, not the stream threads'.
   */
  public static int streamThreads() {
    return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
  }

  /**
   * How often a stream thread commits its transaction: what {@code read_committed} readers of
   * {@code indexing} wait for, so it bounds part of arrival-to-searchable; a commit costs a few
   * round trips to the broker, so 5 a second per thread is cheap.
   */
  public static final int COMMIT_INTERVAL_MS = 200;

  /**
   * Exactly-once processing with the thread count and commit interval above; producer batches of up
   * to 256 KiB, lingering 10 ms, so the fused step's writes to {@code indexing} go out in few
   * requests.
   */
  public static void apply(Properties p) {
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, streamThreads());
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL_MS);
    p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 10);
    p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 256 * 1024);
    p.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
  }
}
