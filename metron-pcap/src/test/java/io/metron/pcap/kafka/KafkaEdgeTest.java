package io.metron.pcap.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.metron.pcap.capture.Capture;
import io.metron.pcap.capture.CaptureCounters;
import io.metron.pcap.capture.CaptureOptions;
import io.metron.pcap.capture.PcapFileSink;
import io.metron.pcap.file.PcapHeader;
import io.metron.pcap.libpcap.PcapHandle;
import io.metron.pcap.query.PcapOutput;
import io.metron.pcap.query.PcapQuery;
import io.metron.pcap.query.PcapQueryEngine;
import io.metron.pcap.query.TimeRange;
import io.metron.pcap.store.PacketStore;
import io.metron.pcap.store.StoreConfig;
import io.metron.pcap.testing.Records;
import io.metron.pcap.testing.Traffic;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pycapa's topic layout, through Kafka's own mock producer and consumer (no broker here). */
class KafkaEdgeTest {
  @TempDir Path dir;

  @Test
  void keysAreEightByteBigEndianMicroseconds() {
    byte[] k = PacketKeys.MICROSECONDS.key(1_430_000_000_123_456_789L);
    assertThat(k).containsExactly(0x00, 0x05, 0x14, 0x93, 0xD2, 0x09, 0x42, 0x40);
    assertThat(PacketKeys.MICROSECONDS.timestampNanos(k)).isEqualTo(1_430_000_000_123_456_000L);
    assertThat(PacketKeys.MICROSECONDS.timestampNanos(new byte[3])).isEqualTo(-1);
  }

  @Test
  void captureFromAFileProducesPycapaRecords() throws Exception {
    List<Traffic.Pkt> pkts = Traffic.generate(3, 200, false);
    Path f = Traffic.write(dir.resolve("in.pcap"), pkts, PcapHeader.ethernet(false));
    MockProducer<byte[], byte[]> producer =
        new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    KafkaPacketSink sink = new KafkaPacketSink(producer, "pcap", PacketKeys.MICROSECONDS);
    Capture capture =
        new Capture(CaptureOptions.file(f).withMaxPackets(150), InstantSource.system());
    CaptureCounters c;
    try (PcapHandle h = capture.open()) {
      c = capture.run(h, sink, x -> {});
    }
    assertThat(c.received()).isEqualTo(150);
    assertThat(c.sent()).isEqualTo(150);
    assertThat(c.droppedByUs()).isZero();
    List<ProducerRecord<byte[], byte[]>> sent = producer.history();
    assertThat(sent).hasSize(150);
    for (int i = 0; i < 150; i++) {
      assertThat(sent.get(i).topic()).isEqualTo("pcap");
      assertThat(sent.get(i).value()).isEqualTo(pkts.get(i).data());
      assertThat(PacketKeys.MICROSECONDS.timestampNanos(sent.get(i).key()))
          .isEqualTo(pkts.get(i).timestampNanos() / 1000 * 1000);
    }
  }

  @Test
  void refusedSendsCountAsDroppedByUs() throws Exception {
    Path f =
        Traffic.write(
            dir.resolve("in.pcap"), Traffic.generate(4, 10, false), PcapHeader.ethernet(false));
    MockProducer<byte[], byte[]> producer =
        new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    producer.sendException = new org.apache.kafka.common.errors.TimeoutException("buffer full");
    KafkaPacketSink sink = new KafkaPacketSink(producer, "pcap", PacketKeys.MICROSECONDS);
    Capture capture = new Capture(CaptureOptions.file(f), InstantSource.system());
    CaptureCounters c;
    try (PcapHandle h = capture.open()) {
      c = capture.run(h, sink, x -> {});
    }
    assertThat(c.received()).isEqualTo(10);
    assertThat(c.droppedByUs()).isEqualTo(10);
    assertThat(c.sent()).isZero();
    assertThat(sink.lastError()).contains("buffer full");
  }

