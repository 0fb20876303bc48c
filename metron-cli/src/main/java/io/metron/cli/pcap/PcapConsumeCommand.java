package io.metron.cli.pcap;

import io.metron.pcap.capture.PcapFileSink;
import io.metron.pcap.kafka.OffsetStart;
import io.metron.pcap.kafka.TopicConsumer;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code metron pcap consume}: pycapa's consumer, the topic as a libpcap stream. */
@Command(
    name = "consume",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Reads the pcap topic and writes a standard libpcap stream (Ethernet, microsecond timestamps"
          + " from the record keys) to stdout or a file, readable by tshark and Wireshark. Starts"
          + " from the beginning, the end, or the consumer group's stored offset.",
      "",
      "Examples:",
      "  metron pcap consume -k 127.0.0.1:9092 -t pcap -o begin -m 100 > first100.pcap",
      "  metron pcap consume -k broker:9092 -o end | tshark -r - -Y http",
      "  metron pcap consume -k broker:9092 -o stored --group analysts -w new.pcap \\",
      "      --idle-timeout 5",
    })
public final class PcapConsumeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = {"-k", "--kafka-broker"},
      required = true,
      description = "Kafka bootstrap servers.")
  String brokers;

  @Option(
      names = {"-t", "--kafka-topic"},
      defaultValue = "pcap",
      description = "Topic to read (default: ${DEFAULT-VALUE}).")
  String topic;

  @Option(
      names = {"-o", "--kafka-offset"},
      defaultValue = "begin",
      description = "begin, end or stored (default: ${DEFAULT-VALUE}).")
  String offset;

  @Option(
      names = {"-m", "--max-packets"},
      defaultValue = "0",
      description = "Stop after this many packets (0: until Ctrl-C).")
  long maxPackets;

  @Option(
      names = {"-w", "--output"},
      description = "Write to this file instead of stdout.")
  Path output;

  @Option(
      names = "--group",
      defaultValue = "metron-pcap-consume",
      description = "Consumer group (used by -o stored; default: ${DEFAULT-VALUE}).")
  String group;

  @Option(
      names = "--idle-timeout",
      defaultValue = "0",
      description = "Stop after N seconds without a record (0: never).")
  int idleSeconds;

  @Option(
      names = "-X",
      paramLabel = "key=value",
      description = "Kafka consumer property, repeatable.")
  Map<String, String> consumerProps = new LinkedHashMap<>();

  public PcapConsumeCommand() {}

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    OffsetStart start;
    try {
      start = OffsetStart.parse(offset);
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return 2;
    }
    if (output == null && System.console() != null && System.console().isTerminal()) {
      err.println(
          "error: refusing to write binary pcap to a terminal; pipe it or use --output FILE");
      return 2;
    }
    TopicConsumer consumer;
    try {
      consumer = TopicConsumer.create(brokers, topic, group, consumerProps);
    } catch (IOException e) {
      err.println("error: " + e.getMessage());
      return 1;
    }
    // Ctrl-C: stop the loop, then let it write out the last packets and commit before exit.
    CountDownLatch done = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              consumer.stop();
              try {
                done.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    Runtime.getRuntime().addShutdownHook(hook);
    try (OutputStream out =
            output != null
                ? new BufferedOutputStream(Files.newOutputStream(output))
                : new BufferedOutputStream(System.out);
        PcapFileSink sink = PcapFileSink.stream(out, 1, 65535)) {
      long n =
          consumer.run(
              start, maxPackets, idleSeconds > 0 ? Duration.ofSeconds(idleSeconds) : null, sink);
      err.println(
          "consumed "
              + n
              + " packets"
              + (consumer.badKeys() > 0
                  ? " (" + consumer.badKeys() + " without a timestamp key)"
                  : ""));
      if (consumer.commitError() != null) {
        err.println(
            "warning: offsets not committed (a later '-o stored' repeats these packets): "
                + consumer.commitError());
      }
      return 0;
    } catch (IOException e) {
      err.println("error: " + e.getMessage());
      return 1;
    } finally {
      consumer.close();
      done.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // shutting down already
      }
      err.flush();
    }
  }
}
