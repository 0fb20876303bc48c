package io.metron.bench.pcap;

import io.metron.pcap.file.PcapHeader;
import io.metron.pcap.file.PcapWriter;
import io.metron.pcap.store.PacketStore;
import io.metron.pcap.store.StoreConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Random;

/**
 * Generates benchmark traffic: TCP and UDP between 2,000 hosts, about 700 bytes a packet, with one
 * chosen flow (10.99.0.1:40000 to 10.99.0.2:443) making up about 0.3% of packets. Written once as a
 * plain pcap and once as a packet store, both reused across runs when their marker exists.
 *
 * <p>Run directly to (re)generate: {@code java -cp benchmarks.jar io.metron.bench.pcap.PcapData
 * /tmp/metron-pcap-bench 1024} (size in MiB).
 */
public final class PcapData {
  static final String FLOW_SRC = "10.99.0.1";
  static final String FLOW_DST = "10.99.0.2";
  static final long START = 1_700_000_000_000_000_000L;

  private PcapData() {}

  /** The plain pcap of {@code mib} MiB under {@code dir}. */
  public static Path pcap(Path dir, int mib) throws IOException {
    Path f = dir.resolve("bench-" + mib + "m.pcap");
    if (!Files.exists(f)) {
      Files.createDirectories(dir);
      generate(f, null, mib);
    }
    return f;
  }

  /** The packet store of {@code mib} MiB under {@code dir}. */
  public static Path store(Path dir, int mib) throws IOException {
    Path root = dir.resolve("store-" + mib + "m");
    Path done = root.resolve("complete");
    if (!Files.exists(done)) {
      Files.createDirectories(root);
      StoreConfig cfg = StoreConfig.defaults(root).withRoll(128L << 20, Duration.ofDays(365));
      try (PacketStore store = PacketStore.open(cfg, InstantSource.system())) {
        generate(null, store, mib);
      }
      Files.writeString(done, "ok");
    }
    return root;
  }

  /** Timestamp span of the generated data, for time-range queries: one packet every 10 µs. */
  static long end(int mib) {
    return START + (long) mib * (1L << 20) / 716 * 10_000L;
  }

  private static void generate(Path pcap, PacketStore store, int mib) throws IOException {
    Random r = new Random(mib);
    long bytes = (long) mib << 20;
    long written = 0;
    long ts = START;
    byte[] frame = new byte[1514];
    try (PcapWriter w = pcap == null ? null : PcapWriter.create(pcap, PcapHeader.ethernet(false))) {
      while (written < bytes) {
        ts += 10_000;
        boolean flow = r.nextInt(1000) < 3;
        int len = 60 + r.nextInt(1300);
        int host1 = r.nextInt(2000);
        int host2 = r.nextInt(2000);
        build(
            frame,
            len,
            flow ? ip(99, 0, 1) : ip(0, host1 >> 8, host1 & 0xff),
            flow ? ip(99, 0, 2) : ip(1, host2 >> 8, host2 & 0xff),
            flow ? 40000 : 1024 + r.nextInt(60000),
            flow ? 443 : (r.nextBoolean() ? 80 : 53),
            flow || r.nextInt(4) != 0 ? 6 : 17);
        if (w != null) {
          w.write(ts, len, frame, 0, len);
        } else {
          store.append(0, ts, frame, 0, len, len);
        }
        written += 16 + len;
      }
    }
  }

  private static int ip(int b, int c, int d) {
    return (10 << 24) | (b << 16) | (c << 8) | d;
  }

  private static void build(byte[] f, int len, int src, int dst, int sport, int dport, int proto) {
    ByteBuffer b = ByteBuffer.wrap(f);
    b.put(new byte[] {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1}).putShort((short) 0x0800);
    b.put((byte) 0x45).put((byte) 0).putShort((short) (len - 14)).putInt(0);
    b.put((byte) 64).put((byte) proto).putShort((short) 0).putInt(src).putInt(dst);
    b.putShort((short) sport).putShort((short) dport);
    if (proto == 17) {
      b.putShort((short) (len - 34)).putShort((short) 0);
    } else {
      b.putInt(1).putInt(0).put((byte) 0x50).put((byte) 0x18).putShort((short) 65535).putInt(0);
    }
  }

  /** Generates the data sets: {@code PcapData DIR MIB...}. */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "/tmp/metron-pcap-bench");
    for (int i = 1; i < Math.max(2, args.length); i++) {
      int mib = args.length > i ? Integer.parseInt(args[i]) : 256;
      long t0 = System.nanoTime();
      pcap(dir, mib);
      store(dir, mib);
      System.out.printf("%d MiB generated in %.1f s%n", mib, (System.nanoTime() - t0) / 1e9);
    }
  }
}
