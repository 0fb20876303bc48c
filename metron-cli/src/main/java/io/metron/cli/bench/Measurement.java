package io.metron.cli.bench;

import io.metron.streams.demo.TrafficGenerator;
import io.metron.streams.metrics.Histogram;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One measurement of a target: generated Bro, Snort and YAF traffic offered for a warm-up and then
 * a measured window, and what came out during the window only (the JIT's warm-up and the start of
 * the topology excluded).
 *
 * <p>The offered rate is either fixed (open loop: the producer keeps its schedule whatever the
 * target does, so a target that cannot keep up shows a growing lag), or, with rate 0, as fast as
 * the target delivers while no more than {@code maxLag} events are in flight: the target's capacity
 * with a bounded lag by construction.
 *
 * @param warmupSeconds traffic offered before the window opens
 * @param seconds the measured window
 * @param rate events per second offered, or 0 for lag-bounded as fast as possible
 * @param maxLag with rate 0, the most events produced and not yet delivered
 * @param badShare the share of malformed lines
 */
public record Measurement(int warmupSeconds, int seconds, long rate, long maxLag, double badShare) {

  /**
   * What one window measured.
   *
   * @param offered events produced per second during the window
   * @param sustained events delivered per second during the window
   * @param lagAtStart events produced and not delivered when the window opened
   * @param lagAtEnd the same when it closed
   * @param p50Millis median arrival-to-delivery of the events delivered in the window (bucket
   *     bound)
   * @param p99Millis the 99th percentile, likewise
   * @param cpuMicrosPerEvent the whole process's CPU time in the window per event delivered
   * @param cores the whole process's CPU time in the window per second of it
   * @param loadBefore the machine's 1-minute load average when the window opened
   * @param loadAfter the same when it closed
   */
  public record Result(
      double offered,
      double sustained,
      long lagAtStart,
      long lagAtEnd,
      long p50Millis,
      long p99Millis,
      double cpuMicrosPerEvent,
      double cores,
      String loadBefore,
      String loadAfter) {

    /**
     * Whether the lag stayed bounded: it grew by less than two seconds of the sustained rate over
     * the window (an open-loop rate above capacity grows it without bound).
     */
    public boolean lagBounded() {
      return lagAtEnd - lagAtStart < 2 * Math.max(1, sustained);
    }
  }

  /** Offers traffic to {@code target}, reports progress to {@code log}, returns the window. */
  public Result run(BenchTarget target, String label, PrintWriter log) throws InterruptedException {
    AtomicLong produced = new AtomicLong();
    AtomicBoolean producing = new AtomicBoolean(true);
    Thread producer =
        Thread.ofPlatform()
            .name("bench-producer")
            .start(() -> produce(target, produced, producing));
    try {
      long start = System.nanoTime();
      sleepUntil(start, warmupSeconds, label + " warm-up", target, produced, log);
      long producedAtStart = produced.get();
      long deliveredAtStart = target.delivered();
      long[] latencyAtStart = target.latency().counts();
      long cpuAtStart = processCpuNanos();
      String loadBefore = loadAverage();
      long windowStart = System.nanoTime();
      sleepUntil(windowStart, seconds, label + " window", target, produced, log);
      double elapsed = (System.nanoTime() - windowStart) / 1e9;
      long deliveredAtEnd = target.delivered();
      long producedAtEnd = produced.get();
      long cpu = processCpuNanos() - cpuAtStart;
      long[] window = target.latency().minus(latencyAtStart);
      long delivered = deliveredAtEnd - deliveredAtStart;
      return new Result(
          (producedAtEnd - producedAtStart) / elapsed,
          delivered / elapsed,
          producedAtStart - deliveredAtStart,
          producedAtEnd - deliveredAtEnd,
          Histogram.percentile(window, 50),
          Histogram.percentile(window, 99),
          delivered == 0 ? Double.NaN : cpu / 1e3 / delivered,
          cpu / 1e9 / elapsed,
          loadBefore,
          loadAverage());
    } finally {
      producing.set(false);
      producer.join(30_000);
    }
  }

  /** Waits {@code forSeconds} from {@code from}, logging progress every 5 s. */
  private static void sleepUntil(
      long from,
      int forSeconds,
      String phase,
      BenchTarget target,
      AtomicLong produced,
      PrintWriter log)
      throws InterruptedException {
    long last = target.delivered();
    for (int s = 5; s <= forSeconds; s += 5) {
      Thread.sleep(Math.max(0, from / 1_000_000 + s * 1000L - System.nanoTime() / 1_000_000));
      long delivered = target.delivered();
      log.printf(
          "bench %s %3d s: produced %,d  delivered %,d  (%,.0f/s over the last 5 s)%n",
          phase, s, produced.get(), delivered, (delivered - last) / 5.0);
      log.flush();
      last = delivered;
    }
    long rest = from / 1_000_000 + forSeconds * 1000L - System.nanoTime() / 1_000_000;
    if (rest > 0) {
      Thread.sleep(rest);
    }
  }

  private void produce(BenchTarget target, AtomicLong produced, AtomicBoolean producing) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, target.bootstrapServers());
    p.put(ProducerConfig.LINGER_MS_CONFIG, "10");
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
    TrafficGenerator traffic = new TrafficGenerator(42, badShare);
    long start = System.nanoTime();
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      while (producing.get()) {
        long due =
            rate > 0
                ? (System.nanoTime() - start) * rate / 1_000_000_000L
                : target.delivered() + maxLag;
        if (produced.get() >= due) {
          Thread.sleep(1);
          continue;
        }
        TrafficGenerator.Event event = traffic.next(System.currentTimeMillis());
        producer.send(new ProducerRecord<>(event.sensor(), event.value()));
        produced.incrementAndGet();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime()
        : 0;
  }

  /** The 1-minute load average, for the record beside each figure. */
  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
