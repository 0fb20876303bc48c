package io.metron.bench.pcap;

import io.metron.pcap.capture.VethPair;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The capture-rate sweep: replays a generated pcap with {@code tcpreplay} onto one end of a veth
 * pair (the other end in a network namespace this tool creates and removes), at each rate, while
 * {@code metron pcap capture} and {@code tcpdump -w} both capture the other end. Each rate is run
 * once per metron engine ({@code --engines libpcap,afpacket}) and sink ({@code --sinks file,kafka};
 * Kafka is an embedded broker this tool starts in its own JVM), each time with tcpdump capturing
 * the same replay beside it. Prints one table row per run: what tcpreplay sent, and what each
 * capture received and dropped, with the load average when the run started.
 *
 * <p>Needs root (namespaces, raw capture), tcpdump, tcpreplay and a built {@code metron-cli}
 * ({@code metron-cli/target/classpath.txt}). Run:
 *
 * <pre>
 * java -cp metron-bench/target/benchmarks.jar io.metron.bench.pcap.CaptureSweep \
 *     --metron-home . --work /tmp/metron-capture-sweep --mib 128 --rates 100,500,1000,top \
 *     --engines libpcap,afpacket --sinks kafka --threads 1
 * </pre>
 */
public final class CaptureSweep {
  private static final Pattern METRON_COUNTERS =
      Pattern.compile(
          "received=(\\d+) sent=(\\d+) dropped_by_kernel=(\\d+) dropped_by_interface=(\\d+)"
              + " dropped_by_us=(\\d+)");
  private static final Pattern METRON_STATS =
      Pattern.compile("queue_drops=(\\d+) [a-z]+_errors=(\\d+)");
  private static final Pattern TCPDUMP_CAPTURED = Pattern.compile("(\\d+) packets? captured");
  private static final Pattern TCPDUMP_DROPPED =
      Pattern.compile("(\\d+) packets? dropped by kernel");
  private static final Pattern TCPREPLAY_SENT =
      Pattern.compile("Actual: (\\d+) packets \\((\\d+) bytes\\) sent in ([\\d.]+) seconds");
  private static final Pattern TCPREPLAY_RATE =
      Pattern.compile("Rated: [\\d.]+ Bps, ([\\d.]+) Mbps");
  private static final Pattern TCPREPLAY_FAILED = Pattern.compile("Failed packets:\\s+(\\d+)");

  private final Path home;
  private final Path work;
  private VethPair veth;
  private String outside;
  private final List<Process> started = new ArrayList<>();

  private CaptureSweep(Path home, Path work) {
    this.home = home;
    this.work = work;
  }

