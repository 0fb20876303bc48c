package io.metron.cli.pcap;

import io.metron.pcap.afpacket.AfPacketEngine;
import io.metron.pcap.afpacket.AfPacketException;
import io.metron.pcap.capture.CaptureCounters;
import io.metron.pcap.capture.CaptureEngine;
import io.metron.pcap.capture.CaptureOptions;
import io.metron.pcap.capture.LibPcapEngine;
import io.metron.pcap.capture.PacketSink;
import io.metron.pcap.capture.PcapFileSink;
import io.metron.pcap.capture.StatsLine;
import io.metron.pcap.kafka.KafkaPacketSink;
import io.metron.pcap.libpcap.LibPcapException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code metron pcap capture}: an interface (AF_PACKET rings or libpcap) or a pcap file, to Kafka
 * (pycapa's records) or to a pcap file.
 */
@Command(
    name = "capture",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Captures packets and produces them to Kafka exactly as pycapa does: key = capture time as 8"
          + " big-endian bytes in microseconds, value = the raw packet, one record per packet. With"
          + " --output the packets go to a pcap file instead.",
      "",
      "Engines: 'afpacket' (Linux; memory-mapped TPACKET_V3 rings, --threads sockets in one"
          + " PACKET_FANOUT group, flows hashed over the threads) and 'libpcap' (portable; also"
          + " reads --file). The default is afpacket on Linux when its socket opens, else libpcap"
          + " (the reason is printed).",
      "",
      "To Kafka, capture threads put packets in a bounded queue (--queue-mb) and sender threads"
          + " send them in bursts, one partition per burst; when Kafka cannot keep up, packets are"
          + " dropped at the queue and counted (queue_drops), never buffered without bound."
          + " Reading a --file waits for Kafka instead and drops nothing.",
      "",
      "Counters go to stderr on exit (received, sent, dropped by the kernel, dropped by us);"
          + " --stats adds packets/s, Mbit/s, kernel drops, queue drops and Kafka errors every"
          + " --stats-interval seconds and on exit. Ctrl-C stops cleanly. Live capture needs root"
          + " or CAP_NET_RAW.",
      "",
      "Examples:",
      "  metron pcap capture --interface eth0 --kafka-broker 127.0.0.1:9092 \\",
      "      --kafka-topic pcap --max-packets 15",
      "  metron pcap capture -i eth0 -k broker:9092 --threads 2 --stats",
      "  metron pcap capture -i eth0 -k broker:9092 -f 'not port 22' --engine libpcap",
      "  metron pcap capture -i eth0 --output /tmp/eth0.pcap -m 100000",
      "  metron pcap capture --file old.pcap -k broker:9092   (replay a file into Kafka)",
    })
