package io.metron.streams;

import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/**
 * How the pipeline's Kafka Streams apps are sized and committed, in one place so that {@code metron
 * bench}'s pass-through topology (the plumbing limit) runs with exactly the settings of the real
 * one.
 */
public final class StreamsTuning {
  private StreamsTuning() {}

  /** Stream threads: one per two cores, as the rest of the process needs the others. */
  public static int streamThreads() {
    return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
  }

  /** How often a stream thread commits its transaction (what read_committed readers wait for). */
  public static final int COMMIT_INTERVAL_MS = 200;

  /** Exactly-once processing with the thread count, commit interval and producer batching above. */
  public static void apply(Properties p) {
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, streamThreads());
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL_MS);
    p.put(StreamsConfig.producerPrefix("linger.ms"), 5);
    p.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
  }
}
