package io.metron.pcap.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.metron.pcap.file.PcapHeader;
import io.metron.pcap.filter.FixedFilter;
import io.metron.pcap.query.PcapOutput;
import io.metron.pcap.query.PcapQuery;
import io.metron.pcap.query.PcapQueryEngine;
import io.metron.pcap.query.QueryResult;
import io.metron.pcap.query.TimeRange;
import io.metron.pcap.testing.Records;
import io.metron.pcap.testing.Traffic;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PacketStoreTest {
  @TempDir Path dir;
  final AtomicLong now = new AtomicLong(1_430_000_000_000L);
  final InstantSource clock = () -> Instant.ofEpochMilli(now.get());
  final PcapQueryEngine engine = new PcapQueryEngine(null);

  private StoreConfig config() {
    return StoreConfig.defaults(dir.resolve("store")).withRoll(64 * 1024, Duration.ofMinutes(5));
  }

  private List<Traffic.Pkt> fill(PacketStore store, long seed, int n) throws Exception {
    List<Traffic.Pkt> pkts = Traffic.generate(seed, n, true);
    int i = 0;
    for (Traffic.Pkt p : pkts) {
      store.append(i++ % 2, p.timestampNanos(), p.data());
    }
    return pkts;
  }

  private List<Records.Rec> viaStore(PcapQuery q) throws Exception {
    Path out = dir.resolve("store-result.pcap");
    QueryResult r = engine.queryStore(q, dir.resolve("store"), PcapOutput.toFile(out));
    assertThat(r.warnings()).isEmpty();
    return Records.read(out);
  }

  private List<Records.Rec> viaScan(List<Traffic.Pkt> pkts, PcapQuery q) throws Exception {
    Path in = Traffic.write(dir.resolve("all.pcap"), pkts, PcapHeader.ethernet(true));
    Path out = dir.resolve("scan-result.pcap");
    engine.queryFiles(q, List.of(in), PcapOutput.toFile(out));
    // the store returns packets in time order
    return Records.read(out).stream()
        .sorted(Comparator.comparingLong(Records.Rec::timestampNanos))
        .toList();
  }

  @Test
  void anOutputTheCallerClosesAgainKeepsTheResults() throws Exception {
    // The server's pcap jobs hold the output in try-with-resources; the engine closes it too.
    try (PacketStore store = PacketStore.open(config(), clock)) {
      fill(store, 5, 200);
    }
    Path out = dir.resolve("closed-twice.pcap");
    QueryResult r;
    try (PcapOutput o = PcapOutput.toFile(out)) {
      r = engine.queryStore(PcapQuery.of(TimeRange.ALL), dir.resolve("store"), o);
    }
    assertThat(r.packetsMatched()).isEqualTo(200);
    assertThat(Records.read(out)).hasSize(200);
  }

  @Test
  void indexedQueriesReturnWhatAFullScanReturns() throws Exception {
    List<Traffic.Pkt> pkts;
    try (PacketStore store = PacketStore.open(config(), clock)) {
      pkts = fill(store, 9, 4000);
      assertThat(store.stats().filesSealed()).isGreaterThan(5);
    }
    long t0 = pkts.get(1000).timestampNanos();
    long t1 = pkts.get(3000).timestampNanos();
    List<PcapQuery> queries =
        List.of(
            PcapQuery.of(TimeRange.ALL),
            PcapQuery.of(new TimeRange(t0, t1)),
            PcapQuery.of(TimeRange.ALL)
                .withFixed(FixedFilter.parse("10.0.0.1", "10.0.0.2", null, null, null, false)),
            PcapQuery.of(new TimeRange(t0, t1))
                .withFixed(FixedFilter.parse("10.0.0.1", "10.0.0.2", null, "80", "6", true)),
            PcapQuery.of(TimeRange.ALL)
                .withFixed(FixedFilter.parse(null, "2001:db8::2", null, null, null, true)),
            PcapQuery.of(TimeRange.ALL)
                .withFixed(FixedFilter.parse(null, null, "53", null, "udp", false)),
            PcapQuery.of(TimeRange.ALL).withPacketFilter("vlan and tcp"));
    for (PcapQuery q : queries) {
      List<Records.Rec> expected = viaScan(pkts, q);
      assertThat(expected).as(q.toString()).isNotEmpty();
      assertThat(viaStore(q)).as(q.toString()).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void aQueryForOneFlowReadsOnlyThatFlowsPackets() throws Exception {
    try (PacketStore store = PacketStore.open(config(), clock)) {
      fill(store, 4, 4000);
    }
    PcapQuery q =
        PcapQuery.of(TimeRange.ALL)
            .withFixed(FixedFilter.parse("10.0.0.3", "192.168.7.9", "80", "443", "6", false));
    QueryResult r =
        engine.queryStore(q, dir.resolve("store"), PcapOutput.toFile(dir.resolve("o.pcap")));
    assertThat(r.packetsMatched()).isPositive();
    assertThat(r.packetsExamined()).isEqualTo(r.packetsMatched());
  }

  @Test
  void recoversFilesACrashLeftOpenCuttingThePartialRecord() throws Exception {
    Path root = dir.resolve("store");
    List<Traffic.Pkt> pkts = Traffic.generate(5, 50, false);
    PacketStore store = PacketStore.open(config(), clock);
    for (Traffic.Pkt p : pkts) {
      store.append(0, p.timestampNanos(), p.data());
    }
    store.flush();
    // simulate a crash: the process dies mid-record, never sealing the file
    Path data = StoreFile.list(root).getFirst().data();
    try (FileChannel ch = FileChannel.open(data, StandardOpenOption.APPEND)) {
      ch.write(
          java.nio.ByteBuffer.wrap(
              new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19}));
    }
    long sizeWithJunk = Files.size(data);
    // mid-crash, a query sees the whole records of the open file
    List<Records.Rec> during = viaStore(PcapQuery.of(TimeRange.ALL));
    assertThat(during).hasSize(50);

    try (PacketStore reopened = PacketStore.open(config(), clock)) {
      assertThat(reopened.stats().bytesTruncated()).isEqualTo(19);
      assertThat(reopened.stats().filesSealed()).isEqualTo(1);
    }
    assertThat(Files.size(data)).isEqualTo(sizeWithJunk - 19);
    assertThat(StoreFile.list(root).getFirst().sealed()).isTrue();
    assertThat(viaStore(PcapQuery.of(TimeRange.ALL))).hasSize(50);
    assertThat(Records.read(data)).hasSize(50);
  }

  @Test
  void rollsByAgeAndDeletesByRetention() throws Exception {
    StoreConfig cfg =
        config().withRoll(1 << 20, Duration.ofMinutes(1)).withRetention(Duration.ofMinutes(10), 0);
    try (PacketStore store = PacketStore.open(cfg, clock)) {
      for (int minute = 0; minute < 30; minute++) {
        long ts = now.get() * 1_000_000L;
        store.append(0, ts, io.metron.pcap.testing.Packets.arp("10.0.0.1", "10.0.0.2"));
        now.addAndGet(60_000);
        store.tick();
      }
      assertThat(store.stats().filesDeleted()).isGreaterThan(15);
    }
    List<StoreFile> left = StoreFile.list(cfg.root());
    assertThat(left.size()).isBetween(9, 12);
    long cutoff = (now.get() - Duration.ofMinutes(10).toMillis()) * 1_000_000L;
    assertThat(left)
        .allSatisfy(
            f -> assertThat(f.startNanos()).isGreaterThanOrEqualTo(cutoff - 60_000_000_000L));
  }

  @Test
  void retentionBySizeKeepsTheNewest() throws Exception {
    StoreConfig cfg =
        config().withRoll(16 * 1024, Duration.ofHours(1)).withRetention(null, 100 * 1024);
    try (PacketStore store = PacketStore.open(cfg, clock)) {
      fill(store, 8, 3000);
    }
    long total = 0;
    for (StoreFile f : StoreFile.list(cfg.root())) {
      total += Files.size(f.data()) + Files.size(f.index());
    }
    assertThat(total).isLessThanOrEqualTo(100 * 1024).isGreaterThan(50 * 1024);
  }
}
