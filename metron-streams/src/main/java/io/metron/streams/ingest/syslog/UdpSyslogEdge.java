package io.metron.streams.ingest.syslog;

import io.metron.streams.ingest.EdgeCounters;
import io.metron.streams.ingest.EdgeStats;
import io.metron.streams.ingest.EventSink;
import io.metron.streams.ingest.IngestEdge;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Syslog over UDP: each datagram is one message (RFC 5426). A trailing LF, CRLF or NUL, which some
 * senders append, is transport framing and is removed; everything else goes to the sensor topic
 * unchanged. One thread receives and hands each message to the producer, whose batching keeps up
 * with tens of thousands of datagrams per second; a large socket receive buffer absorbs bursts. UDP
 * has no backpressure: what the kernel drops when the buffer overflows is counted in {@link
 * EdgeStats#dropped()}.
 */
public final class UdpSyslogEdge implements IngestEdge {
  private static final Logger LOG = LoggerFactory.getLogger(UdpSyslogEdge.class);

  /** The largest UDP payload over IPv4. */
  public static final int MAX_DATAGRAM = 65_507;

  /** The receive buffer asked for; Linux grants at most {@code net.core.rmem_max}. */
  public static final int RECEIVE_BUFFER = 32 * 1024 * 1024;

  /** Bytes of received messages that may wait for the producer. */
  public static final long QUEUE_BYTES = 64L * 1024 * 1024;

  private static final int QUEUE_MESSAGES = 256 * 1024;
  private static final byte[] END = new byte[0];

  private final SyslogSpec spec;
  private final EventSink sink;
  private final int maxMessage;
  private final KernelUdpDrops kernel = new KernelUdpDrops();
  private volatile EdgeCounters counters;
  private volatile long lastKernelDrops;
  private DatagramChannel channel;
  private Thread thread;
  private Thread sender;
  private final ArrayBlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(QUEUE_MESSAGES);
  private final AtomicLong queuedBytes = new AtomicLong();
  private int port;
  private long kernelDropsAtStart;

  /**
   * @param maxMessage the largest message passed on; larger datagrams are counted as oversize
   */
  public UdpSyslogEdge(SyslogSpec spec, EventSink sink, int maxMessage) {
    if (spec.transport() != SyslogSpec.Transport.UDP) {
      throw new IllegalArgumentException("not a UDP spec: " + spec);
    }
    this.spec = spec;
    this.sink = sink;
    this.maxMessage = Math.min(maxMessage, MAX_DATAGRAM);
  }

  @Override
  public String name() {
    return "syslog-udp:" + (port == 0 ? spec.port() : port);
  }

  @Override
  public void start() throws IOException {
    // Before binding: a sender must not find the port open while the first send would stall.
    sink.prepare(spec.sensor());
    InetSocketAddress address = new InetSocketAddress(spec.host(), spec.port());
    channel = DatagramChannel.open();
    channel.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER);
    try {
      channel.bind(address);
    } catch (IOException e) {
      channel.close();
      throw new IOException(
          "syslog edge cannot listen on udp " + address + ": " + e.getMessage(), e);
    }
    port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
    kernelDropsAtStart = Math.max(0, kernel.read(port));
    counters = new EdgeCounters(name(), spec.sensor());
    int granted = channel.getOption(StandardSocketOptions.SO_RCVBUF);
    LOG.info(
        "Syslog UDP edge on {}:{} -> topic {} (receive buffer {} KiB)",
        spec.host(),
        port,
        spec.sensor(),
        granted / 1024);
    sender = Thread.ofPlatform().name("syslog-udp-" + port + "-send").start(this::send);
    thread = Thread.ofPlatform().name("syslog-udp-" + port).start(this::receive);
  }

  /** The bound port (useful when the spec asked for 0). */
  public int port() {
    return port;
  }

  private void receive() {
    // One byte more than the limit, so an oversize datagram shows as such instead of being cut.
    ByteBuffer buf = ByteBuffer.allocateDirect(maxMessage + 1);
    EdgeCounters counters = this.counters;
    while (true) {
      buf.clear();
      try {
        if (channel.receive(buf) == null) {
          continue;
        }
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        if (!channel.isOpen()) {
          return;
        }
        LOG.warn("Syslog UDP edge on port {}: receive failed: {}", port, e.getMessage());
        continue;
      }
      buf.flip();
      int n = buf.remaining();
      if (n > maxMessage) {
        counters.received(1);
        counters.oversize();
        continue;
      }
      while (n > 0) {
        byte last = buf.get(n - 1);
        if (last != '\n' && last != '\r' && last != 0) {
          break;
        }
        n--;
      }
      if (n == 0) {
        counters.received(1);
        continue;
      }
      byte[] message = new byte[n];
      buf.get(message);
      // A message the full queue refuses counts as dropped, like the kernel's drops, not as
      // received: so sent = received + dropped holds exactly.
      if (queuedBytes.get() + n > QUEUE_BYTES || !queue.offer(message)) {
        counters.dropped(1);
      } else {
        queuedBytes.addAndGet(n);
        counters.received(1);
      }
    }
  }

  private void send() {
    String topic = spec.sensor();
    EdgeCounters counters = this.counters;
    List<byte[]> batch = new ArrayList<>(1024);
    while (true) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      queue.drainTo(batch, 1023);
      for (byte[] message : batch) {
        if (message == END) {
          return;
        }
        queuedBytes.addAndGet(-message.length);
        counters.track(sink.send(topic, null, message));
      }
      batch.clear();
    }
  }

  @Override
  public List<EdgeStats> stats() {
    EdgeCounters c = counters;
    if (c == null) {
      return List.of();
    }
    if (channel != null && channel.isOpen()) {
      long drops = kernel.read(port);
      if (drops >= 0) {
        lastKernelDrops = Math.max(0, drops - kernelDropsAtStart);
      }
    }
    return List.of(c.snapshot(lastKernelDrops));
  }

  @Override
  public void close() {
    try {
      if (channel != null) {
        stats();
        channel.close();
      }
      if (thread != null) {
        thread.join(10_000);
      }
      if (sender != null) {
        queue.put(END);
        sender.join(30_000);
      }
    } catch (IOException e) {
      LOG.warn("Syslog UDP edge on port {}: close failed: {}", port, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sink.flush();
  }
}
