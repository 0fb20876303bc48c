package io.metron.pcap.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * The bounded queue between capture and Kafka, through Kafka's mock producer held back on purpose:
 * a producer that cannot keep up costs packets at the queue (counted), never memory beyond the
 * bound; a file source waits instead; bursts go to one partition each, rotating.
 */
class KafkaQueueTest {
  static final byte[] PACKET = new byte[100];

  /** A mock producer whose sends wait until {@link #open} is counted down. */
  static final class HeldProducer extends MockProducer<byte[], byte[]> {
    final CountDownLatch open = new CountDownLatch(1);

    HeldProducer(Cluster cluster) {
      super(cluster, true, null, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Override
    public Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> r, Callback cb) {
      try {
        open.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return super.send(r, cb);
    }
  }

  static Cluster cluster(int partitions) {
    Node n = new Node(0, "localhost", 9092);
    List<PartitionInfo> parts =
        java.util.stream.IntStream.range(0, partitions)
            .mapToObj(p -> new PartitionInfo("pcap", p, n, new Node[] {n}, new Node[] {n}))
            .toList();
    return new Cluster("c", List.of(n), parts, Set.of(), Set.of());
  }

  @Test
  void aStalledProducerCostsPacketsAtTheQueueNotMemory() throws Exception {
    HeldProducer producer = new HeldProducer(cluster(1));
    KafkaPacketSink.Tuning small = new KafkaPacketSink.Tuning(50, 1 << 20, 10, 1, false);
    KafkaPacketSink sink = new KafkaPacketSink(producer, "pcap", PacketKeys.MICROSECONDS, small);
    int taken = 0;
    int refused = 0;
    for (int i = 0; i < 1000; i++) {
      if (sink.accept(1_000_000L * i, PACKET.length, PACKET, 0, PACKET.length)) {
        taken++;
      } else {
        refused++;
      }
      assertThat(sink.queued()).isLessThanOrEqualTo(50);
    }
    // At most the queue plus the one burst the held sender took before it stalled.
    assertThat(taken).isBetween(50, 60);
    assertThat(refused).isEqualTo(1000 - taken);
    producer.open.countDown();
    sink.flush();
    assertThat(producer.history()).hasSize(taken);
    assertThat(sink.failed()).isZero();
    sink.close();
  }

  @Test
  void aQueueBoundedInBytesRefusesBeyondItsBytes() throws Exception {
    HeldProducer producer = new HeldProducer(cluster(1));
    byte[] big = new byte[16384];
    KafkaPacketSink.Tuning bytes = new KafkaPacketSink.Tuning(1000, 65536, 1, 1, false);
    KafkaPacketSink sink = new KafkaPacketSink(producer, "pcap", PacketKeys.MICROSECONDS, bytes);
    int taken = 0;
    for (int i = 0; i < 100; i++) {
      if (sink.accept(i, big.length, big, 0, big.length)) {
        taken++;
      }
    }
    // 64 KiB holds four packets of 16 KiB; a packet counts until the producer has it.
    assertThat(taken).isEqualTo(4);
    producer.open.countDown();
    sink.close();
    assertThat(producer.history()).hasSize(taken);
  }

  @Test
  void aFileSourceWaitsForRoomAndLosesNothing() throws Exception {
    HeldProducer producer = new HeldProducer(cluster(1));
    KafkaPacketSink.Tuning waiting = new KafkaPacketSink.Tuning(20, 1 << 20, 5, 1, true);
    KafkaPacketSink sink = new KafkaPacketSink(producer, "pcap", PacketKeys.MICROSECONDS, waiting);
    Thread.ofPlatform()
        .start(
            () -> {
              try {
                Thread.sleep(300);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              producer.open.countDown();
            });
    for (int i = 0; i < 500; i++) {
      assertThat(sink.accept(i * 1000L, PACKET.length, PACKET, 0, PACKET.length)).isTrue();
    }
    sink.close();
    assertThat(producer.history()).hasSize(500);
    // One sender: records keep the order they were captured in.
    assertThat(
            producer.history().stream().map(r -> PacketKeys.MICROSECONDS.timestampNanos(r.key())))
        .isSorted();
  }

  @Test
  void eachBurstGoesToOnePartitionAndBurstsRotate() throws Exception {
    MockProducer<byte[], byte[]> producer =
        new MockProducer<>(
            cluster(3), true, null, new ByteArraySerializer(), new ByteArraySerializer());
    KafkaPacketSink.Tuning t = new KafkaPacketSink.Tuning(10_000, 64 << 20, 100, 1, true);
    KafkaPacketSink sink = new KafkaPacketSink(producer, "pcap", PacketKeys.MICROSECONDS, t);
    assertThat(sink.partitions()).isEqualTo(3);
    for (int i = 0; i < 3000; i++) {
      sink.accept(i * 1000L, PACKET.length, PACKET, 0, PACKET.length);
    }
    sink.close();
    List<ProducerRecord<byte[], byte[]>> sent = producer.history();
    assertThat(sent).hasSize(3000);
    assertThat(sent.stream().map(ProducerRecord::partition).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder(0, 1, 2);
    // Consecutive records change partition only between bursts, and then to the next one.
    int changes = 0;
    for (int i = 1; i < sent.size(); i++) {
      int before = sent.get(i - 1).partition();
      int now = sent.get(i).partition();
      if (before != now) {
        changes++;
        assertThat(now).isEqualTo((before + 1) % 3);
      }
    }
    assertThat(changes).isBetween(29, 2999);
    assertThat(sink.bursts()).isEqualTo(changes + 1);
  }
}
