package io.metron.pipeline.load;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * The logic of {@code metron load flatfile} (Metron's {@code flatfile_loader.sh}): reads files (or
 * every file under a directory) line by line, or whole for STIX, runs the extractor and writes the
 * rows in batches of {@code batchSize} with {@code threads} workers.
 *
 * <p>A row the extractor cannot read is reported with its file and line number and skipped. If the
 * store fails, the load stops and says where: every row before the reported line is stored, rows
 * after it may be partly stored, and running the same load again finishes it, because writing a row
 * again replaces it. One load at a time per instance; {@link #load} is not reentrant.
 */
public final class FlatFileLoader {

  /**
   * What to load.
   *
   * @param inputs files or directories
   * @param wholeFile whether a file is one unit (STIX) instead of one unit per line
   * @param threads workers extracting and writing (Metron's {@code -p})
   * @param batchSize rows per write (Metron's {@code -b})
   */
  public record Options(List<Path> inputs, boolean wholeFile, int threads, int batchSize) {}

  /** Hears about a load as it goes; called from the loader's threads. */
  public interface Listener {
    /** About five times a second. */
    void progress(LoadProgress progress);

    /** A row that was skipped: {@code where} is {@code file:line}. */
    void badRow(String where, String reason);
  }

  /**
   * The outcome of a complete load.
   *
   * @param rows rows stored
   * @param lines lines (or whole files) read
   * @param badRows rows skipped as unreadable
   * @param files files read
   * @param bytes bytes read
   * @param elapsedNanos how long it took
   */
  public record Summary(
      long rows, long lines, long badRows, long files, long bytes, long elapsedNanos) {
    public double rate() {
      return elapsedNanos <= 0 ? 0 : rows * 1e9 / elapsedNanos;
    }
  }

  private record Batch(long sequence, String file, long firstLine, List<String> units) {}

  private final Extractor extractor;
  private final RowSink sink;
  private final Listener listener;

  public FlatFileLoader(Extractor extractor, RowSink sink, Listener listener) {
    this.extractor = extractor;
    this.sink = sink;
    this.listener = listener;
  }

  /** Every regular file named by {@code inputs}, directories expanded, in a stable order. */
  public static List<Path> files(List<Path> inputs) throws LoadException {
    List<Path> out = new ArrayList<>();
    for (Path input : inputs) {
      if (Files.isDirectory(input)) {
        try (Stream<Path> walk = Files.walk(input)) {
          walk.filter(Files::isRegularFile)
              .filter(p -> !p.getFileName().toString().startsWith("."))
              .sorted()
              .forEach(out::add);
        } catch (IOException e) {
          throw new LoadException(input + ": cannot list the directory: " + e.getMessage(), e);
        }
      } else if (Files.isRegularFile(input)) {
        out.add(input);
      } else {
        throw new LoadException(input + ": no such file or directory");
      }
    }
    return out;
  }

  /** Runs the load. */
  public Summary load(Options options) throws LoadException {
    List<Path> files = files(options.inputs());
    long totalBytes = 0;
    for (Path file : files) {
      try {
        totalBytes += Files.size(file);
      } catch (IOException e) {
        throw new LoadException(file + ": cannot read: " + e.getMessage(), e);
      }
    }
    Run run = new Run(Math.max(1, options.threads()), totalBytes);
    long start = System.nanoTime();
    run.start = start;
    try {
      for (Path file : files) {
        if (run.failure.get() != null) {
          break;
        }
        read(file, options, run);
      }
    } finally {
      run.finish();
    }
    Failure failure = run.failure.get();
    if (failure != null) {
      throw new LoadException(
          "the load stopped at "
              + failure.where
              + ": "
              + failure.cause.getMessage()
              + ". Every row before "
              + failure.where
              + " is stored; later rows may be partly stored. Run the same load again to finish"
              + " it (rows already stored are simply replaced).",
          failure.cause);
    }
    long elapsed = System.nanoTime() - start;
    listener.progress(
        new LoadProgress(run.rows.get(), run.lines.get(), run.bytes.get(), totalBytes, elapsed));
    return new Summary(
        run.rows.get(), run.lines.get(), run.bad.get(), files.size(), run.bytes.get(), elapsed);
  }

  private record Failure(long sequence, String where, Exception cause) {}

  /** The state of one load. */
  private final class Run {
    final ExecutorService workers;
    final Semaphore inFlight;
    final long totalBytes;
    final AtomicLong rows = new AtomicLong();
    final AtomicLong lines = new AtomicLong();
    final AtomicLong bad = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();
    final AtomicReference<Failure> failure = new AtomicReference<>();
    long start;
    long nextReport;
    long sequence;

    Run(int threads, long totalBytes) {
      this.workers =
          Executors.newFixedThreadPool(
              threads, r -> Thread.ofPlatform().daemon().name("metron-load").unstarted(r));
      this.inFlight = new Semaphore(threads * 2);
      this.totalBytes = totalBytes;
    }

    void submit(Batch batch) throws InterruptedException {
      inFlight.acquire();
      workers.execute(
          () -> {
            try {
              Failure failed = failure.get();
              // Batches before a failed one are still stored, so "everything before" holds.
              if (failed == null || batch.sequence() < failed.sequence()) {
                process(batch, this);
              }
            } finally {
              inFlight.release();
            }
          });
      long now = System.nanoTime();
      if (now >= nextReport) {
        nextReport = now + 200_000_000L;
        listener.progress(
            new LoadProgress(rows.get(), lines.get(), bytes.get(), totalBytes, now - start));
      }
    }

    void finish() {
      workers.shutdown();
      try {
        while (!workers.awaitTermination(1, TimeUnit.SECONDS)) {
          // waits for the batches in flight to be stored
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        workers.shutdownNow();
      }
    }
  }

  private void read(Path file, Options options, Run run) throws LoadException {
    String name = file.toString();
    try (CountingStream counted = new CountingStream(Files.newInputStream(file), run.bytes);
        BufferedReader reader =
            new BufferedReader(
                new InputStreamReader(
                    counted,
                    StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE)),
                1 << 16)) {
      if (options.wholeFile()) {
        StringBuilder all = new StringBuilder();
        char[] buffer = new char[1 << 16];
        int n;
        while ((n = reader.read(buffer)) > 0) {
          all.append(buffer, 0, n);
        }
        run.submit(new Batch(run.sequence++, name, 1, List.of(all.toString())));
        return;
      }
      int batchSize = Math.max(1, options.batchSize());
      List<String> units = new ArrayList<>(batchSize);
      long lineNumber = 0;
      long first = 1;
      String line;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        units.add(line);
        if (units.size() >= batchSize) {
          run.submit(new Batch(run.sequence++, name, first, units));
          if (run.failure.get() != null) {
            return;
          }
          units = new ArrayList<>(batchSize);
          first = lineNumber + 1;
        }
      }
      if (!units.isEmpty()) {
        run.submit(new Batch(run.sequence++, name, first, units));
      }
    } catch (IOException e) {
      throw new LoadException(name + ": cannot read: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LoadException("the load was interrupted while reading " + name, e);
    }
  }

  private void process(Batch batch, Run run) {
    List<TableRow> rows = new ArrayList<>(batch.units().size());
    for (int i = 0; i < batch.units().size(); i++) {
      try {
        rows.addAll(extractor.extract(batch.units().get(i)));
      } catch (BadRowException e) {
        run.bad.incrementAndGet();
        listener.badRow(batch.file() + ":" + (batch.firstLine() + i), e.getMessage());
      } catch (RuntimeException e) {
        run.bad.incrementAndGet();
        listener.badRow(batch.file() + ":" + (batch.firstLine() + i), "cannot extract: " + e);
      }
    }
    try {
      if (!rows.isEmpty()) {
        sink.write(rows);
      }
      run.rows.addAndGet(rows.size());
      run.lines.addAndGet(batch.units().size());
    } catch (IOException | RuntimeException e) {
      Failure failure = new Failure(batch.sequence(), batch.file() + ":" + batch.firstLine(), e);
      // Keep the earliest failing batch: the promise is about every row before it.
      run.failure.accumulateAndGet(
          failure, (a, b) -> a == null || b.sequence() < a.sequence() ? b : a);
    }
  }

  /** Counts the bytes read, for the progress bar's percentage and ETA. */
  private static final class CountingStream extends FilterInputStream {
    private final AtomicLong count;

    CountingStream(InputStream in, AtomicLong count) {
      super(in);
      this.count = count;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count.incrementAndGet();
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count.addAndGet(n);
      }
      return n;
    }
  }
}
