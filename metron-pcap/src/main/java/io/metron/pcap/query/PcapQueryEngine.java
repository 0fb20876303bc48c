package io.metron.pcap.query;

import io.metron.pcap.decode.DecodedPacket;
import io.metron.pcap.decode.PacketDecoder;
import io.metron.pcap.file.PacketReader;
import io.metron.pcap.file.PcapFormatException;
import io.metron.pcap.filter.BpfFilter;
import io.metron.pcap.filter.BytePattern;
import io.metron.pcap.filter.PacketPredicate;
import io.metron.pcap.filter.QueryCompiler;
import io.metron.pcap.store.DataFile;
import io.metron.pcap.store.FlowIndex;
import io.metron.pcap.store.StoreFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs {@link PcapQuery}s over pcap files or the packet store.
 *
 * <p>Over files, packets come out in input order, so the result of a fixed or BPF filter equals
 * {@code tcpdump -r in.pcap -w out.pcap 'expression'}. Over the store, each sealed file's flow
 * index gives the offsets of candidate packets (by 5-tuple, direction and time); only those are
 * read, re-checked in full, and written in timestamp order. Files still being written have no index
 * and are scanned.
 *
 * <p>Thread-safe: each call has its own state. A bad expression fails before any output with an
 * {@link IllegalArgumentException} naming it; damaged inputs become warnings in the {@link
 * QueryResult} after their readable packets are used.
 */
public final class PcapQueryEngine {
  private final QueryCompiler stellar;

  /**
   * @param stellar compiles {@code --query} expressions; null when this build has no Stellar (a
   *     query using one is then refused)
   */
  public PcapQueryEngine(QueryCompiler stellar) {
    this.stellar = stellar;
  }

  /** Queries plain pcap or pcapng files, in the order given; {@code -} reads standard input. */
  public QueryResult queryFiles(PcapQuery query, List<Path> files, PcapOutput out)
      throws IOException {
    Run run = new Run(query);
    for (Path f : files) {
      PacketReader r;
      try {
        r =
            f.toString().equals("-")
                ? PacketReader.open(stdin(), "standard input")
                : PacketReader.open(f);
      } catch (NoSuchFileException e) {
        run.warnings.add(f + ": no such file");
        continue;
      } catch (PcapFormatException e) {
        run.warnings.add(e.getMessage());
        continue;
      }
      run.files++;
      try (r) {
        if (r.linkType() >= 0) {
          out.offerHeader(r.linkType(), r.snapLength(), r.nanos());
        }
        run.scan(r, out);
      }
    }
    out.close();
    return run.result(out);
  }

  private static InputStream stdin() {
    return System.in;
  }

  /** Queries the packet store under {@code root}. */
  public QueryResult queryStore(PcapQuery query, Path root, PcapOutput out) throws IOException {
    Run run = new Run(query);
    TimeRange range = query.range();
    List<StoreFile> all = StoreFile.list(root);
    List<Candidates> perFile = new ArrayList<>();
    for (StoreFile f : all) {
      if (f.startNanos() >= range.endNanos()) {
        continue;
      }
      if (f.sealed()) {
        FlowIndex.Reader idx;
        try {
          idx = FlowIndex.Reader.open(f.index());
        } catch (IOException e) {
          run.warnings.add(e.getMessage() + "; scanning the file instead");
          perFile.add(scanOpenFile(run, f, out));
          continue;
        }
        try (idx) {
          if (idx.packets() == 0
              || idx.maxTimestamp() < range.startNanos()
              || idx.minTimestamp() >= range.endNanos()) {
            continue;
          }
          Candidates c = new Candidates(f, idx.dataLength());
          idx.lookup(query.fixed(), range.startNanos(), range.endNanos(), c::add);
          if (c.size > 0) {
            perFile.add(c);
          }
        }
      } else {
        Candidates c = scanOpenFile(run, f, out);
        if (c != null && c.size > 0) {
          perFile.add(c);
        }
      }
    }
    writeInTimeOrder(run, perFile, out);
    out.close();
    return run.result(out);
  }

  /** Finds matches in a file without an index: a sequential read up to its last whole record. */
  private Candidates scanOpenFile(Run run, StoreFile f, PcapOutput out) throws IOException {
    Candidates c = new Candidates(f, Long.MAX_VALUE);
    try (PacketReader r = PacketReader.open(f.data())) {
      run.files++;
      long end = 0;
      try {
        while (r.next()) {
          end = r.recordOffset() + 16 + r.capturedLength();
          if (run.range.contains(r.timestampNanos())) {
            c.add(r.recordOffset(), r.timestampNanos());
          }
        }
      } catch (PcapFormatException e) {
        // A file being written ends in a partial record: stop at the last whole one.
      }
      c.dataLength = end;
    } catch (NoSuchFileException e) {
      return null;
    } catch (PcapFormatException e) {
      return null;
    }
    return c;
  }

