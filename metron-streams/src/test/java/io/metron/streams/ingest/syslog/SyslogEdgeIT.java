package io.metron.streams.ingest.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import io.metron.streams.broker.EmbeddedKafka;
import io.metron.streams.ingest.EdgeStats;
import io.metron.streams.ingest.KafkaEventSink;
import io.metron.streams.ingest.TopicReader;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The syslog edges into a real broker, fed by util-linux's logger. */
class SyslogEdgeIT {
  @TempDir static Path kafkaDir;
  @TempDir Path dir;

  private static EmbeddedKafka broker;
  private static String bootstrap;
  private static KafkaEventSink sink;

  @BeforeAll
  static void startBroker() throws IOException {
    broker = new EmbeddedKafka(kafkaDir, 0);
    bootstrap = broker.start();
    sink = new KafkaEventSink(bootstrap);
  }

  @AfterAll
  static void stopBroker() {
    sink.close();
    broker.close();
  }

  private List<String> messages(String tag, int n) {
    return IntStream.range(0, n)
        .mapToObj(i -> tag + " message " + i + " user=alice act=login")
        .toList();
  }

  /** Runs logger with the given options, one message per line of a file. */
  private void logger(int port, List<String> options, List<String> messages) throws Exception {
    Path input = dir.resolve("messages-" + System.nanoTime() + ".txt");
    Files.write(input, messages);
    List<String> command =
        new ArrayList<>(List.of("logger", "-n", "127.0.0.1", "-P", String.valueOf(port)));
    command.addAll(options);
    command.addAll(List.of("-t", "metrontest", "-p", "auth.notice", "-f", input.toString()));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("logger %s: %s", command, output).isZero();
  }

  private static List<String> read(String topic, int count) {
    try (TopicReader reader = new TopicReader(bootstrap, topic)) {
      return reader.texts(count, Duration.ofSeconds(60));
    }
  }

  @Test
  void udpCarriesRfc5424AndRfc3164MessagesUnchanged() throws Exception {
    try (UdpSyslogEdge rfc5424 =
            new UdpSyslogEdge(SyslogSpec.parse("udp:0:syslog5424"), sink, 8192);
        UdpSyslogEdge rfc3164 =
            new UdpSyslogEdge(SyslogSpec.parse("udp:0:syslog3164"), sink, 8192)) {
      rfc5424.start();
      rfc3164.start();
      logger(rfc5424.port(), List.of("-d", "--rfc5424"), messages("u5424", 50));
      logger(rfc3164.port(), List.of("-d", "--rfc3164"), messages("u3164", 50));

      List<String> got5424 = read("syslog5424", 50);
      assertThat(got5424).hasSize(50);
      // <PRI>1 TIMESTAMP HOST TAG PID MSGID SD MSG; auth.notice is facility 4, severity 5: 37.
      assertThat(got5424)
          .allSatisfy(
              m -> assertThat(m).matches("<37>1 \\d{4}-\\d\\d-\\d\\dT\\S+ \\S+ metrontest .*"));
      assertThat(got5424.stream().map(m -> m.substring(m.indexOf("u5424"))))
          .containsExactlyInAnyOrderElementsOf(messages("u5424", 50));

      List<String> got3164 = read("syslog3164", 50);
      assertThat(got3164).hasSize(50);
      assertThat(got3164)
          .allSatisfy(
              m ->
                  assertThat(m)
                      .matches(
                          "<37>[A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d \\S+ metrontest: .*"));
      assertThat(got3164.stream().map(m -> m.substring(m.indexOf("u3164"))))
          .containsExactlyInAnyOrderElementsOf(messages("u3164", 50));
      assertThat(rfc5424.stats().getFirst().written()).isEqualTo(50);
    }
  }

  @Test
  void tcpCarriesNewlineAndOctetCountedFraming() throws Exception {
    try (TcpSyslogEdge edge = new TcpSyslogEdge(SyslogSpec.parse("tcp:0:syslogtcp"), sink, 8192)) {
      edge.start();
      logger(edge.port(), List.of("-T", "--rfc3164"), messages("newline", 40));
      logger(edge.port(), List.of("-T", "--rfc5424", "--octet-count"), messages("counted", 40));
      // An octet-counted frame may hold a newline: a raw client shows it survives.
      String multiLine = "<14>1 2024-05-01T10:00:00Z host app - - - first line\nsecond line";
      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), edge.port());
          OutputStream out = socket.getOutputStream()) {
        byte[] frame = multiLine.getBytes(StandardCharsets.UTF_8);
        out.write((frame.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.write(frame);
      }

      List<String> got = read("syslogtcp", 81);
      assertThat(got).hasSize(81);
      assertThat(got.stream().filter(m -> m.contains("newline message")))
          .hasSize(40)
          .allSatisfy(
              m -> assertThat(m).startsWith("<37>").contains("metrontest: newline message"));
      assertThat(got.stream().filter(m -> m.contains("counted message")))
          .hasSize(40)
          .allSatisfy(m -> assertThat(m).startsWith("<37>1 ").doesNotEndWith("\n"));
      assertThat(got).contains(multiLine);
      EdgeStats stats = edge.stats().getFirst();
      assertThat(stats.received()).isEqualTo(81);
      assertThat(stats.written()).isEqualTo(81);
    }
  }

  @Test
  void udpAccountsForEveryDatagramUnderLoad() throws Exception {
    int sent = 100_000;
    try (UdpSyslogEdge edge = new UdpSyslogEdge(SyslogSpec.parse("udp:0:syslogload"), sink, 8192)) {
      edge.start();
      try (DatagramSocket socket = new DatagramSocket()) {
        InetAddress target = InetAddress.getLoopbackAddress();
        for (int i = 0; i < sent; i++) {
          byte[] msg =
              ("<134>1 2024-05-01T10:00:00.000Z fw1 filterlog - - - rule=" + i + ",pass,in,tcp")
                  .getBytes(StandardCharsets.US_ASCII);
          socket.send(new DatagramPacket(msg, msg.length, target, edge.port()));
        }
      }
      // Every datagram is either taken or counted as dropped by the kernel: none vanish.
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      EdgeStats stats = edge.stats().getFirst();
      while (stats.received() + stats.dropped() < sent && System.nanoTime() < deadline) {
        Thread.sleep(50);
        stats = edge.stats().getFirst();
      }
      assertThat(stats.received() + stats.dropped()).isEqualTo(sent);
      while (stats.written() < stats.received() && System.nanoTime() < deadline) {
        Thread.sleep(50);
        stats = edge.stats().getFirst();
      }
      assertThat(stats.written()).isEqualTo(stats.received());
      assertThat(stats.failed()).isZero();
      assertThat(read("syslogload", (int) stats.written())).hasSize((int) stats.written());
    }
  }
}
