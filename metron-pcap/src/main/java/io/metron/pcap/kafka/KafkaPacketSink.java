package io.metron.pcap.kafka;

import io.metron.pcap.capture.PacketSink;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Produces captured packets to a topic exactly as pycapa does: key = 8-byte big-endian timestamp
 * (microseconds by default), value = the packet bytes, one record per packet.
 *
 * <p>Capture threads never wait for Kafka: {@link #accept} copies the packet into a bounded queue
 * (bounded both in packets and in bytes) and returns; when the queue is full the packet is refused
 * and counts as a queue drop, so a broker that cannot keep up costs packets at our queue, never
 * unbounded memory and never a stalled capture ring. Sender threads drain the queue in bursts and
 * send each burst to one partition, rotating over the partitions burst by burst, so every burst
 * fills one producer batch instead of being spread thinly over all of them (what the default
 * partitioner would do with timestamp keys). A send that fails later counts as a Kafka error.
 * Thread-safe.
 */
public final class KafkaPacketSink implements PacketSink {
  /**
   * Sizes of the queue and the bursts.
   *
   * @param queuePackets packets the queue holds at most
   * @param queueBytes packet bytes the queue holds at most
   * @param burst packets a sender takes from the queue at a time (and sends to one partition)
   * @param senders sender threads
   * @param waitWhenFull wait for room instead of dropping (reading a file: nothing is lost by going
   *     slower, unlike a live interface)
   */
  public record Tuning(
      int queuePackets, long queueBytes, int burst, int senders, boolean waitWhenFull) {
    /** 64k packets or 64 MiB (about 0.4 s of 1 Gbit/s), bursts of 1024, one sender, dropping. */
    public static final Tuning DEFAULT = new Tuning(65536, 64L << 20, 1024, 1, false);

    public Tuning {
      if (queuePackets < 1 || queueBytes < 65536 || burst < 1 || senders < 1 || senders > 16) {
        throw new IllegalArgumentException(
            "queue of at least one packet and 64 KiB, bursts of at least 1, 1 to 16 senders");
      }
    }

    public Tuning withQueueBytes(long bytes) {
      return new Tuning(queuePackets, bytes, burst, senders, waitWhenFull);
    }

    public Tuning withSenders(int n) {
      return new Tuning(queuePackets, queueBytes, burst, n, waitWhenFull);
    }

    public Tuning withWaitWhenFull(boolean wait) {
      return new Tuning(queuePackets, queueBytes, burst, senders, wait);
    }
  }

  private record Packet(byte[] key, byte[] value) {}

  private final Producer<byte[], byte[]> producer;
  private final String topic;
  private final PacketKeys keys;
  private final Tuning tuning;
  private final int partitions;
  private final ArrayBlockingQueue<Packet> queue;
  private final AtomicLong queuedBytes = new AtomicLong();
  private final AtomicLong enqueued = new AtomicLong();
  private final AtomicLong handled = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong bursts = new AtomicLong();
  private final List<Thread> senders = new ArrayList<>();
  private final Callback onCompletion;
  private volatile boolean closing;
  private volatile String lastError;

  public KafkaPacketSink(Producer<byte[], byte[]> producer, String topic, PacketKeys keys) {
    this(producer, topic, keys, Tuning.DEFAULT);
  }

  public KafkaPacketSink(
      Producer<byte[], byte[]> producer, String topic, PacketKeys keys, Tuning tuning) {
    this.producer = producer;
    this.topic = topic;
    this.keys = keys;
    this.tuning = tuning;
    this.queue = new ArrayBlockingQueue<>(tuning.queuePackets());
    int n;
    try {
      n = producer.partitionsFor(topic).size();
    } catch (KafkaException | UnsupportedOperationException e) {
      n = 0;
    }
    this.partitions = n;
    this.onCompletion =
        (meta, err) -> {
          if (err != null) {
            failed.incrementAndGet();
            lastError = err.toString();
          }
        };
    for (int i = 0; i < tuning.senders(); i++) {
      int first = i;
      senders.add(Thread.ofPlatform().name("pcap-kafka-sender-" + i).start(() -> send(first)));
    }
  }

  /**
   * A producer for {@code brokers} with settings for packet capture; {@code overrides} are pycapa's
   * {@code -X key=value} producer properties and win over them.
   *
   * <p>The settings, and why: {@code acks=1} (the leader has the packet; waiting for all replicas
   * would halve the rate and a capture cannot resend anyway), {@code linger.ms=10} and {@code
   * batch.size=256 KiB} (a burst of 1024 packets of about 700 bytes fills most of a batch, and the
   * linger only matters at low rates), {@code compression.type=none} (packets compress little and
   * on the capture host's cores compression costs more than the bytes it saves on a local network;
   * {@code -X compression.type=lz4} when the link to the brokers is the bottleneck), {@code
   * buffer.memory=128 MiB}, idempotence off (it needs {@code acks=all}).
   *
   * @throws IOException when the brokers cannot be reached within {@code max.block.ms} (10 s by
   *     default) or the properties are invalid, naming the brokers and the reason
   */
  public static KafkaPacketSink create(
      String brokers, String topic, Map<String, String> overrides, Tuning tuning)
      throws IOException {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.LINGER_MS_CONFIG, "10");
    // Batches stay below half a G1 region (1 MiB on heaps under 2 GiB): larger ones are
    // "humongous" objects that take two regions each, and a full 256 MiB buffer of them ran a
    // 512 MiB heap out of memory while replaying a file faster than the broker took it.
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 << 10));
    p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(128L << 20));
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
    p.put(ProducerConfig.ACKS_CONFIG, "1");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "metron-pcap-capture");
    p.putAll(overrides);
    KafkaProducer<byte[], byte[]> producer;
    try {
      producer = new KafkaProducer<>(p);
    } catch (KafkaException e) {
      throw new IOException("Kafka producer for " + brokers + ": " + rootMessage(e), e);
    }
    try {
      // Fetching the topic's metadata up front turns an unreachable broker into one error now,
      // instead of every packet waiting max.block.ms and being counted as an error.
      producer.partitionsFor(topic);
    } catch (KafkaException e) {
      producer.close(Duration.ZERO);
      throw new IOException(
          "cannot reach Kafka at " + brokers + " for topic '" + topic + "': " + rootMessage(e), e);
    }
    return new KafkaPacketSink(producer, topic, PacketKeys.MICROSECONDS, tuning);
  }

  /** {@link #create(String, String, Map, Tuning)} with the default queue. */
  public static KafkaPacketSink create(String brokers, String topic, Map<String, String> overrides)
      throws IOException {
    return create(brokers, topic, overrides, Tuning.DEFAULT);
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  @Override
  public boolean accept(long ts, int originalLength, byte[] data, int offset, int length)
      throws IOException {
    if (closing) {
      return false;
    }
    while (queuedBytes.addAndGet(length) > tuning.queueBytes()) {
      queuedBytes.addAndGet(-length);
      if (!tuning.waitWhenFull()) {
        return false;
      }
      pause();
    }
    Packet p = new Packet(keys.key(ts), Arrays.copyOfRange(data, offset, offset + length));
    while (!queue.offer(p)) {
      if (!tuning.waitWhenFull()) {
        queuedBytes.addAndGet(-length);
        return false;
      }
      pause();
    }
    enqueued.incrementAndGet();
    return true;
  }

  /** Waiting for room (file sources only); fails if the senders have died. */
  private void pause() throws IOException {
    if (senders.stream().noneMatch(Thread::isAlive)) {
      throw new IOException("the Kafka sender threads have stopped");
    }
    LockSupport.parkNanos(200_000);
  }

  /** One sender thread: bursts from the queue, each to the next of this sender's partitions. */
  private void send(int firstPartition) {
    List<Packet> burst = new ArrayList<>(tuning.burst());
    int next = firstPartition;
    while (true) {
      Packet head;
      try {
        head = queue.poll(50, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (head == null) {
        if (closing) {
          return;
        }
        continue;
      }
      burst.add(head);
      queue.drainTo(burst, tuning.burst() - 1);
      Integer partition = null;
      if (partitions > 0) {
        partition = next % partitions;
        next += tuning.senders();
      }
      long bytes = 0;
      for (Packet p : burst) {
        bytes += p.value().length;
        try {
          producer.send(new ProducerRecord<>(topic, partition, p.key(), p.value()), onCompletion);
        } catch (KafkaException | IllegalStateException e) {
          failed.incrementAndGet();
          lastError = e.toString();
        }
      }
      queuedBytes.addAndGet(-bytes);
      handled.addAndGet(burst.size());
      bursts.incrementAndGet();
      burst.clear();
    }
  }

  /** Waits until every queued packet has been handed to the producer, then flushes it. */
  @Override
  public void flush() throws IOException {
    while (handled.get() < enqueued.get()) {
      if (senders.stream().noneMatch(Thread::isAlive)) {
        throw new IOException("the Kafka sender threads have stopped");
      }
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while flushing to Kafka", e);
      }
    }
    producer.flush();
  }

  @Override
  public long failed() {
    return failed.get();
  }

  @Override
  public boolean threadSafe() {
    return true;
  }

  /** Packets waiting in our queue now. */
  public int queued() {
    return queue.size();
  }

  /** Bursts handed to the producer so far. */
  public long bursts() {
    return bursts.get();
  }

  /** The partitions bursts rotate over; 0 when unknown (the producer then picks). */
  public int partitions() {
    return partitions;
  }

  /** The last send error, for the final report; null when there was none. */
  public String lastError() {
    return lastError;
  }

  /** Sends what is queued, then closes the producer. */
  @Override
  public void close() {
    closing = true;
    for (Thread t : senders) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    producer.close();
  }
}
