package io.metron.cli.pcap;

import io.metron.pcap.capture.Capture;
import io.metron.pcap.capture.CaptureCounters;
import io.metron.pcap.capture.CaptureOptions;
import io.metron.pcap.capture.PacketSink;
import io.metron.pcap.capture.PcapFileSink;
import io.metron.pcap.kafka.KafkaPacketSink;
import io.metron.pcap.libpcap.LibPcapException;
import io.metron.pcap.libpcap.PcapHandle;
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

/** {@code metron pcap capture}: libpcap to Kafka (pycapa's producer) or to a pcap file. */
@Command(
    name = "capture",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Captures packets with libpcap and produces them to Kafka exactly as pycapa does: key ="
          + " capture time as 8 big-endian bytes in microseconds, value = the raw packet. With"
          + " --output the packets go to a pcap file instead. Counters (received, sent, dropped by"
          + " the kernel, dropped by us) are printed to stderr on exit and every --stats-interval"
          + " seconds. Ctrl-C stops cleanly. Live capture needs root or CAP_NET_RAW.",
      "",
      "Examples:",
      "  metron pcap capture --interface eth0 --kafka-broker 127.0.0.1:9092 \\",
      "      --kafka-topic pcap --max-packets 15",
      "  metron pcap capture -i eth0 -k broker:9092 -f 'not port 22' --stats-interval 10",
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
      names = {"-m", "--max-packets"},
      defaultValue = "0",
      description = "Stop after this many packets (0: run until Ctrl-C or end of file).")
  long maxPackets;

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
      description = "Kernel capture buffer in MiB (default: ${DEFAULT-VALUE}).")
  int bufferMb;

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
    if ((iface == null) == (file == null)) {
      err.println("error: give exactly one of --interface or --file");
      return 2;
    }
    if ((brokers == null) == (output == null)) {
      err.println(
          "error: give exactly one of --kafka-broker (produce to Kafka) or --output (write a"
              + " file)");
      return 2;
    }
    CaptureOptions options;
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
              statsInterval > 0 ? Duration.ofSeconds(statsInterval) : null);
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return 2;
    }
    Capture capture = new Capture(options, InstantSource.system());
    CountDownLatch done = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              capture.stop();
              try {
                done.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    try (PcapHandle handle = capture.open();
        PacketSink sink =
            output != null
                ? PcapFileSink.create(output, handle.linkType(), handle.snapLength())
                : KafkaPacketSink.create(brokers, topic, producerProps)) {
      Runtime.getRuntime().addShutdownHook(hook);
      err.println(
          "capturing on "
              + handle.source()
              + (output != null ? " to " + output : " to Kafka topic " + topic));
      err.flush();
      try {
        capture.run(
            handle,
            sink,
            counters -> {
              err.println(counters.line());
              err.flush();
            });
      } catch (LibPcapException e) {
        // Keep what was captured before the failure (e.g. a truncated file) and say how much.
        sink.flush();
        err.println(capture.counters().line());
        throw e;
      }
      sink.flush();
      CaptureCounters c = capture.counters();
      err.println(c.line());
      if (sink instanceof KafkaPacketSink k && k.lastError() != null) {
        err.println("last Kafka error: " + k.lastError());
      }
      return 0;
    } catch (LibPcapException | IllegalArgumentException | IOException e) {
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
}
