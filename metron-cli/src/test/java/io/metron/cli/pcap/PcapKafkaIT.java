package io.metron.cli.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import io.metron.pcap.kafka.StoreFeeder;
import io.metron.pcap.store.PacketStore;
import io.metron.pcap.store.StoreConfig;
import io.metron.streams.broker.EmbeddedKafka;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code metron pcap capture}, {@code consume} and the packet-store role against a real Kafka
 * broker (the embedded single-node KRaft broker), checked against pycapa's topic layout, tshark and
 * tcpdump.
 */
class PcapKafkaIT {
  static final int PACKETS = 2000;

  @TempDir static Path dir;
  static EmbeddedKafka kafka;
  static String brokers;
  static List<TestTraffic.Packet> packets;
  static Path original;

  @BeforeAll
  static void broker() throws Exception {
    kafka = new EmbeddedKafka(dir.resolve("kafka"), 0);
    brokers = kafka.start();
    packets = TestTraffic.generate(7, PACKETS);
    original = TestTraffic.write(dir.resolve("original.pcap"), packets);
  }

  @AfterAll
  static void stopBroker() {
    if (kafka != null) {
      kafka.close();
    }
  }

  /** Replays the original pcap into {@code topic} through the command line. */
  static void captureInto(String topic, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "pcap",
                "capture",
                "--file",
                original.toString(),
                "--kafka-broker",
                brokers,
                "--kafka-topic",
                topic));
    args.addAll(List.of(extra));
    Cli r = Cli.run(args.toArray(String[]::new));
    assertThat(r.exit()).as(r.err()).isZero();
  }

  /** Every record of a one-partition topic, read from the start until {@code expected} arrived. */
  static List<ConsumerRecord<byte[], byte[]>> readTopic(String topic, int expected) {
    Map<String, Object> props =
        Map.of(
            "bootstrap.servers",
            brokers,
            "key.deserializer",
            "org.apache.kafka.common.serialization.ByteArrayDeserializer",
            "value.deserializer",
            "org.apache.kafka.common.serialization.ByteArrayDeserializer");
    List<ConsumerRecord<byte[], byte[]>> got = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props)) {
      List<TopicPartition> parts =
          c.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      assertThat(parts).hasSize(1);
      c.assign(parts);
      c.seekToBeginning(parts);
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (got.size() < expected && System.nanoTime() < deadline) {
        c.poll(Duration.ofMillis(200)).forEach(got::add);
      }
      // Anything beyond the expected count would be a duplicate: give it a moment to show up.
      c.poll(Duration.ofMillis(500)).forEach(got::add);
    }
    return got;
  }

  @Test
  void captureFromAFileProducesExactlyPycapasRecordsInOrder() {
    Cli r =
        Cli.run(
            "pcap",
            "capture",
            "--file",
            original.toString(),
            "--kafka-broker",
            brokers,
            "--kafka-topic",
            "pcap-layout");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err())
        .contains("received=" + PACKETS + " sent=" + PACKETS)
        .contains("dropped_by_us=0")
        .doesNotContain("Exception");

    List<ConsumerRecord<byte[], byte[]>> records = readTopic("pcap-layout", PACKETS);
    assertThat(records).hasSize(PACKETS);
    for (int i = 0; i < PACKETS; i++) {
      ConsumerRecord<byte[], byte[]> rec = records.get(i);
      assertThat(rec.offset()).isEqualTo(i);
      assertThat(rec.key()).as("key of record " + i).hasSize(8);
      assertThat(ByteBuffer.wrap(rec.key()).getLong())
          .as("big-endian microseconds in key " + i)
          .isEqualTo(packets.get(i).micros());
      assertThat(rec.value()).as("value of record " + i).isEqualTo(packets.get(i).frame());
    }
  }

  @Test
  void pycapaShortOptionsAndMaxPackets() {
    Cli r =
        Cli.run(
            "pcap",
            "capture",
            "--file",
            original.toString(),
            "-k",
            brokers,
            "-t",
            "pcap-short",
            "-m",
            "15",
            "-X",
            "linger.ms=0");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err()).contains("received=15 sent=15");
    List<ConsumerRecord<byte[], byte[]>> records = readTopic("pcap-short", 15);
    assertThat(records).hasSize(15);
    assertThat(records.getLast().value()).isEqualTo(packets.get(14).frame());
  }

  @Test
  void consumeFromTheBeginningWritesAPcapTsharkReadsAsTheOriginal() throws Exception {
    captureInto("pcap-consume");
    Path consumed = dir.resolve("consumed.pcap");
    Cli r =
        Cli.run(
            "pcap",
            "consume",
            "--kafka-broker",
            brokers,
            "--kafka-topic",
            "pcap-consume",
            "--kafka-offset",
            "begin",
            "--max-packets",
            String.valueOf(PACKETS),
            "--output",
            consumed.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.errLines()).containsExactly("consumed " + PACKETS + " packets");
    String theirs = Tool.tsharkView(original);
    assertThat(theirs.lines().count()).isGreaterThan(PACKETS);
    assertThat(Tool.tsharkView(consumed)).isEqualTo(theirs);
  }

  @Test
  void storedOffsetResumesRightAfterTheLastPacketWritten() throws Exception {
    captureInto("pcap-stored", "--max-packets", "300");
    List<TestTraffic.Packet> seen = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      Path out = dir.resolve("stored-" + round + ".pcap");
      Cli r =
          Cli.run(
              "pcap",
              "consume",
              "-k",
              brokers,
              "-t",
              "pcap-stored",
              "-o",
              "stored",
              "--group",
              "analysts",
              "-m",
              "100",
              "--idle-timeout",
              "30",
              "-w",
              out.toString());
      assertThat(r.exit()).as(r.err()).isZero();
      Path expected =
          TestTraffic.write(
              dir.resolve("expected-" + round + ".pcap"),
              packets.subList(round * 100, round * 100 + 100));
      assertThat(Tool.tsharkView(out)).as("round " + round).isEqualTo(Tool.tsharkView(expected));
      seen.addAll(packets.subList(round * 100, round * 100 + 100));
    }
    assertThat(seen).hasSize(300);
  }

  /**
   * The packet-store role fed from the topic, then {@code metron pcap query} over the store for one
   * flow, equals tcpdump's answer on the original capture, byte for byte.
   */
  @Test
  void storeFedFromTheTopicAnswersFlowQueriesAsTcpdump() throws Exception {
    captureInto("pcap-store");
    Path root = dir.resolve("store");
    StoreConfig config =
        StoreConfig.defaults(root).withRoll(64 * 1024, Duration.ofMinutes(5)); // several files
    try (PacketStore store = PacketStore.open(config, InstantSource.system())) {
      StoreFeeder feeder = StoreFeeder.create(brokers, "pcap-store", "store-it", Map.of(), store);
      AtomicReference<Throwable> failure = new AtomicReference<>();
      Thread t =
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      feeder.run();
                    } catch (Throwable e) {
                      failure.set(e);
                    }
                  });
      long deadline = System.nanoTime() + 90_000_000_000L;
      while (feeder.stored() < PACKETS && System.nanoTime() < deadline && t.isAlive()) {
        Thread.sleep(100);
      }
      feeder.stop();
      t.join(30_000);
      assertThat(failure.get()).isNull();
      assertThat(feeder.stored()).isEqualTo(PACKETS);
    }
    try (var days = Files.walk(root)) {
      assertThat(days.filter(p -> p.toString().endsWith(".pcap.idx")).count()).isGreaterThan(3);
    }

    String flow =
        "tcp and ((ip src host 10.1.0.1 and ip dst host 10.1.0.2 and dst port 80)"
            + " or (ip src host 10.1.0.2 and ip dst host 10.1.0.1 and src port 80))";
    Path ours = dir.resolve("store-flow.pcap");
    Cli r =
        Cli.run(
            "pcap",
            "query",
            "--store",
            root.toString(),
            "--ip-src-addr",
            "10.1.0.1",
            "--ip-dst-addr",
            "10.1.0.2",
            "--ip-dst-port",
            "80",
            "--protocol",
            "tcp",
            "--include-reverse",
            "--output",
            ours.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    Path theirs = dir.resolve("tcpdump-flow.pcap");
    Tool.tcpdump(original, theirs, flow, true);
    assertThat(Files.size(theirs)).isGreaterThan(24 + 16 * 5);
    assertThat(Files.readAllBytes(ours)).isEqualTo(Files.readAllBytes(theirs));

    // With a time range: tcpdump gets only the packets of that range to filter.
    long from = packets.get(PACKETS / 4).micros();
    long to = packets.get(PACKETS / 2).micros();
    List<TestTraffic.Packet> inRange =
        packets.stream().filter(p -> p.micros() >= from / 1000 * 1000 && p.micros() < to).toList();
    Path rangeInput = TestTraffic.write(dir.resolve("range.pcap"), inRange);
    Path theirsRange = dir.resolve("tcpdump-range.pcap");
    Tool.tcpdump(rangeInput, theirsRange, flow, true);
    Path oursRange = dir.resolve("store-range.pcap");
    Cli ranged =
        Cli.run(
            "pcap",
            "query",
            "--store",
            root.toString(),
            "-sa",
            "10.1.0.2",
            "-da",
            "10.1.0.1",
            "-sp",
            "80",
            "-p",
            "6",
            "-ir",
            "--start-time",
            String.valueOf(from / 1000),
            "--end-time",
            java.time.Instant.ofEpochSecond(0, to * 1000).toString(),
            "-w",
            oursRange.toString());
    assertThat(ranged.exit()).as(ranged.err()).isZero();
    assertThat(Files.size(theirsRange)).isGreaterThan(24);
    assertThat(Files.readAllBytes(oursRange)).isEqualTo(Files.readAllBytes(theirsRange));
  }

  @Test
  void anUnreachableBrokerIsOneErrorLine() throws Exception {
    int closed;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    String nowhere = "127.0.0.1:" + closed;
    Cli capture =
        Cli.run(
            "pcap",
            "capture",
            "--file",
            original.toString(),
            "-k",
            nowhere,
            "-X",
            "max.block.ms=2000");
    assertThat(capture.exit()).isNotZero();
    assertThat(capture.err()).doesNotContain("\tat ");
    assertThat(capture.errLines())
        .filteredOn(l -> l.startsWith("error"))
        .singleElement()
        .asString()
        .contains(nowhere);
    Cli consume =
        Cli.run(
            "pcap",
            "consume",
            "-k",
            nowhere,
            "-X",
            "default.api.timeout.ms=2000",
            "-w",
            dir.resolve("nothing.pcap").toString());
    assertThat(consume.exit()).isNotZero();
    assertThat(consume.err()).doesNotContain("\tat ");
    assertThat(consume.errLines())
        .filteredOn(l -> l.startsWith("error"))
        .singleElement()
        .asString()
        .contains("cannot reach Kafka");
  }
}
