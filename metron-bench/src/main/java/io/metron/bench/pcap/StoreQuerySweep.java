package io.metron.bench.pcap;

import io.metron.pcap.file.PacketReader;
import io.metron.pcap.filter.FixedFilter;
import io.metron.pcap.query.PcapOutput;
import io.metron.pcap.query.PcapQuery;
import io.metron.pcap.query.PcapQueryEngine;
import io.metron.pcap.query.QueryResult;
import io.metron.pcap.query.TimeRange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Store query time against store size: for each store size, queries the one generated flow (both
 * directions) over time windows of fixed length in the middle of the data, and times {@code tcpdump
 * -r} with the equivalent BPF over the same data as one plain pcap. The generated traffic has the
 * same packet rate at every size, so a window of a given length holds the same number of matches in
 * a 1 GB and a 10 GB store: equal times across sizes show that the query follows the matches, not
 * the store.
 *
 * <p>Run (sizes in MiB; data is generated under the directory on first use and reused):
 *
 * <pre>
 * java -Xmx2g --enable-native-access=ALL-UNNAMED -cp metron-bench/target/benchmarks.jar \
 *     io.metron.bench.pcap.StoreQuerySweep /tmp/metron-pcap-bench 1024 10240
 * </pre>
 */
public final class StoreQuerySweep {
  private static final double[] WINDOW_SECONDS = {0.25, 1, 4, 15, 60, 150};
  private static final int WARMUP = 3;
  private static final int MEASURED = 7;

  private StoreQuerySweep() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "/tmp/metron-pcap-bench");
    List<Integer> sizes = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      sizes.add(Integer.parseInt(args[i]));
    }
    if (sizes.isEmpty()) {
      sizes.add(1024);
    }
    List<String> rows = new ArrayList<>();
    List<String> tcpdumpRows = new ArrayList<>();
    for (int mib : sizes) {
      long t0 = System.nanoTime();
      Path pcap = PcapData.pcap(dir, mib);
      Path store = PcapData.store(dir, mib);
      System.out.printf(
          "%d MiB: data ready in %.1f s (pcap %,d bytes, store %,d bytes)%n",
          mib, (System.nanoTime() - t0) / 1e9, Files.size(pcap), sizeOf(store));
      tcpdumpRows.add(tcpdump(mib, pcap));
      System.out.println(tcpdumpRows.getLast());
      long start = PcapData.START;
      long span = PcapData.end(mib) - start;
      for (double w : WINDOW_SECONDS) {
        long width = (long) (w * 1e9);
        if (width > span) {
          continue;
        }
        long from = start + (span - width) / 2;
        rows.add(storeQuery(mib, store, new TimeRange(from, from + width), w + " s"));
        System.out.println(rows.getLast());
      }
      rows.add(storeQuery(mib, store, TimeRange.ALL, "all"));
      System.out.println(rows.getLast());
    }
    System.out.println();
    System.out.println("| store | time window | matching packets | files read | median | min |");
    System.out.println("|---|---|---|---|---|---|");
    rows.forEach(System.out::println);
    System.out.println();
    System.out.println("| data | tcpdump -r, whole flow | packets | run 1 | run 2 | run 3 |");
    System.out.println("|---|---|---|---|---|---|");
    tcpdumpRows.forEach(System.out::println);
  }

  private static String storeQuery(int mib, Path store, TimeRange range, String label)
      throws IOException {
    PcapQuery q =
        PcapQuery.of(range)
            .withFixed(
                FixedFilter.parse(PcapData.FLOW_SRC, PcapData.FLOW_DST, null, null, null, true));
    PcapQueryEngine engine = new PcapQueryEngine(null);
    long[] ms = new long[MEASURED];
    QueryResult r = null;
    for (int i = 0; i < WARMUP + MEASURED; i++) {
      long t = System.nanoTime();
      r = engine.queryStore(q, store, PcapOutput.toStream(OutputStream.nullOutputStream()));
      if (i >= WARMUP) {
        ms[i - WARMUP] = System.nanoTime() - t;
      }
    }
    Arrays.sort(ms);
    return String.format(
        "| %d MiB | %s | %,d | %d | %.1f ms | %.1f ms |",
        mib, label, r.packetsMatched(), r.filesRead(), ms[MEASURED / 2] / 1e6, ms[0] / 1e6);
  }

  private static String tcpdump(int mib, Path pcap) throws IOException, InterruptedException {
    Path out = Files.createTempFile("sweep-tcpdump", ".pcap");
    StringBuilder times = new StringBuilder();
    long packets = 0;
    try {
      for (int run = 0; run < 3; run++) {
        long t = System.nanoTime();
        Process p =
            new ProcessBuilder(
                    "tcpdump",
                    "-r",
                    pcap.toString(),
                    "-w",
                    out.toString(),
                    "ip host " + PcapData.FLOW_SRC + " and ip host " + PcapData.FLOW_DST)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
          throw new IOException("tcpdump failed on " + pcap);
        }
        times.append(String.format(" %.2f s |", (System.nanoTime() - t) / 1e9));
      }
      try (PacketReader r = PacketReader.open(out)) {
        while (r.next()) {
          packets++;
        }
      }
    } finally {
      Files.deleteIfExists(out);
    }
    return String.format(
        "| %d MiB | `tcpdump -r bench-%dm.pcap -w out.pcap 'ip host %s and ip host %s'` | %,d |%s",
        mib, mib, PcapData.FLOW_SRC, PcapData.FLOW_DST, packets, times);
  }

  private static long sizeOf(Path root) throws IOException {
    try (var files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).mapToLong(StoreQuerySweep::size).sum();
    }
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return 0;
    }
  }
}