  private static MockConsumer<byte[], byte[]> consumerWith(List<Traffic.Pkt> pkts, int partitions) {
    MockConsumer<byte[], byte[]> consumer =
        new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name());
    List<PartitionInfo> infos = new java.util.ArrayList<>();
    Map<TopicPartition, Long> begin = new HashMap<>();
    for (int p = 0; p < partitions; p++) {
      infos.add(new PartitionInfo("pcap", p, Node.noNode(), new Node[0], new Node[0]));
      begin.put(new TopicPartition("pcap", p), 0L);
    }
    consumer.updatePartitions("pcap", infos);
    consumer.updateBeginningOffsets(begin);
    long[] next = new long[partitions];
    consumer.schedulePollTask(
        () -> {
          if (consumer.assignment().isEmpty()) {
            consumer.rebalance(begin.keySet());
          }
          for (int i = 0; i < pkts.size(); i++) {
            int p = i % partitions;
            Traffic.Pkt pkt = pkts.get(i);
            consumer.addRecord(
                new ConsumerRecord<>(
                    "pcap",
                    p,
                    next[p]++,
                    PacketKeys.MICROSECONDS.key(pkt.timestampNanos()),
                    pkt.data()));
          }
        });
    return consumer;
  }

  @Test
  void consumerWritesAStandardPcapStreamFromTheBeginning() throws Exception {
    List<Traffic.Pkt> pkts = Traffic.generate(8, 120, false);
    MockConsumer<byte[], byte[]> mock = consumerWith(pkts, 1);
    TopicConsumer consumer = new TopicConsumer(mock, "pcap", PacketKeys.MICROSECONDS);
    Path out = dir.resolve("consumed.pcap");
    try (PcapFileSink sink =
        PcapFileSink.stream(java.nio.file.Files.newOutputStream(out), 1, 65535)) {
      assertThat(consumer.run(OffsetStart.BEGIN, 100, Duration.ofMillis(500), sink)).isEqualTo(100);
    }
    // All 120 records were polled, 100 written: the group resumes after the 100th, not the 120th.
    assertThat(mock.committed(java.util.Set.of(new TopicPartition("pcap", 0))))
        .containsValue(new org.apache.kafka.clients.consumer.OffsetAndMetadata(100));
    List<Records.Rec> recs = Records.read(out);
    assertThat(recs).hasSize(100);
    for (int i = 0; i < 100; i++) {
      assertThat(recs.get(i).data()).isEqualTo(pkts.get(i).data());
      assertThat(recs.get(i).timestampNanos())
          .isEqualTo(pkts.get(i).timestampNanos() / 1000 * 1000);
    }
  }

  @Test
  void storeFeederStoresEveryPartitionAndCommitsAfterFlush() throws Exception {
    List<Traffic.Pkt> pkts = Traffic.generate(12, 300, true);
    MockConsumer<byte[], byte[]> mock = consumerWith(pkts, 3);
    StoreConfig cfg = StoreConfig.defaults(dir.resolve("store"));
    try (PacketStore store = PacketStore.open(cfg, InstantSource.system())) {
      StoreFeeder feeder =
          new StoreFeeder(
              mock, store, "pcap", PacketKeys.MICROSECONDS, Duration.ZERO, InstantSource.system());
      mock.schedulePollTask(feeder::stop);
      feeder.run();
      assertThat(feeder.stored()).isEqualTo(300);
      assertThat(mock.committed(java.util.Set.of(new TopicPartition("pcap", 0))))
          .containsValue(new org.apache.kafka.clients.consumer.OffsetAndMetadata(100));
    }
    Path out = dir.resolve("all.pcap");
    new PcapQueryEngine(null)
        .queryStore(PcapQuery.of(TimeRange.ALL), cfg.root(), PcapOutput.toFile(out));
    assertThat(Records.read(out)).hasSize(300);
  }
}
