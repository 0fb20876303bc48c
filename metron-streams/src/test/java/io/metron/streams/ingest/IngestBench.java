package io.metron.streams.ingest;

import io.metron.streams.broker.EmbeddedKafka;
import io.metron.streams.ingest.http.HttpEdge;
import io.metron.streams.ingest.http.HttpSettings;
import io.metron.streams.ingest.syslog.SyslogSpec;
import io.metron.streams.ingest.syslog.UdpSyslogEdge;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load generator for the ingest edges; see docs/benchmarks-ingest.md for how it is run.
 *
 * <ul>
 *   <li>{@code udp-send PORT RATE SECONDS}: sends RFC 5424 lines to 127.0.0.1:PORT at RATE
 *       datagrams per second, paced each millisecond; prints how many were sent.
 *   <li>{@code udp-edge PORT SECONDS}: runs an embedded broker and the UDP syslog edge on PORT for
 *       SECONDS, then prints received, written and kernel-dropped counts.
 *   <li>{@code http CLIENTS BATCH SECONDS}: runs an embedded broker and the HTTP edge, and CLIENTS
 *       threads POSTing BATCH events per request to {@code /ingest/bench} for SECONDS; prints the
 *       events per second acknowledged.
 * </ul>
 */
public final class IngestBench {
  private IngestBench() {}

  public static void main(String[] args) throws Exception {
    switch (args.length == 0 ? "" : args[0]) {
      case "udp-send" ->
          udpSend(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
      case "udp-edge" -> udpEdge(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
      case "http" ->
          http(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
      default -> {
        System.err.println(
            "usage: IngestBench udp-send PORT RATE SECONDS | udp-edge PORT SECONDS"
                + " | http CLIENTS BATCH SECONDS");
        System.exit(2);
      }
    }
  }

  private static byte[] line(long i) {
    return ("<134>1 2024-05-01T10:00:00.000Z fw1.example filterlog 4242 - - 5,,,1000000103,igb0,"
            + "match,pass,in,4,0x0,,64,"
            + i
            + ",0,DF,6,tcp,60,10.1.1.10,10.2.2.20,51234,443,0,S,123456789,,64240,,mss")
        .getBytes(StandardCharsets.US_ASCII);
  }

  private static void udpSend(int port, int rate, int seconds) throws Exception {
    try (DatagramChannel ch = DatagramChannel.open()) {
      ch.connect(new InetSocketAddress("127.0.0.1", port));
      long start = System.nanoTime();
      long end = start + seconds * 1_000_000_000L;
      long sent = 0;
      while (true) {
        long now = System.nanoTime();
        if (now >= end) {
          break;
        }
        long due = (now - start) * rate / 1_000_000_000L;
        while (sent < due) {
          ch.write(ByteBuffer.wrap(line(sent)));
          sent++;
        }
        Thread.onSpinWait();
      }
      double secs = (System.nanoTime() - start) / 1e9;
      System.out.printf("sent %d datagrams in %.1f s (%.0f/s)%n", sent, secs, sent / secs);
    }
  }

  private static void udpEdge(int port, int seconds) throws Exception {
    Path dir = Files.createTempDirectory("ingest-bench");
    try (EmbeddedKafka broker = new EmbeddedKafka(dir.resolve("kafka"), 0)) {
      String bootstrap = broker.start();
      try (KafkaEventSink sink = new KafkaEventSink(bootstrap);
          UdpSyslogEdge edge =
              new UdpSyslogEdge(SyslogSpec.parse("udp:" + port + ":bench"), sink, 65507)) {
        edge.start();
        System.out.println("ready");
        for (int s = 0; s < seconds; s++) {
          Thread.sleep(1000);
          EdgeStats st = edge.stats().getFirst();
          System.out.printf(
              "t=%ds received %d written %d kernel-dropped %d%n",
              s + 1, st.received(), st.written(), st.dropped());
        }
      }
    }
  }

  private static void http(int clients, int batch, int seconds) throws Exception {
    Path dir = Files.createTempDirectory("ingest-bench");
    try (EmbeddedKafka broker = new EmbeddedKafka(dir.resolve("kafka"), 0)) {
      String bootstrap = broker.start();
      try (KafkaEventSink sink = new KafkaEventSink(bootstrap);
          HttpEdge edge =
              new HttpEdge(HttpSettings.defaults().withPort(0), sink, () -> Set.of("bench"))) {
        edge.start();
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < batch; i++) {
          body.append(new String(line(i), StandardCharsets.US_ASCII)).append('\n');
        }
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request =
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + edge.port() + "/ingest/bench"))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        AtomicLong acked = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
          threads.add(
              Thread.ofPlatform()
                  .start(
                      () -> {
                        while (System.nanoTime() < end) {
                          try {
                            HttpResponse<Void> r =
                                client.send(request, HttpResponse.BodyHandlers.discarding());
                            if (r.statusCode() == 200) {
                              acked.addAndGet(batch);
                            } else {
                              failed.incrementAndGet();
                            }
                          } catch (Exception e) {
                            failed.incrementAndGet();
                          }
                        }
                      }));
        }
        for (Thread t : threads) {
          t.join();
        }
        double secs = (System.nanoTime() - start) / 1e9;
        System.out.printf(
            "http: %d clients, %d events/request: %d events acknowledged in %.1f s = %.0f events/s,"
                + " %d failed requests%n",
            clients, batch, acked.get(), secs, acked.get() / secs, failed.get());
      }
    }
  }
}
