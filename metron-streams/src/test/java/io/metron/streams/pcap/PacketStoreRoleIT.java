package io.metron.streams.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import io.metron.pcap.file.PacketReader;
import io.metron.pcap.filter.FixedFilter;
import io.metron.pcap.query.PcapOutput;
import io.metron.pcap.query.PcapQuery;
import io.metron.pcap.query.PcapQueryEngine;
import io.metron.pcap.query.QueryResult;
import io.metron.pcap.query.TimeRange;
import io.metron.pcap.store.StoreConfig;
import io.metron.streams.broker.EmbeddedKafka;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packet-store role against a real (embedded) broker: packets produced in pycapa's layout end
 * up in the store and come back from a flow query; a restart resumes from the committed offsets
 * without storing anything twice; retention bounds the store's size.
 */
class PacketStoreRoleIT {
  @TempDir static Path dir;
  static EmbeddedKafka kafka;
  static String brokers;

  @BeforeAll
  static void broker() throws IOException {
    kafka = new EmbeddedKafka(dir.resolve("kafka"), 0);
    brokers = kafka.start();
  }

  @AfterAll
  static void stopBroker() {
    if (kafka != null) {
      kafka.close();
    }
  }

  /** A packet as pycapa puts it on the topic. */
  record Packet(long micros, byte[] frame) {}

  /** UDP frames from 10.7.0.{1..4} to 10.7.1.1; every fifth from 10.7.0.9:5353, the test flow. */
  static List<Packet> packets(long firstMicros, int n, int size) {
    List<Packet> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      boolean flow = i % 5 == 0;
      ByteBuffer b = ByteBuffer.allocate(size);
      b.put(new byte[] {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1}).putShort((short) 0x0800);
      b.put((byte) 0x45).put((byte) 0).putShort((short) (size - 14)).putInt(0);
      b.put((byte) 64).put((byte) 17).putShort((short) 0);
      b.put(new byte[] {10, 7, 0, (byte) (flow ? 9 : 1 + i % 4)}).put(new byte[] {10, 7, 1, 1});
      b.putShort((short) (flow ? 5353 : 40000 + i % 7)).putShort((short) 53);
      b.putShort((short) (size - 34)).putShort((short) 0).putInt(i);
      out.add(new Packet(firstMicros + i * 10L, b.array()));
    }
    return out;
  }

  static void produce(String topic, List<Packet> packets) {
    Map<String, Object> props =
        Map.of(
            "bootstrap.servers",
            brokers,
            "key.serializer",
            "org.apache.kafka.common.serialization.ByteArraySerializer",
            "value.serializer",
            "org.apache.kafka.common.serialization.ByteArraySerializer");
    try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(props)) {
      for (Packet pkt : packets) {
        byte[] key = ByteBuffer.allocate(8).putLong(pkt.micros()).array();
        p.send(new ProducerRecord<>(topic, key, pkt.frame()));
      }
    }
  }

  static PacketStoreRole.Settings settings(String topic, Path data, long rollBytes, long retain) {
    return new PacketStoreRole.Settings(
        brokers,
        topic,
        "store-" + topic,
        StoreConfig.defaults(data.resolve("pcap"))
            .withRoll(rollBytes, Duration.ofMinutes(5))
            .withRetention(null, retain),
        Duration.ofMillis(200));
  }

  static void awaitStored(PacketStoreRole role, long n) throws InterruptedException {
    long deadline = System.nanoTime() + 90_000_000_000L;
    while (role.packetsStored() < n && role.running() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(role.failure()).isNull();
    assertThat(role.packetsStored()).isEqualTo(n);
  }

  static List<byte[]> query(Path store, FixedFilter filter) throws IOException {
    Path out = Files.createTempFile(dir, "q", ".pcap");
    QueryResult r =
        new PcapQueryEngine(null)
            .queryStore(
                PcapQuery.of(TimeRange.ALL).withFixed(filter), store, PcapOutput.toFile(out));
    assertThat(r.warnings()).isEmpty();
    List<byte[]> frames = new ArrayList<>();
    try (PacketReader in = PacketReader.open(out)) {
      while (in.next()) {
        frames.add(
            Arrays.copyOfRange(
                in.buffer(), in.dataOffset(), in.dataOffset() + in.capturedLength()));
      }
    }
    return frames;
  }

  @Test
  void storesTheTopicAndResumesAfterARestartWithoutDuplicates() throws Exception {
    Path data = dir.resolve("data-resume");
    List<Packet> first = packets(1_650_000_000_000_000L, 1500, 200);
    List<Packet> second = packets(1_650_000_100_000_000L, 1000, 200);
    produce("pcap-resume", first);
    PacketStoreRole.Settings s = settings("pcap-resume", data, 32 * 1024, 0);
    try (PacketStoreRole role = new PacketStoreRole(s, InstantSource.system())) {
      role.start();
      awaitStored(role, first.size());
    }
    assertThat(sealedFiles(s.store().root())).isGreaterThan(3);

    produce("pcap-resume", second);
    try (PacketStoreRole role = new PacketStoreRole(s, InstantSource.system())) {
      role.start();
      awaitStored(role, second.size());
      assertThat(role.running()).isTrue();
    }

    List<byte[]> expected = new ArrayList<>();
    Stream.concat(first.stream(), second.stream())
        .filter(p -> p.frame()[29] == 9)
        .forEach(p -> expected.add(p.frame()));
    List<byte[]> flow =
        query(s.store().root(), FixedFilter.parse("10.7.0.9", null, "5353", null, "udp", false));
    assertThat(flow).hasSize(500);
    assertThat(flow).containsExactlyElementsOf(expected);
    assertThat(query(s.store().root(), FixedFilter.parse(null, null, null, null, null, false)))
        .hasSize(first.size() + second.size());
  }

  @Test
  void retentionKeepsTheStoreBelowItsSizeLimitAndKeepsTheNewest() throws Exception {
    Path data = dir.resolve("data-retain");
    List<Packet> all = packets(1_660_000_000_000_000L, 3000, 400); // about 1.2 MB
    produce("pcap-retain", all);
    PacketStoreRole.Settings s = settings("pcap-retain", data, 64 * 1024, 256 * 1024);
    try (PacketStoreRole role = new PacketStoreRole(s, InstantSource.system())) {
      role.start();
      awaitStored(role, all.size());
    }
    long size;
    try (Stream<Path> files = Files.walk(s.store().root())) {
      size = files.filter(Files::isRegularFile).mapToLong(PacketStoreRoleIT::sizeOf).sum();
    }
    assertThat(size).isLessThanOrEqualTo(256 * 1024);
    List<byte[]> kept =
        query(s.store().root(), FixedFilter.parse(null, null, null, null, null, false));
    assertThat(kept.size()).isBetween(300, 700);
    assertThat(kept.getLast()).isEqualTo(all.getLast().frame());
    assertThat(kept.getFirst()).isEqualTo(all.get(all.size() - kept.size()).frame());
  }

  @Test
  void defaultsPutTheStoreUnderTheDataDirectory() {
    PacketStoreRole role = new PacketStoreRole(brokers, dir.resolve("d"), Duration.ofDays(7), 0);
    assertThat(role.storeDir()).isEqualTo(dir.resolve("d/pcap"));
    assertThat(role.running()).isFalse();
    role.close();
  }

  private static long sizeOf(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return 0;
    }
  }

  private static long sealedFiles(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(p -> p.toString().endsWith(".idx")).count();
    }
  }
}
