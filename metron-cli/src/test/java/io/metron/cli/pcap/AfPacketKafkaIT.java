package io.metron.cli.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import io.metron.pcap.capture.VethPair;
import io.metron.streams.broker.EmbeddedKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code metron pcap capture --engine afpacket} on a live interface into the real (embedded)
 * broker: the test writes a pcap, replays it with tcpreplay from inside a network namespace it
 * creates onto one end of a veth pair, captures the other end, consumes the topic with {@code
 * metron pcap consume}, and compares what tshark reads in the consumed file with what it reads in
 * the original. Capture times differ from the file's, so the comparison is per packet: lengths,
 * protocol stack, addresses, ports and every byte. Needs root.
 */
class AfPacketKafkaIT {
  static final int PACKETS = 1500;

  @TempDir static Path dir;
  static EmbeddedKafka kafka;
  static String brokers;
  static Path original;
  VethPair veth;
  String outside;

  @BeforeAll
  static void broker() throws Exception {
    kafka = new EmbeddedKafka(dir.resolve("kafka"), 0);
    brokers = kafka.start();
    original = TestTraffic.write(dir.resolve("original.pcap"), TestTraffic.generate(17, PACKETS));
  }

  @AfterAll
  static void stopBroker() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @BeforeEach
  void vethPair() throws Exception {
    veth = VethPair.create("mtafp");
    outside = veth.outside();
  }

  @AfterEach
  void cleanUp() {
    veth.close();
  }

  static void createTopic(String name, int partitions) throws Exception {
    try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", brokers))) {
      admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
    }
  }

  /**
   * Runs {@code metron pcap capture} on the outside end until {@code expected} packets arrived,
   * replaying {@code pcap} once its sockets are bound; at most a minute.
   */
  Cli captureReplay(Path pcap, int expected, int threads, String... extra) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "pcap",
                "capture",
                "-i",
                outside,
                "--engine",
                "afpacket",
                "--threads",
                String.valueOf(threads),
                "--max-packets",
                String.valueOf(expected),
                "--duration",
                "60",
                "--stats",
                "--stats-interval",
                "1"));
    args.addAll(Arrays.asList(extra));
    AtomicReference<Cli> result = new AtomicReference<>();
    Thread t = Thread.ofPlatform().start(() -> result.set(Cli.run(args.toArray(String[]::new))));
    awaitSockets(threads, t);
    veth.inNamespace("tcpreplay", "-q", "--mbps=100", "-i", veth.inside(), pcap.toString());
    t.join(90_000);
    assertThat(t.isAlive()).as("capture still running").isFalse();
    return result.get();
  }

  /**
   * Waits until {@code n} packet sockets are bound to the outside end ({@code /proc/net/packet}
   * lists each with its interface index), so the replay starts only once the capture listens.
   */
  void awaitSockets(int n, Thread capture) throws Exception {
    String ifindex = Files.readString(Path.of("/sys/class/net", outside, "ifindex")).trim();
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline && capture.isAlive()) {
      long bound =
          Files.readAllLines(Path.of("/proc/net/packet")).stream()
              .skip(1)
              .map(l -> l.trim().split("\\s+"))
              .filter(f -> f.length > 4 && f[4].equals(ifindex))
              .count();
      if (bound >= n) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the capture did not bind " + n + " sockets to " + outside);
  }

  Path consume(String topic, int expected) {
    Path out = dir.resolve(topic + "-consumed.pcap");
    Cli r =
        Cli.run(
            "pcap",
            "consume",
            "--kafka-broker",
            brokers,
            "--kafka-topic",
            topic,
            "--kafka-offset",
            "begin",
            "--max-packets",
            String.valueOf(expected),
            "--idle-timeout",
            "20",
            "--output",
            out.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.errLines()).containsExactly("consumed " + expected + " packets");
    return out;
  }

  /** Two capture threads in one fanout group, bursts over three partitions: the same packets. */
  @Test
  void twoThreadsIntoThreePartitionsDeliverEveryPacketTsharkReadsInTheOriginal() throws Exception {
    createTopic("afp-fanout", 3);
    Cli r = captureReplay(original, PACKETS, 2, "-k", brokers, "-t", "afp-fanout");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err())
        .contains("with afpacket (2 threads")
        .contains("received=" + PACKETS + " sent=" + PACKETS + " dropped_by_kernel=0")
        .contains("dropped_by_us=0")
        .containsPattern(
            "stats [\\d.]+s: .* kernel_drops=0 interface_drops=0 queue_drops=0"
                + " kafka_errors=0 sent="
                + PACKETS)
        .doesNotContain("Exception");
    Path consumed = consume("afp-fanout", PACKETS);
    List<String> theirs = withoutProtocols(Tool.tsharkPackets(original, null));
    List<String> ours = withoutProtocols(Tool.tsharkPackets(consumed, null));
    assertThat(theirs).hasSize(PACKETS);
    // Fanout spreads flows over threads and bursts over partitions: compare as multisets.
    theirs.sort(null);
    ours.sort(null);
    assertThat(ours).isEqualTo(theirs);
  }

  /**
   * Drops the protocol stack from tshark's reading of each packet: TCP analysis and conversation
   * state make it depend on the packets before (a repeated sequence number reads as a
   * retransmission without payload), so it differs when only the order does. Lengths, addresses,
   * ports and bytes remain.
   */
  static List<String> withoutProtocols(List<String> packets) {
    List<String> out = new ArrayList<>();
    for (String p : packets) {
      String[] f = p.split("\t", -1);
      f[2] = "";
      out.add(String.join("\t", f));
    }
    return out;
  }

  /** One thread, one partition, a kernel filter: tshark's filtered reading, in the same order. */
  @Test
  void filteredSingleThreadCaptureKeepsTsharksPacketsInOrder() throws Exception {
    createTopic("afp-udp", 1);
    List<String> theirs = Tool.tsharkPackets(original, "udp");
    assertThat(theirs).isNotEmpty().hasSizeLessThan(PACKETS);
    Cli r = captureReplay(original, theirs.size(), 1, "-f", "udp", "-k", brokers, "-t", "afp-udp");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err())
        .contains("received=" + theirs.size() + " sent=" + theirs.size())
        .contains("dropped_by_us=0");
    assertThat(Tool.tsharkPackets(consume("afp-udp", theirs.size()), null)).isEqualTo(theirs);
  }
}
