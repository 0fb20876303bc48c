package io.metron.cli;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The real {@code metron} program in a child JVM, for tests that kill it, restart it or run
 * several: output goes to a log file, and {@link #awaitReady} waits for the ready line. {@link
 * #java} runs another main class the same way (a broker of a test cluster).
 */
final class MetronProcess {
  private static final String METRON_READY = "Metron is running";

  private final Path log;
  private final Process process;
  private final String readyLine;

  private MetronProcess(Path log, Process process, String readyLine) {
    this.log = log;
    this.process = process;
    this.readyLine = readyLine;
  }

  /** Writes {@code <conf>/parsers/bro.json}: Metron's Bro parser on the topic {@code bro}. */
  static void writeBroParser(Path conf) throws IOException {
    Files.createDirectories(conf.resolve("parsers"));
    Files.writeString(
        conf.resolve("parsers/bro.json"),
        "{\"parserClassName\": \"org.apache.metron.parsers.bro.BasicBroParser\", \"sensorTopic\":"
            + " \"bro\"}");
  }

  static MetronProcess start(Path log, String... args) throws IOException {
    return startIn(null, log, args);
  }

  /** Starts the program with {@code METRON_HOME} set to {@code home} (when not null). */
  static MetronProcess startIn(Path home, Path log, String... args) throws IOException {
    return startIn(home, log, Map.of(), args);
  }

  /** Starts the program with {@code METRON_HOME} (when not null) and more environment variables. */
  static MetronProcess startIn(Path home, Path log, Map<String, String> env, String... args)
      throws IOException {
    Map<String, String> all = new java.util.HashMap<>(env);
    if (home != null) {
      all.put("METRON_HOME", home.toString());
    }
    return java(log, "-Xmx768m", Main.class.getName(), METRON_READY, all, args);
  }

  /**
   * Runs {@code mainClass} in a child JVM with the test classpath (less the OpenSearch server), a
   * heap of {@code heap} ("-Xmx512m"), and {@code env} added; {@link #awaitReady} waits for {@code
   * readyLine} in its output.
   */
  static MetronProcess java(
      Path log,
      String heap,
      String mainClass,
      String readyLine,
      Map<String, String> env,
      String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add(heap);
    command.add("-cp");
    command.add(childClassPath());
    command.add(mainClass);
    command.addAll(List.of(args));
    Files.deleteIfExists(log);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
    builder.environment().putAll(env);
    Process process = builder.start();
    return new MetronProcess(log, process, readyLine);
  }

  /**
   * Waits for the ready line ("Metron is running"); fails with the log if the program exits or
   * takes too long.
   */
  MetronProcess awaitReady() throws IOException, InterruptedException {
    return awaitReady(Duration.ofSeconds(90));
  }

  /** As {@link #awaitReady()}, waiting up to {@code limit} (for tests that start several JVMs). */
  MetronProcess awaitReady(Duration limit) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError(
            log.getFileName() + ": exited with " + process.exitValue() + ":\n" + log());
      }
      if (log().contains(readyLine)) {
        return this;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        log.getFileName() + ": not ready within " + limit.toSeconds() + " s:\n" + log());
  }

  /**
   * The test classpath without the OpenSearch server (which the tests run in their own JVM), so the
   * program runs with the jars it ships with.
   */
  private static String childClassPath() {
    List<String> kept = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String p = entry.replace('\\', '/');
      boolean server =
          p.contains("/org/codelibs/")
              || (p.contains("/org/opensearch/") && !p.contains("/org/opensearch/client/"));
      if (!server) {
        kept.add(entry);
      }
    }
    return String.join(File.pathSeparator, kept);
  }

  String log() throws IOException {
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
  }

  /**
   * The last {@code lines} lines of the output, or why they cannot be read: for the message of an
   * assertion that waited on the program.
   */
  String logTail(int lines) {
    try {
      List<String> all = log().lines().toList();
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(" + log + " unreadable: " + e.getMessage() + ")";
    }
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed. Returns the exit code (137). */
  int kill() throws InterruptedException {
    process.destroyForcibly();
    return process.waitFor();
  }

  /** SIGTERM: a clean stop. */
  int stop() throws InterruptedException {
    process.destroy();
    return process.waitFor();
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "10");
    // one request in flight: a retried batch cannot be overtaken by the next (an
    // OUT_OF_ORDER_SEQUENCE on a partition just created lost a test's events once)
    props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
    return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /**
   * Sends every record and waits until each is acknowledged, sending one that failed again (up to
   * three times). The ITs check what the platform did with what it was given, so a record the
   * test's own producer failed to deliver must fail the test as such, not pass for one the platform
   * lost.
   */
  static void sendAll(
      KafkaProducer<byte[], byte[]> producer, List<ProducerRecord<byte[], byte[]>> records)
      throws InterruptedException, TimeoutException {
    List<Future<RecordMetadata>> acks = new ArrayList<>();
    records.forEach(r -> acks.add(producer.send(r)));
    for (int i = 0; i < records.size(); i++) {
      for (int attempt = 1; ; attempt++) {
        try {
          acks.get(i).get(60, TimeUnit.SECONDS);
          break;
        } catch (ExecutionException e) {
          if (attempt == 3) {
            throw new AssertionError("the test could not send record " + i, e.getCause());
          }
          System.out.println("MetronProcess: sending record " + i + " again: " + e.getCause());
          acks.set(i, producer.send(records.get(i)));
        }
      }
    }
  }

  /** A Bro conn record with a unique {@code uid}, in the bro-kafka plugin's shape. */
  static byte[] broEvent(int i) {
    return ("{\"conn\": {\"ts\": 1764300000."
            + (i % 1000)
            + ", \"uid\": \"E"
            + i
            + "\", \"id.orig_h\": \"10.0.0."
            + (i % 250)
            + "\", \"id.orig_p\": 40000, \"id.resp_h\": \"8.8.8.8\", \"id.resp_p\": 53, \"proto\":"
            + " \"udp\"}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Sends Bro events ({@link #broEvent}) {@code first .. first+n-1} over HTTP, in requests of 500,
   * each accepted.
   */
  static void postBro(HttpClient client, int port, int first, int n) throws Exception {
    for (int start = first; start < first + n; start += 500) {
      StringBuilder body = new StringBuilder();
      for (int i = start; i < Math.min(first + n, start + 500); i++) {
        body.append(new String(broEvent(i), StandardCharsets.UTF_8)).append('\n');
      }
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ingest/bro"))
                  .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new AssertionError(
            "POST /ingest/bro: " + response.statusCode() + " " + response.body());
      }
    }
  }
}
