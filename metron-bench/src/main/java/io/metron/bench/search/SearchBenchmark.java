package io.metron.bench.search;

import io.metron.core.message.Message;
import io.metron.core.message.MessageCodec;
import io.metron.search.FieldTyping;
import io.metron.search.Incoming;
import io.metron.search.SearchRequest;
import io.metron.search.SearchStore;
import io.metron.search.lucene.LuceneSearchStore;
import io.metron.search.opensearch.OpenSearchStore;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.codelibs.opensearch.runner.OpenSearchRunner;

/**
 * Search store benchmark: indexing rate of Bro-like documents into the embedded Lucene store (or an
 * OpenSearch node started in this JVM), then query latency percentiles on the result. A plain
 * program rather than JMH: loading millions of documents is one long measured operation, and the
 * queries want percentiles, not averages.
 *
 * <pre>
 * java -cp metron-bench/target/benchmarks.jar io.metron.bench.search.SearchBenchmark \
 *     lucene /tmp/metron-bench-index 10000000
 * java -cp metron-bench/target/benchmarks.jar io.metron.bench.search.SearchBenchmark \
 *     opensearch /tmp/metron-bench-os 200000
 * java -cp metron-bench/target/benchmarks.jar io.metron.bench.search.SearchBenchmark \
 *     lucene-append /tmp/metron-bench-append 1000000
 * </pre>
 *
 * <p>{@code lucene-append} indexes the way the platform's indexing writer does: {@link
 * SearchStore#append} of messages whose guid is known to be new, with their JSON source bytes as
 * read from Kafka, a commit every {@value #APPEND_COMMIT_EVERY} documents (the writer commits every
 * 500 ms), and the generation and encoding of the documents left out of the CPU it reports.
 */
public final class SearchBenchmark {
  private static final long START = 1_764_288_000_000L; // 2025-11-28T00:00:00Z
  private static final String[] SENSORS = {"bro", "bro", "bro", "bro", "snort", "yaf"};
  private static final String[] PROTOCOLS = {"dns", "http", "ssl", "conn", "smtp", "ssh"};
  private static final String[] METHODS = {"GET", "POST", "HEAD"};
  private static final int BATCH = 5_000;

  /** The documents between commits in {@code lucene-append}: 500 ms at 30k docs/s. */
  static final int APPEND_COMMIT_EVERY = 15_000;

