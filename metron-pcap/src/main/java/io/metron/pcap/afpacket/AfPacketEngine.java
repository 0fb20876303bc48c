package io.metron.pcap.afpacket;

import io.metron.pcap.capture.CaptureCounters;
import io.metron.pcap.capture.CaptureEngine;
import io.metron.pcap.capture.CaptureOptions;
import io.metron.pcap.capture.PacketSink;
import io.metron.pcap.libpcap.BpfCompiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Linux capture without libpcap in the packet path: {@code threads} AF_PACKET sockets on one
 * interface, each with its own TPACKET_V3 ring and capture thread, joined in one {@code
 * PACKET_FANOUT} group in hash mode so the kernel spreads flows over the threads (one flow always
 * reaches the same thread, so its packets stay in order). Each thread takes a whole ring block at a
 * time, hands every frame to the sink and gives the block back. Kernel drops come from {@code
 * PACKET_STATISTICS}. Filters are compiled by libpcap ({@code pcap_compile}) and attached with
 * {@code SO_ATTACH_FILTER}, so an expression means what it means to tcpdump.
 */
public final class AfPacketEngine implements CaptureEngine {
  /** DLT_EN10MB: ring frames of Ethernet and loopback interfaces start with an Ethernet header. */
  static final int ETHERNET = 1;

  private static final int POLL_MILLIS = 100;

  private final CaptureOptions options;
  private final InstantSource clock;
  private final List<PacketSocket> sockets;
  private final List<Worker> workers = new ArrayList<>();
  private final AtomicLong taken = new AtomicLong();
  private volatile boolean stopping;

  private AfPacketEngine(CaptureOptions options, InstantSource clock, List<PacketSocket> sockets) {
    this.options = options;
    this.clock = clock;
    this.sockets = sockets;
  }

  /** True on Linux, where AF_PACKET exists. */
  public static boolean supported() {
    return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");
  }