  /** One run's figures. */
  record Row(
      String rate,
      String engine,
      String sink,
      String load,
      long sent,
      double seconds,
      double mbps,
      long replayFailed,
      long metronReceived,
      long metronKernelDrops,
      long metronQueueDrops,
      long metronKafkaErrors,
      long metronDelivered,
      long tcpdumpCaptured,
      long tcpdumpKernelDrops) {

    String line() {
      return String.format(
          "| %s | %s | %s | %s | %d | %.2f s | %.0f | %d | %d | %d | %d | %d | %d | %d | %d |",
          rate,
          engine,
          sink,
          load,
          sent,
          seconds,
          mbps,
          replayFailed,
          metronReceived,
          metronKernelDrops,
          metronQueueDrops,
          metronKafkaErrors,
          metronDelivered,
          tcpdumpCaptured,
          tcpdumpKernelDrops);
    }
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = options(args);
    Path home = Path.of(opts.getOrDefault("--metron-home", ".")).toAbsolutePath().normalize();
    Path work = Path.of(opts.getOrDefault("--work", "/tmp/metron-capture-sweep"));
    int mib = Integer.parseInt(opts.getOrDefault("--mib", "128"));
    List<String> rates = List.of(opts.getOrDefault("--rates", "100,500,1000,top").split(","));
    List<String> sinks = List.of(opts.getOrDefault("--sinks", "file,kafka").split(","));
    List<String> engines = List.of(opts.getOrDefault("--engines", "libpcap,afpacket").split(","));
    String threads = opts.getOrDefault("--threads", "1");
    Files.createDirectories(work);
    Path replay = PcapData.pcap(work, mib);
    CaptureSweep sweep = new CaptureSweep(home, work);
    Runtime.getRuntime().addShutdownHook(new Thread(sweep::cleanUp));
    List<Row> rows = new ArrayList<>();
    try {
      sweep.veth = VethPair.create("mts");
      sweep.outside = sweep.veth.outside();
      String brokers = sinks.contains("kafka") ? sweep.startBroker() : null;
      for (String rate : rates) {
        for (String engine : engines) {
          for (String sink : sinks) {
            Row row = sweep.run(replay, rate, engine, threads, sink, brokers);
            System.out.println(row.line());
            rows.add(row);
          }
        }
      }
    } finally {
      sweep.cleanUp();
    }
    System.out.println();
    System.out.println(
        "| rate (Mbit/s) | engine | metron to | load avg | sent | replay time | actual Mbit/s |"
            + " replay failed | metron received | metron kernel drops | metron queue drops | metron"
            + " Kafka errors | metron delivered | tcpdump captured | tcpdump kernel drops |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    rows.forEach(r -> System.out.println(r.line()));
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> m = new java.util.HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --option value pairs, got " + args[i]);
      }
      m.put(args[i], args[i + 1]);
    }
    return m;
  }

  private synchronized void cleanUp() {
    for (Process p : started) {
      if (p.isAlive()) {
        p.destroy();
        try {
          p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        p.destroyForcibly();
      }
    }
    started.clear();
    if (veth != null) {
      veth.close();
    }
  }

  /** The JVM command that runs {@code metron} from the built metron-cli, without Maven. */
  private List<String> java(String mainOrSource, String heap) throws IOException {
    Path target = home.resolve("metron-cli/target");
    String cp;
    try (var jars = Files.list(target)) {
      Path jar =
          jars.filter(p -> p.getFileName().toString().matches("metron-cli-.*\\.jar"))
              .findFirst()
              .orElseThrow(() -> new IOException("build metron-cli first: no jar in " + target));
      cp = jar + ":" + Files.readString(target.resolve("classpath.txt")).trim();
    }
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ArrayList<>(
        List.of(
            javaBin,
            heap,
            "--enable-native-access=ALL-UNNAMED",
            "--sun-misc-unsafe-memory-access=allow",
            "-cp",
            cp,
            mainOrSource));
  }

  /** Starts the embedded KRaft broker in its own JVM; returns its bootstrap address. */
  private String startBroker() throws IOException, InterruptedException {
    Path source = work.resolve("SweepBroker.java");
    Files.writeString(
        source,
        """
        public class SweepBroker {
          public static void main(String[] a) throws Exception {
            var kafka = new io.metron.streams.broker.EmbeddedKafka(java.nio.file.Path.of(a[0]), 0);
            System.out.println("bootstrap " + kafka.start());
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::close));
            Thread.sleep(Long.MAX_VALUE);
          }
        }
        """);
    Path data = work.resolve("kafka-" + System.nanoTime());
    List<String> cmd = java(source.toString(), "-Xmx1g");
    cmd.add(data.toString());
    Path log = work.resolve("broker.log");
    Process p = start(cmd, log);
    String line = awaitLine(p, log, Pattern.compile("bootstrap (\\S+)"), Duration.ofSeconds(120));
    return line.substring("bootstrap ".length()).trim();
  }

  private Row run(
      Path replay, String rate, String engine, String threads, String sink, String brokers)
      throws IOException, InterruptedException {
    String load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    String tag = rate + "-" + engine + "-" + sink;
    Path tcpdumpOut = work.resolve("tcpdump-" + tag + ".pcap");
    Path tcpdumpLog = work.resolve("tcpdump-" + tag + ".log");
    Process tcpdump =
        start(
            List.of(
                "tcpdump",
                "-i",
                outside,
                "-n",
                "-B",
                "65536",
                "-s",
                "65535",
                "-w",
                tcpdumpOut.toString()),
            tcpdumpLog);
    awaitLine(tcpdump, tcpdumpLog, Pattern.compile("listening on"), Duration.ofSeconds(30));

    String topic = "sweep-" + tag.replace('.', '-');
    List<String> metron = java("io.metron.cli.Main", "-Xmx768m");
    metron.addAll(List.of("pcap", "capture", "-i", outside, "--engine", engine, "--stats"));
    metron.addAll(List.of("--stats-interval", "3600"));
    if (engine.equals("afpacket")) {
      metron.addAll(List.of("--threads", threads));
    }
    Path metronOut = work.resolve("metron-" + tag + ".pcap");
    if (sink.equals("kafka")) {
      metron.addAll(List.of("-k", brokers, "-t", topic));
    } else {
      metron.addAll(List.of("--output", metronOut.toString()));
    }
    Path metronLog = work.resolve("metron-" + tag + ".log");
    Process capture = start(metron, metronLog);
    awaitLine(capture, metronLog, Pattern.compile("capturing on"), Duration.ofSeconds(60));

    List<String> replayCmd =
        new ArrayList<>(
            List.of(
                "ip", "netns", "exec", veth.namespace(), "tcpreplay", "-i", veth.inside(), "-K"));
    replayCmd.add(rate.equals("top") ? "--topspeed" : "--mbps=" + rate);
    replayCmd.add(replay.toString());
    String replayOut = run(replayCmd, Duration.ofMinutes(10));

    // Let both captures drain their buffers, then stop them as Ctrl-C would.
    Thread.sleep(3000);
    stop(capture);
    stop(tcpdump);
    String mlog = Files.readString(metronLog, StandardCharsets.UTF_8);
    String tlog = Files.readString(tcpdumpLog, StandardCharsets.UTF_8);
    MatchResult mc = last(METRON_COUNTERS, mlog);
    MatchResult ms = last(METRON_STATS, mlog);
    Matcher sent = find(TCPREPLAY_SENT, replayOut);
    long delivered =
        sink.equals("kafka")
            ? topicSize(brokers, topic)
            : Files.size(metronOut) > 24 ? countRecords(metronOut) : 0;
    Files.deleteIfExists(tcpdumpOut);
    Files.deleteIfExists(metronOut);
    return new Row(
        rate,
        engine,
        sink,
        load,
        Long.parseLong(sent.group(1)),
        Double.parseDouble(sent.group(3)),
        Double.parseDouble(find(TCPREPLAY_RATE, replayOut).group(1)),
        Long.parseLong(find(TCPREPLAY_FAILED, replayOut).group(1)),
        Long.parseLong(mc.group(1)),
        Long.parseLong(mc.group(3)),
        Long.parseLong(ms.group(1)),
        Long.parseLong(ms.group(2)),
        delivered,
        Long.parseLong(find(TCPDUMP_CAPTURED, tlog).group(1)),
        Long.parseLong(find(TCPDUMP_DROPPED, tlog).group(1)));
  }

  private static long countRecords(Path pcap) throws IOException {
    try (var r = io.metron.pcap.file.PacketReader.open(pcap)) {
      long n = 0;
      while (r.next()) {
        n++;
      }
      return n;
    }
  }

  private static long topicSize(String brokers, String topic) {
    Properties p = new Properties();
    p.put("bootstrap.servers", brokers);
    p.put("key.deserializer", ByteArrayDeserializer.class.getName());
    p.put("value.deserializer", ByteArrayDeserializer.class.getName());
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
      List<TopicPartition> parts =
          c.partitionsFor(topic).stream()
              .map(i -> new TopicPartition(topic, i.partition()))
              .toList();
      return c.endOffsets(parts).values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private static Matcher find(Pattern p, String text) {
    Matcher m = p.matcher(text);
    if (!m.find()) {
      throw new IllegalStateException("no '" + p + "' in:\n" + text);
    }
    return m;
  }

  private static MatchResult last(Pattern p, String text) {
    Matcher m = p.matcher(text);
    MatchResult found = null;
    while (m.find()) {
      found = m.toMatchResult();
    }
    if (found == null) {
      throw new IllegalStateException("no '" + p + "' in:\n" + text);
    }
    return found;
  }

  private synchronized Process start(List<String> cmd, Path log) throws IOException {
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    started.add(p);
    return p;
  }

  private static void stop(Process p) throws InterruptedException {
    p.destroy(); // SIGTERM: both tcpdump and metron print their counters and exit
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
  }

  private static String awaitLine(Process p, Path log, Pattern want, Duration timeout)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
      Matcher m = want.matcher(text);
      if (m.find()) {
        int end = text.indexOf('\n', m.start());
        return text.substring(m.start(), end < 0 ? text.length() : end);
      }
      if (!p.isAlive()) {
        throw new IOException("process ended before '" + want + "':\n" + text);
      }
      Thread.sleep(100);
    }
    throw new IOException("timed out waiting for '" + want + "' in " + log);
  }

  private static String run(List<String> cmd, Duration timeout)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("sweep", ".out");
    try {
      Process p =
          new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
      if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("timed out: " + cmd);
      }
      String text = Files.readString(out, StandardCharsets.UTF_8);
      if (p.exitValue() != 0 && !cmd.contains("del")) {
        throw new IOException(String.join(" ", cmd) + " exited " + p.exitValue() + ":\n" + text);
      }
      return text;
    } finally {
      Files.deleteIfExists(out);
    }
  }
}