  private SearchBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println(
          "usage: SearchBenchmark lucene|lucene-append|opensearch DIR DOCS [QUERIES]");
      System.exit(2);
    }
    Path dir = Path.of(args[1]);
    long docs = Long.parseLong(args[2]);
    int queries = args.length > 3 ? Integer.parseInt(args[3]) : 500;
    // Spread over ten days so time ranges select a fraction of the indices.
    long spanMillis = 10 * 86_400_000L;
    if (args[0].equals("lucene-append")) {
      try (LuceneSearchStore store = LuceneSearchStore.open(dir)) {
        append(store, docs, spanMillis);
      }
    } else if (args[0].equals("lucene")) {
      try (LuceneSearchStore store = LuceneSearchStore.open(dir)) {
        run(store, docs, spanMillis, queries);
      }
    } else {
      OpenSearchRunner runner = startNode(dir);
      try (OpenSearchStore store =
          OpenSearchStore.connect(
              URI.create("http://127.0.0.1:" + httpPort), FieldTyping.defaults())) {
        run(store, docs, spanMillis, queries);
      } finally {
        runner.close();
      }
    }
  }

  private static int httpPort;

  private static OpenSearchRunner startNode(Path dir) throws IOException {
    try (ServerSocket a = new ServerSocket(0);
        ServerSocket b = new ServerSocket(0)) {
      httpPort = a.getLocalPort();
      int transport = b.getLocalPort();
      a.close();
      b.close();
      OpenSearchRunner runner = new OpenSearchRunner();
      runner.setMaxHttpPort(-1);
      runner
          .onBuild(
              (n, s) -> {
                s.put("discovery.type", "single-node");
                s.put("transport.port", Integer.toString(transport));
                s.put("network.host", "127.0.0.1");
                s.put("cluster.routing.allocation.disk.threshold_enabled", "false");
              })
          .build(
              OpenSearchRunner.newConfigs()
                  .basePath(dir.toString())
                  .numOfNode(1)
                  .baseHttpPort(httpPort - 1)
                  .clusterName("metron-bench")
                  .disableESLogger());
      runner.ensureYellow();
      return runner;
    }
  }

  private static void run(SearchStore store, long docs, long spanMillis, int queries)
      throws Exception {
    SplittableRandom random = new SplittableRandom(42);
    var os =
        (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    List<Message> batch = new ArrayList<>(BATCH);
    for (long i = 0; i < docs; i++) {
      batch.add(broLike(i, START + (i * spanMillis) / docs, random));
      if (batch.size() == BATCH) {
        store.write(batch);
        batch.clear();
      }
      if (i > 0 && i % 1_000_000 == 0) {
        store.commit();
        report("indexed", i, t0);
      }
    }
    store.write(batch);
    store.commit();
    double indexSeconds = (System.nanoTime() - t0) / 1e9;
    double cpuSeconds = (os.getProcessCpuTime() - cpu0) / 1e9;
    // Per core: documents per second of CPU this process used (the box is shared, so wall time
    // alone would measure the neighbours too).
    System.out.printf(
        Locale.ROOT,
        "indexing: %d docs in %.1f s = %.0f docs/s wall; %.1f CPU s = %.0f docs/s per core%n",
        docs,
        indexSeconds,
        docs / indexSeconds,
        cpuSeconds,
        docs / cpuSeconds);

    // Warm up, then measure: a term query in a one-day time range, and a facet on source.type.
    for (int i = 0; i < 50; i++) {
      termQuery(store, random, spanMillis);
      facetQuery(store, random, spanMillis);
      alertsUiSearch(store, random, spanMillis);
    }
    long[] term = new long[queries];
    long[] facet = new long[queries];
    long[] ui = new long[queries];
    long hits = 0;
    for (int i = 0; i < queries; i++) {
      long s = System.nanoTime();
      hits += termQuery(store, random, spanMillis);
      term[i] = System.nanoTime() - s;
      s = System.nanoTime();
      facetQuery(store, random, spanMillis);
      facet[i] = System.nanoTime() - s;
      s = System.nanoTime();
      alertsUiSearch(store, random, spanMillis);
      ui[i] = System.nanoTime() - s;
    }
    print("term query + 1-day time range", term, hits / queries);
    print("facet on source.type over 1 day", facet, -1);
    print("the Alerts UI's search (24 h, newest 25, 6 facets)", ui, -1);
  }

  /**
   * What the Alerts UI sends first: everything in the last 24 hours as a {@code timestamp} range
   * clause in the query, sorted newest first, one page of 25, with its six default facets.
   */
  private static void alertsUiSearch(SearchStore store, SplittableRandom random, long spanMillis)
      throws Exception {
    long from = START + random.nextLong(spanMillis - 86_400_000L);
    store.search(
        new SearchRequest(
            "timestamp:[" + from + " TO " + (from + 86_400_000L) + "}",
            List.of(),
            0,
            25,
            null,
            null,
            List.of(new SearchRequest.SortField("timestamp", false)),
            List.of(),
            List.of(
                "source.type",
                "ip_src_addr",
                "ip_dst_addr",
                "protocol",
                "alert_status",
                "is_alert")));
  }

  private static long termQuery(SearchStore store, SplittableRandom random, long spanMillis)
      throws Exception {
    long from = START + random.nextLong(spanMillis - 86_400_000L);
    SearchRequest request =
        SearchRequest.of("ip_src_addr:10.0." + random.nextInt(16) + "." + random.nextInt(256), 25)
            .withTimeRange(from, from + 86_400_000L);
    return store.search(request).total();
  }

  private static void facetQuery(SearchStore store, SplittableRandom random, long spanMillis)
      throws Exception {
    long from = START + random.nextLong(spanMillis - 86_400_000L);
    store.search(
        SearchRequest.of("*", 0)
            .withTimeRange(from, from + 86_400_000L)
            .withFacets(List.of("source.type")));
  }

  private static void print(String what, long[] nanos, long avgHits) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    System.out.printf(
        Locale.ROOT,
        "%s: p50 %.2f ms, p99 %.2f ms, max %.2f ms%s%n",
        what,
        sorted[sorted.length / 2] / 1e6,
        sorted[(int) (sorted.length * 0.99)] / 1e6,
        sorted[sorted.length - 1] / 1e6,
        avgHits >= 0 ? " (" + avgHits + " matches on average)" : "");
  }

  /**
   * Indexes as the platform's writer does and prints docs per CPU second of the process, less the
   * CPU this thread spent making and encoding the documents.
   */
  private static void append(SearchStore store, long docs, long spanMillis) throws IOException {
    SplittableRandom random = new SplittableRandom(42);
    var os =
        (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    var threads = java.lang.management.ManagementFactory.getThreadMXBean();
    long generating = 0;
    long cpu0 = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    List<Incoming> batch = new ArrayList<>(BATCH);
    for (long i = 0; i < docs; i++) {
      long g0 = threads.getCurrentThreadCpuTime();
      Message m = broLike(i, START + (i * spanMillis) / docs, random);
      batch.add(new Incoming(m, MessageCodec.write(m), "bench-0", i, true));
      generating += threads.getCurrentThreadCpuTime() - g0;
      if (batch.size() == BATCH || i == docs - 1) {
        store.append("bro", batch);
        batch.clear();
      }
      if ((i + 1) % APPEND_COMMIT_EVERY == 0 || i == docs - 1) {
        store.commit();
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    double cpuSeconds = (os.getProcessCpuTime() - cpu0 - generating) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "append indexing: %d docs in %.1f s = %.0f docs/s wall; %.1f CPU s (less %.1f s making"
            + " the documents) = %.0f docs/s per core%n",
        docs,
        seconds,
        docs / seconds,
        cpuSeconds,
        generating / 1e9,
        docs / cpuSeconds);
  }

  private static void report(String what, long n, long t0) {
    double s = (System.nanoTime() - t0) / 1e9;
    System.out.printf(Locale.ROOT, "%s %d in %.1f s (%.0f/s)%n", what, n, s, n / s);
  }

  /** A Bro conn/dns/http-like event with Metron's standard fields. */
  static Message broLike(long i, long ts, SplittableRandom random) {
    String sensor = SENSORS[(int) (i % SENSORS.length)];
    String protocol = PROTOCOLS[random.nextInt(PROTOCOLS.length)];
    String src = "10.0." + random.nextInt(16) + "." + random.nextInt(256);
    String dst = "192.168." + random.nextInt(4) + "." + random.nextInt(256);
    long srcPort = 1024 + random.nextInt(60_000);
    long dstPort = protocol.equals("dns") ? 53 : protocol.equals("http") ? 80 : 443;
    Message m =
        Message.empty()
            .put("guid", Long.toHexString(i) + "-" + Long.toHexString(ts))
            .put("source.type", sensor)
            .put("timestamp", ts)
            .put("ip_src_addr", src)
            .put("ip_src_port", srcPort)
            .put("ip_dst_addr", dst)
            .put("ip_dst_port", dstPort)
            .put("protocol", protocol)
            .put("uid", "C" + Long.toString(i * 7919 + 17, 36))
            .put("trans_depth", (long) random.nextInt(4))
            .put("method", METHODS[random.nextInt(METHODS.length)])
            .put("host", "host" + random.nextInt(500) + ".example.com")
            .put("uri", "/path/" + random.nextInt(10_000))
            .put("user_agent", "Mozilla/5.0 (X11; Linux x86_64) bench/" + random.nextInt(20))
            .put("request_body_len", (long) random.nextInt(5_000))
            .put("response_body_len", (long) random.nextInt(500_000))
            .put("status_code", (long) (random.nextInt(10) == 0 ? 404 : 200))
            .put("duration", random.nextDouble() * 10)
            .put(
                "original_string",
                protocol.toUpperCase(Locale.ROOT)
                    + " | id.orig_h:"
                    + src
                    + " id.resp_h:"
                    + dst
                    + " method:GET host:example.com uri:/index.html status_code:200");
    if (random.nextInt(20) == 0) {
      m.put("is_alert", "true").put("threat.triage.score", (double) random.nextInt(100));
    }
    return m;
  }
}