  /**
   * Opens {@code threads} sockets on the live interface of {@code options}; the capture buffer
   * ({@code --buffer-mb}) is shared out between their rings.
   *
   * @throws AfPacketException when the interface is missing, not Ethernet-like, or the kernel
   *     refuses a step (the message says which and why)
   * @throws IllegalArgumentException when the filter expression is invalid
   */
  public static AfPacketEngine open(CaptureOptions options, int threads, InstantSource clock) {
    if (!supported()) {
      throw new AfPacketException("AF_PACKET capture needs Linux");
    }
    String iface = options.iface();
    if (iface == null) {
      throw new AfPacketException("the afpacket engine captures interfaces, not files");
    }
    if (threads < 1 || threads > 64) {
      throw new IllegalArgumentException("--threads must be between 1 and 64, got " + threads);
    }
    int ifindex = Libc.ifNameToIndex(iface);
    if (ifindex == 0) {
      throw new AfPacketException("no interface named '" + iface + "'");
    }
    checkEthernet(iface);
    BpfCompiler.Instructions filter =
        options.filter() == null || options.filter().isBlank()
            ? snapOnly(options.snapLength())
            : BpfCompiler.compile(options.filter(), ETHERNET, options.snapLength());
    PacketSocket.Ring ring =
        PacketSocket.Ring.of(options.bufferBytes() / threads, options.snapLength());
    int fanout =
        threads == 1
            ? -1
            : (ThreadLocalRandom.current().nextInt(1, 0xffff)) | (Libc.PACKET_FANOUT_HASH << 16);
    List<PacketSocket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < threads; i++) {
        sockets.add(PacketSocket.open(iface, ifindex, ring, options.promiscuous(), filter, fanout));
      }
    } catch (RuntimeException e) {
      sockets.forEach(PacketSocket::close);
      throw e;
    }
    return new AfPacketEngine(options, clock, sockets);
  }

  /**
   * A one-instruction program, {@code ret #snaplen}: the kernel then copies only the first
   * snap-length bytes into the ring, as libpcap's compiled filters do.
   */
  private static BpfCompiler.Instructions snapOnly(int snapLength) {
    return new BpfCompiler.Instructions(
        new int[] {0x06}, new int[] {0}, new int[] {0}, new int[] {snapLength});
  }

  /** ARPHRD_ETHER (1) and ARPHRD_LOOPBACK (772) deliver Ethernet frames; others we refuse. */
  private static void checkEthernet(String iface) {
    Path type = Path.of("/sys/class/net", iface, "type");
    try {
      String t = Files.readString(type).trim();
      if (!t.equals("1") && !t.equals("772")) {
        throw new AfPacketException(
            iface + " is not an Ethernet interface (ARPHRD type " + t + "); use --engine libpcap");
      }
    } catch (IOException e) {
      // No sysfs (a container without it): the Ethernet assumption stands, as libpcap's would.
    }
  }

  @Override
  public String name() {
    return "afpacket";
  }

  @Override
  public String source() {
    return options.iface();
  }

  @Override
  public int linkType() {
    return ETHERNET;
  }

  @Override
  public int snapLength() {
    return options.snapLength();
  }

  /** The number of capture threads (and sockets). */
  public int threads() {
    return sockets.size();
  }

  /** Bytes of one socket's ring. */
  public long ringBytes() {
    return sockets.getFirst().geometry().bytes();
  }

  @Override
  public CaptureCounters run(PacketSink sink, Consumer<CaptureCounters> report) throws IOException {
    PacketSink shared = sockets.size() > 1 ? PacketSink.synchronizedSink(sink) : sink;
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < sockets.size(); i++) {
      Worker w = new Worker(sockets.get(i), shared);
      workers.add(w);
      threads.add(
          Thread.ofPlatform()
              .name("afpacket-" + options.iface() + "-" + i)
              .start(
                  () -> {
                    try {
                      w.loop();
                    } catch (Throwable t) {
                      failure.compareAndSet(null, t);
                      stop();
                    }
                  }));
    }
    long interval =
        options.statsInterval() == null ? 0 : Math.max(0, options.statsInterval().toMillis());
    long next = interval > 0 ? clock.millis() + interval : Long.MAX_VALUE;
    try {
      for (Thread t : threads) {
        while (t.isAlive()) {
          long wait = interval > 0 ? Math.max(1, next - clock.millis()) : 1000;
          t.join(wait);
          if (interval > 0 && clock.millis() >= next) {
            report.accept(counters());
            next = clock.millis() + interval;
          }
        }
      }
    } catch (InterruptedException e) {
      stop();
      Thread.currentThread().interrupt();
    }
    Throwable t = failure.get();
    if (t instanceof IOException io) {
      throw io;
    }
    if (t instanceof UncheckedIOException u) {
      throw u.getCause();
    }
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    sink.flush();
    return counters();
  }

  @Override
  public void stop() {
    stopping = true;
  }

  @Override
  public CaptureCounters counters() {
    long received = 0;
    long bytes = 0;
    long accepted = 0;
    long refused = 0;
    for (Worker w : workers) {
      received += w.received;
      bytes += w.bytes;
      accepted += w.accepted;
      refused += w.refused;
    }
    long kernelDrops = 0;
    for (PacketSocket s : sockets) {
      kernelDrops += s.stats().drops();
    }
    long failed = workers.isEmpty() ? 0 : workers.getFirst().sink.failed();
    return new CaptureCounters(received, bytes, accepted - failed, kernelDrops, 0, refused, failed);
  }

  @Override
  public void close() {
    sockets.forEach(PacketSocket::close);
  }

  /** Takes the packet if the {@code --max-packets} limit leaves room for it. */
  private boolean take() {
    long max = options.maxPackets();
    if (max <= 0) {
      return true;
    }
    long n = taken.incrementAndGet();
    if (n >= max) {
      stop();
    }
    return n <= max;
  }

  /** One socket's capture thread: block after block, frame after frame. */
  private final class Worker implements RingBlock.FrameHandler {
    private final PacketSocket socket;
    private final PacketSink sink;
    private final RingBlock walker;
    // Written by this worker's thread only, read by counters(): volatile for visibility.
    volatile long received;
    volatile long bytes;
    volatile long accepted;
    volatile long refused;
    private long got;
    private long wire;
    private long ok;
    private long no;

    Worker(PacketSocket socket, PacketSink sink) {
      this.socket = socket;
      this.sink = sink;
      this.walker = new RingBlock(options.snapLength());
    }

    void loop() throws IOException {
      MemorySegment ring = socket.ring();
      PacketSocket.Ring g = socket.geometry();
      int index = 0;
      while (!stopping) {
        long block = (long) index * g.blockSize();
        if (!RingBlock.ready(ring, block)) {
          if (socket.await(POLL_MILLIS) && Libc.ifNameToIndex(options.iface()) == 0) {
            throw new AfPacketException("interface " + options.iface() + " is gone");
          }
          continue;
        }
        try {
          walker.walk(ring, block, g.blockSize(), this);
        } finally {
          RingBlock.release(ring, block);
          publish();
        }
        index = (index + 1) % g.blockCount();
      }
    }

    @Override
    public void frame(long ts, int originalLength, byte[] data, int length) throws IOException {
      // Past --max-packets the rest of the block is skipped; a stop() from Ctrl-C still lets the
      // current block finish, so what the kernel handed over is counted.
      if (!take()) {
        return;
      }
      got++;
      wire += originalLength;
      if (sink.accept(ts, originalLength, data, 0, length)) {
        ok++;
      } else {
        no++;
      }
    }

    private void publish() {
      received = got;
      bytes = wire;
      accepted = ok;
      refused = no;
    }
  }
}