  private void writeInTimeOrder(Run run, List<Candidates> perFile, PcapOutput out)
      throws IOException {
    int total = 0;
    for (Candidates c : perFile) {
      total += c.size;
    }
    // Sort (timestamp, file, offset) triples through one index array.
    long[] ts = new long[total];
    int[] file = new int[total];
    long[] off = new long[total];
    int n = 0;
    for (int fi = 0; fi < perFile.size(); fi++) {
      Candidates c = perFile.get(fi);
      for (int i = 0; i < c.size; i++, n++) {
        ts[n] = c.times[i];
        file[n] = fi;
        off[n] = c.offsets[i];
      }
    }
    Integer[] order = new Integer[total];
    for (int i = 0; i < total; i++) {
      order[i] = i;
    }
    Arrays.sort(
        order,
        (x, y) -> {
          int cmp = Long.compare(ts[x], ts[y]);
          if (cmp != 0) {
            return cmp;
          }
          cmp = Integer.compare(file[x], file[y]);
          return cmp != 0 ? cmp : Long.compare(off[x], off[y]);
        });
    Map<Integer, DataFile> mapped = new HashMap<>();
    byte[] buf = new byte[65536];
    try {
      for (int i = 0; i < total; i++) {
        int idx = order[i];
        Candidates c = perFile.get(file[idx]);
        DataFile df = mapped.get(file[idx]);
        if (df == null) {
          df = DataFile.open(c.file.data(), c.dataLength);
          mapped.put(file[idx], df);
          run.files++;
        }
        try {
          buf = df.read(off[idx], buf);
        } catch (PcapFormatException e) {
          run.warnings.add(e.getMessage());
          continue;
        }
        run.examined++;
        run.decoder.decode(
            df.linkType(),
            buf,
            0,
            df.capturedLength(),
            df.originalLength(),
            df.timestampNanos(),
            run.packet);
        if (run.test(df.linkType(), df.snapLength(), run.packet)) {
          run.emit(out, df.linkType(), df.snapLength(), df.nanos(), run.packet);
        }
      }
    } finally {
      for (DataFile df : mapped.values()) {
        df.close();
      }
    }
  }

  /** Candidate postings of one store file. */
  private static final class Candidates {
    final StoreFile file;
    long dataLength;
    long[] offsets = new long[16];
    long[] times = new long[16];
    int size;

    Candidates(StoreFile file, long dataLength) {
      this.file = file;
      this.dataLength = dataLength;
    }

    void add(long offset, long ts) {
      if (size == offsets.length) {
        offsets = Arrays.copyOf(offsets, size * 2);
        times = Arrays.copyOf(times, size * 2);
      }
      offsets[size] = offset;
      times[size] = ts;
      size++;
    }
  }

  /** State of one query execution. */
  private final class Run {
    final PcapQuery query;
    final TimeRange range;
    final PacketDecoder decoder = new PacketDecoder();
    final DecodedPacket packet = new DecodedPacket();
    final BytePattern pattern;
    final PacketPredicate stellarPredicate;
    final Map<Integer, PacketPredicate> perLink = new HashMap<>();
    final List<String> warnings = new ArrayList<>();
    long examined;
    long skippedLink;
    int files;

    Run(PcapQuery query) {
      this.query = query;
      this.range = query.range();
      this.pattern = query.bytePattern() == null ? null : BytePattern.compile(query.bytePattern());
      if (query.stellar() != null) {
        if (stellar == null) {
          throw new IllegalArgumentException(
              "--query: Stellar filtering is not available in this build");
        }
        this.stellarPredicate = stellar.compile(query.stellar());
      } else {
        this.stellarPredicate = null;
      }
      if (query.packetFilter() != null) {
        // Compile once up front so a bad expression fails before any output is written.
        BpfFilter.compile(query.packetFilter(), 1, 262144);
      }
    }

    boolean test(int linkType, int snapLength, DecodedPacket p) {
      PacketPredicate pred = perLink.get(linkType);
      if (pred == null) {
        pred = build(linkType, snapLength);
        perLink.put(linkType, pred);
      }
      return pred.test(p);
    }

    private PacketPredicate build(int linkType, int snapLength) {
      PacketPredicate pred = query.fixed().isAny() ? PacketPredicate.ALL : query.fixed();
      if (query.packetFilter() != null) {
        pred = pred.and(BpfFilter.compile(query.packetFilter(), linkType, snapLength));
      }
      if (pattern != null) {
        BytePattern bp = pattern;
        pred = pred.and(p -> bp.find(p.buffer(), p.offset(), p.length()) >= 0);
      }
      if (stellarPredicate != null) {
        pred = pred.and(stellarPredicate);
      }
      return pred;
    }

    void scan(PacketReader r, PcapOutput out) throws IOException {
      try {
        while (r.next()) {
          long ts = r.timestampNanos();
          if (!range.contains(ts)) {
            continue;
          }
          examined++;
          int link = r.linkType();
          decoder.decode(
              link, r.buffer(), r.dataOffset(), r.capturedLength(), r.originalLength(), ts, packet);
          if (test(link, r.snapLength(), packet)) {
            emit(out, link, r.snapLength(), r.nanos(), packet);
          }
        }
      } catch (PcapFormatException e) {
        warnings.add(e.getMessage() + "; the packets before it were used");
      }
    }

    void emit(PcapOutput out, int link, int snap, boolean nanos, DecodedPacket p)
        throws IOException {
      if (!out.write(
          link,
          snap,
          nanos,
          p.timestampNanos(),
          p.originalLength(),
          p.buffer(),
          p.offset(),
          p.length())) {
        skippedLink++;
      }
    }

    QueryResult result(PcapOutput out) {
      if (skippedLink > 0) {
        warnings.add(
            skippedLink
                + " matching packet(s) skipped: their link type differs from the output's ("
                + out.linkType()
                + "); query those inputs separately");
      }
      return new QueryResult(examined, out.packets(), files, out.files(), List.copyOf(warnings));
    }
  }
}
