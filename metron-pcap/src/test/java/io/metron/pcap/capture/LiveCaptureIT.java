package io.metron.pcap.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.metron.pcap.file.PcapHeader;
import io.metron.pcap.filter.FixedFilter;
import io.metron.pcap.libpcap.PcapHandle;
import io.metron.pcap.query.PcapOutput;
import io.metron.pcap.query.PcapQuery;
import io.metron.pcap.query.PcapQueryEngine;
import io.metron.pcap.query.TimeRange;
import io.metron.pcap.store.PacketStore;
import io.metron.pcap.store.StoreConfig;
import io.metron.pcap.testing.Records;
import io.metron.pcap.testing.Tools;
import io.metron.pcap.testing.Traffic;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live capture through libpcap on a veth pair: the test creates a network namespace holding one
 * end, replays a pcap it wrote onto that end with tcpreplay, and captures on the other end. The
 * namespace (and with it the pair) is removed even when the test fails. Needs root.
 */
class LiveCaptureIT {
  @TempDir Path dir;
  VethPair veth;
  String outside;

  @BeforeEach
  void vethPair() throws Exception {
    veth = VethPair.create("mtpc");
    outside = veth.outside();
  }

  @AfterEach
  void cleanUp() {
    veth.close();
  }

  /** Captures what tcpreplay sends until {@code expected} packets arrived (or 30 s passed). */
  private List<Records.Rec> replayAndCapture(Path pcap, int expected, PacketSink extra)
      throws Exception {
    List<Records.Rec> got = new ArrayList<>();
    PacketSink collect =
        new PacketSink() {
          @Override
          public boolean accept(long ts, int orig, byte[] data, int off, int len)
              throws IOException {
            got.add(new Records.Rec(ts, orig, Arrays.copyOfRange(data, off, off + len)));
            return extra == null || extra.accept(ts, orig, data, off, len);
          }

          @Override
          public void flush() throws IOException {
            if (extra != null) {
              extra.flush();
            }
          }

          @Override
          public void close() {}
        };
    Capture capture =
        new Capture(
            CaptureOptions.live(outside)
                .withMaxPackets(expected)
                .withStatsInterval(Duration.ofMillis(200)),
            InstantSource.system());
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<CaptureCounters> reports = new ArrayList<>();
    try (PcapHandle handle = capture.open()) {
      Thread t = inBackground(capture, handle, collect, reports::add, failure);
      veth.inNamespace("tcpreplay", "-q", "-i", veth.inside(), pcap.toString());
      t.join(30_000);
      capture.stop();
      t.join(5_000);
      assertThat(failure.get()).isNull();
      CaptureCounters c = capture.counters();
      assertThat(c.received()).isEqualTo(expected);
      assertThat(c.droppedByKernel()).isZero();
      assertThat(c.droppedByUs()).isZero();
    }
    return got;
  }

  @Test
  void capturesExactlyWhatWasReplayed() throws Exception {
    List<Traffic.Pkt> sent = Traffic.generate(21, 400, true);
    Path pcap = Traffic.write(dir.resolve("replay.pcap"), sent, PcapHeader.ethernet(false));
    List<Records.Rec> got = replayAndCapture(pcap, sent.size(), null);
    assertThat(got).hasSize(sent.size());
    for (int i = 0; i < sent.size(); i++) {
      assertThat(got.get(i).data()).as("packet " + (i + 1)).isEqualTo(sent.get(i).data());
    }
  }

  /** The "done when": replayed, captured, stored, queried for one flow = tshark's flow. */
  @Test
  void capturedStoredAndQueriedFlowEqualsTsharksFlow() throws Exception {
    List<Traffic.Pkt> sent = Traffic.generate(22, 600, false);
    Path pcap = Traffic.write(dir.resolve("replay.pcap"), sent, PcapHeader.ethernet(false));
    StoreConfig cfg =
        StoreConfig.defaults(dir.resolve("store")).withRoll(32 * 1024, Duration.ofMinutes(5));
    try (PacketStore store = PacketStore.open(cfg, InstantSource.system())) {
      PacketSink toStore =
          new PacketSink() {
            @Override
            public boolean accept(long ts, int orig, byte[] data, int off, int len)
                throws IOException {
              store.append(0, ts, data, off, len, orig);
              return true;
            }

            @Override
            public void flush() throws IOException {
              store.flush();
            }

            @Override
            public void close() {}
          };
      replayAndCapture(pcap, sent.size(), toStore);
    }
    Path ours = dir.resolve("flow.pcap");
    new PcapQueryEngine(null)
        .queryStore(
            PcapQuery.of(TimeRange.ALL)
                .withFixed(FixedFilter.parse("10.0.0.1", "10.0.0.2", null, "80", "tcp", true)),
            cfg.root(),
            PcapOutput.toFile(ours));
    Path theirs = dir.resolve("tshark.pcap");
    Tools.check(
        "tshark",
        "-r",
        pcap.toString(),
        "-n",
        "-Y",
        "tcp && ((ip.src==10.0.0.1 && ip.dst==10.0.0.2 && tcp.dstport==80)"
            + " || (ip.src==10.0.0.2 && ip.dst==10.0.0.1 && tcp.srcport==80))",
        "-F",
        "pcap",
        "-w",
        theirs.toString());
    List<byte[]> expected = Records.read(theirs).stream().map(Records.Rec::data).toList();
    List<byte[]> actual = Records.read(ours).stream().map(Records.Rec::data).toList();
    assertThat(expected).isNotEmpty();
    assertThat(actual).containsExactlyElementsOf(expected);
  }

  /** Ctrl-C on a quiet interface: libpcap's read would wait for traffic; stop() breaks it. */
  @Test
  void stopEndsACaptureOnAnIdleInterface() throws Exception {
    Capture capture = new Capture(CaptureOptions.live(outside), InstantSource.system());
    AtomicReference<Throwable> failure = new AtomicReference<>();
    try (PcapHandle handle = capture.open()) {
      Thread t = inBackground(capture, handle, new DiscardingSink(), c -> {}, failure);
      // Let the loop reach libpcap's blocking read before stopping it.
      Thread.sleep(500);
      capture.stop();
      t.join(20_000);
      assertThat(t.isAlive()).as("capture thread still blocked after stop()").isFalse();
    }
    assertThat(failure.get()).isNull();
    assertThat(capture.counters().received()).isZero();
  }

  /** Runs the capture loop on its own thread, keeping what it throws. */
  private static Thread inBackground(
      Capture capture,
      PcapHandle handle,
      PacketSink sink,
      Consumer<CaptureCounters> reports,
      AtomicReference<Throwable> failure) {
    return Thread.ofPlatform()
        .start(
            () -> {
              try {
                capture.run(handle, sink, reports);
              } catch (Throwable e) {
                failure.set(e);
              }
            });
  }

  /** A sink that takes every packet and keeps none. */
  private static final class DiscardingSink implements PacketSink {
    @Override
    public boolean accept(long ts, int orig, byte[] data, int off, int len) {
      return true;
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
