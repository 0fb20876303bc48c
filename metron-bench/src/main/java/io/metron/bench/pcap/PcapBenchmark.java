package io.metron.bench.pcap;

import io.metron.pcap.decode.DecodedPacket;
import io.metron.pcap.decode.PacketDecoder;
import io.metron.pcap.file.PacketReader;
import io.metron.pcap.filter.FixedFilter;
import io.metron.pcap.query.PcapOutput;
import io.metron.pcap.query.PcapQuery;
import io.metron.pcap.query.PcapQueryEngine;
import io.metron.pcap.query.QueryResult;
import io.metron.pcap.query.TimeRange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Pcap benchmarks.
 *
 * <ul>
 *   <li>{@code decodeFile}: read and decode every packet of the plain pcap (Metron's fields), to
 *       set beside {@code tshark -T fields} on the same file.
 *   <li>{@code queryStoreOneFlow}: the store query for one flow (both directions) in the middle
 *       half of the time span, to set beside {@code tcpdump -r} with the equivalent BPF.
 * </ul>
 *
 * <p>Run: {@code java -jar metron-bench/target/benchmarks.jar PcapBenchmark -p mib=256}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgs = {"--enable-native-access=ALL-UNNAMED", "-Xmx2g"})
public class PcapBenchmark {
  @Param({"256"})
  int mib;

  @Param({"/tmp/metron-pcap-bench"})
  String dir;

  Path pcap;
  Path store;
  PcapQuery flowQuery;
  final PcapQueryEngine engine = new PcapQueryEngine(null);

  @Setup
  public void setUp() throws IOException {
    pcap = PcapData.pcap(Path.of(dir), mib);
    store = PcapData.store(Path.of(dir), mib);
    long span = PcapData.end(mib) - PcapData.START;
    flowQuery =
        PcapQuery.of(new TimeRange(PcapData.START + span / 4, PcapData.START + span / 4 * 3))
            .withFixed(
                FixedFilter.parse(PcapData.FLOW_SRC, PcapData.FLOW_DST, null, null, null, true));
  }

  @Benchmark
  public long decodeFile(Blackhole bh) throws IOException {
    PacketDecoder decoder = new PacketDecoder();
    DecodedPacket p = new DecodedPacket();
    long n = 0;
    try (PacketReader r = PacketReader.open(pcap)) {
      while (r.next()) {
        decoder.decode(
            r.linkType(),
            r.buffer(),
            r.dataOffset(),
            r.capturedLength(),
            r.originalLength(),
            r.timestampNanos(),
            p);
        bh.consume(p.srcPort() + p.dstPort() + p.protocol());
        n++;
      }
    }
    return n;
  }

  @Benchmark
  public long queryStoreOneFlow() throws IOException {
    QueryResult r =
        engine.queryStore(flowQuery, store, PcapOutput.toStream(OutputStream.nullOutputStream()));
    return r.packetsMatched();
  }
}
