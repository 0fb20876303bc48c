package io.metron.bench.enrich;

import io.metron.pipeline.load.CsvExtractor;
import io.metron.pipeline.load.FlatFileLoader;
import io.metron.pipeline.load.LoadProgress;
import io.metron.streams.tables.TableStore;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code metron load flatfile}'s core: a 200,000-row CSV of indicators through the CSV extractor
 * into the RocksDB tables, with one or two worker threads. One operation loads the whole file, so
 * rows/s = 200,000 / (seconds per operation). Target: at least 100k rows/s.
 *
 * <p>Run: {@code java -jar metron-bench/target/benchmarks.jar LoaderBenchmark -f 1 -wi 2 -i 5}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class LoaderBenchmark {
  static final int ROWS = 200_000;

  @Param({"1", "2"})
  int threads;

  private Path data;
  private Path csv;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    data = Files.createTempDirectory("metron-load-bench");
    csv = data.resolve("intel.csv");
    try (BufferedWriter out = Files.newBufferedWriter(csv)) {
      for (int i = 0; i < ROWS; i++) {
        out.write(
            (11 + i % 200)
                + "."
                + (i >> 16 & 255)
                + "."
                + (i >> 8 & 255)
                + "."
                + (i & 255)
                + ",feed"
                + i % 5
                + ","
                + i % 100
                + "\n");
      }
    }
  }

  @Benchmark
  public long load() throws Exception {
    FlatFileLoader.Listener quiet =
        new FlatFileLoader.Listener() {
          @Override
          public void progress(LoadProgress progress) {}

          @Override
          public void badRow(String where, String reason) {}
        };
    try (TableStore store = TableStore.openForWriting(data)) {
      return new FlatFileLoader(
              CsvExtractor.create(
                  Map.of(
                      "columns", Map.of("ip", 0, "source", 1, "score", 2),
                      "indicator_column", "ip",
                      "type", "malicious_ip")),
              store,
              quiet)
          .load(new FlatFileLoader.Options(List.of(csv), false, threads, 1000))
          .rows();
    }
  }
}