public final class PcapCaptureCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = {"-i", "--interface"},
      description = "Interface to capture on (e.g. eth0).")
  String iface;

  @Option(
      names = "--file",
      description = "Read this pcap file through libpcap instead of an interface.")
  Path file;

  @Option(
      names = {"-k", "--kafka-broker"},
      description = "Kafka bootstrap servers, host:port[,host:port].")
  String brokers;

  @Option(
      names = {"-t", "--kafka-topic"},
      defaultValue = "pcap",
      description = "Topic to produce to (default: ${DEFAULT-VALUE}).")
  String topic;

  @Option(
      names = {"-w", "--output"},
      description = "Write a pcap file instead of producing to Kafka.")
  Path output;

  @Option(
      names = "--engine",
      paramLabel = "afpacket|libpcap",
      description = "Capture engine (default: afpacket on Linux if it opens, else libpcap).")
  String engine;

  @Option(
      names = "--threads",
      defaultValue = "1",
      description =
          "afpacket capture threads, one socket and ring each, flows hashed over them by"
              + " PACKET_FANOUT (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(
      names = {"-m", "--max-packets"},
      defaultValue = "0",
      description = "Stop after this many packets (0: run until Ctrl-C or end of file).")
  long maxPackets;

  @Option(
      names = "--duration",
      defaultValue = "0",
      description = "Stop after this many seconds (0: no time limit).")
  int duration;

  @Option(
      names = {"-s", "--snaplen"},
      defaultValue = "65535",
      description = "Bytes kept per packet (default: ${DEFAULT-VALUE}).")
  int snaplen;

  @Option(
      names = {"-f", "--filter"},
      description = "tcpdump filter expression, applied in the kernel.")
  String filter;

  @Option(
      names = "--no-promisc",
      negatable = true,
      defaultValue = "true",
      description = "Promiscuous mode (default on, as pycapa).")
  boolean promisc;

  @Option(
      names = "--buffer-mb",
      defaultValue = "64",
      description =
          "Kernel capture buffer in MiB, shared out between the afpacket rings (default:"
              + " ${DEFAULT-VALUE}).")
  int bufferMb;

  @Option(
      names = "--queue-mb",
      defaultValue = "64",
      description =
          "Packets waiting for Kafka, at most this many MiB (and 65536 packets); beyond it"
              + " packets are dropped and counted (default: ${DEFAULT-VALUE}).")
  int queueMb;

  @Option(
      names = "--send-threads",
      defaultValue = "1",
      description = "Threads sending bursts to Kafka (default: ${DEFAULT-VALUE}).")
  int sendThreads;

  @Option(
      names = "--stats",
      description =
          "Print rates and drop counters (pkt/s, Mbit/s, kernel drops, queue drops, Kafka errors)"
              + " every --stats-interval seconds (5 unless given) and on exit.")
  boolean stats;

  @Option(
      names = "--stats-interval",
      defaultValue = "0",
      description = "Print counters every N seconds (0: only at the end).")
  int statsInterval;

  @Option(
      names = "-X",
      paramLabel = "key=value",
      description = "Kafka producer property, repeatable (e.g. -X linger.ms=20).")
  Map<String, String> producerProps = new LinkedHashMap<>();

  public PcapCaptureCommand() {}

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    String problem = checkArguments();
    if (problem != null) {
      err.println("error: " + problem);
      return 2;
    }
    int interval = stats && statsInterval == 0 ? 5 : statsInterval;
    CaptureOptions options;
    KafkaPacketSink.Tuning tuning;
    try {
      options =
          new CaptureOptions(
              iface,
              file,
              snaplen,
              promisc,
              filter,
              maxPackets,
              bufferMb << 20,
              interval > 0 ? Duration.ofSeconds(interval) : null);
      tuning =
          KafkaPacketSink.Tuning.DEFAULT
              .withQueueBytes((long) queueMb << 20)
              .withSenders(sendThreads)
              .withWaitWhenFull(file != null);
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return 2;
    }
    CaptureEngine[] opened = new CaptureEngine[1];
    CountDownLatch done = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              if (opened[0] != null) {
                opened[0].stop();
              }
              try {
                done.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    try (CaptureEngine capture = openEngine(options, err);
        PacketSink sink =
            output != null
                ? PcapFileSink.create(output, capture.linkType(), capture.snapLength())
                : KafkaPacketSink.create(brokers, topic, producerProps, tuning)) {
      opened[0] = capture;
      Runtime.getRuntime().addShutdownHook(hook);
      err.println(
          "capturing on "
              + capture.source()
              + " with "
              + describe(capture)
              + (output != null ? " to " + output : " to Kafka topic " + topic));
      err.flush();
      if (duration > 0) {
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    Thread.sleep(Duration.ofSeconds(duration));
                    capture.stop();
                  } catch (InterruptedException e) {
                    // the capture ended first
                  }
                });
      }
      StatsLine line =
          new StatsLine(
              System.currentTimeMillis(), output != null ? "write_errors" : "kafka_errors");
      try {
        capture.run(
            sink,
            counters -> {
              err.println(
                  stats ? line.next(counters, System.currentTimeMillis()) : counters.line());
              err.flush();
            });
      } catch (LibPcapException | AfPacketException e) {
        // Keep what was captured before the failure (e.g. a truncated file) and say how much.
        sink.flush();
        err.println(capture.counters().line());
        throw e;
      }
      sink.flush();
      CaptureCounters c = capture.counters();
      if (stats) {
        err.println(line.next(c, System.currentTimeMillis()));
      }
      err.println(c.line());
      if (sink instanceof KafkaPacketSink k && k.lastError() != null) {
        err.println("last Kafka error: " + k.lastError());
      }
      return 0;
    } catch (LibPcapException | AfPacketException | IllegalArgumentException | IOException e) {
      err.println("error: " + e.getMessage());
      return 1;
    } finally {
      done.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // already shutting down: the hook is running and has been released above
      }
      err.flush();
    }
  }

  /** The first mistake in the arguments, or null. */
  private String checkArguments() {
    if ((iface == null) == (file == null)) {
      return "give exactly one of --interface or --file";
    }
    if ((brokers == null) == (output == null)) {
      return "give exactly one of --kafka-broker (produce to Kafka) or --output (write a file)";
    }
    if (engine != null && !engine.equals("afpacket") && !engine.equals("libpcap")) {
      return "--engine must be afpacket or libpcap, got '" + engine + "'";
    }
    if (file != null && "afpacket".equals(engine)) {
      return "--engine afpacket captures interfaces; --file is read through libpcap";
    }
    if (threads != 1 && ("libpcap".equals(engine) || file != null)) {
      return "--threads needs the afpacket engine (libpcap captures with one thread)";
    }
    return null;
  }

  /** The engine asked for, or the default: afpacket where it opens, else libpcap with a note. */
  private CaptureEngine openEngine(CaptureOptions options, PrintWriter err) {
    if (file != null || "libpcap".equals(engine)) {
      return LibPcapEngine.open(options, InstantSource.system());
    }
    if ("afpacket".equals(engine)) {
      return AfPacketEngine.open(options, threads, InstantSource.system());
    }
    if (!AfPacketEngine.supported()) {
      err.println("note: not Linux, capturing with libpcap");
    } else if (iface.equals("any")) {
      err.println("note: afpacket binds one interface; capturing 'any' with libpcap");
    } else {
      try {
        return AfPacketEngine.open(options, threads, InstantSource.system());
      } catch (AfPacketException e) {
        if (threads != 1) {
          throw e;
        }
        err.println("note: afpacket engine unavailable (" + e.getMessage() + "); using libpcap");
      }
    }
    return LibPcapEngine.open(options, InstantSource.system());
  }

  private static String describe(CaptureEngine e) {
    if (e instanceof AfPacketEngine a) {
      return "afpacket ("
          + a.threads()
          + (a.threads() == 1 ? " thread, " : " threads, ")
          + (a.ringBytes() >> 20)
          + " MiB ring each)";
    }
    return e.name();
  }
}
