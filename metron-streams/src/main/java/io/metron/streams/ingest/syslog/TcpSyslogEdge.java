package io.metron.streams.ingest.syslog;

import io.metron.streams.ingest.EdgeCounters;
import io.metron.streams.ingest.EdgeStats;
import io.metron.streams.ingest.EventSink;
import io.metron.streams.ingest.IngestEdge;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Syslog over TCP, framed per RFC 6587 by {@link SyslogFrameDecoder}: octet-counted and
 * newline-terminated messages, even mixed on one connection. Each connection gets a virtual thread.
 * When the producer's buffer is full its {@code send} blocks, the thread stops reading, and TCP
 * flow control slows the sender: nothing is dropped for lack of room.
 */
public final class TcpSyslogEdge implements IngestEdge {
  private static final Logger LOG = LoggerFactory.getLogger(TcpSyslogEdge.class);

  private final SyslogSpec spec;
  private final EventSink sink;
  private final int maxMessage;
  private final Map<Socket, Thread> connections = new ConcurrentHashMap<>();
  private volatile EdgeCounters counters;
  private ServerSocket server;
  private Thread acceptor;
  private int port;

  /**
   * @param maxMessage the largest message passed on; longer ones are skipped and counted as
   *     oversize
   */
  public TcpSyslogEdge(SyslogSpec spec, EventSink sink, int maxMessage) {
    if (spec.transport() != SyslogSpec.Transport.TCP) {
      throw new IllegalArgumentException("not a TCP spec: " + spec);
    }
    this.spec = spec;
    this.sink = sink;
    this.maxMessage = maxMessage;
  }

  @Override
  public String name() {
    return "syslog-tcp:" + (port == 0 ? spec.port() : port);
  }

  /** The bound port (useful when the spec asked for 0). */
  public int port() {
    return port;
  }

  @Override
  public void start() throws IOException {
    // Before binding: a sender must not find the port open while the first send would stall.
    sink.prepare(spec.sensor());
    InetSocketAddress address = new InetSocketAddress(spec.host(), spec.port());
    server = new ServerSocket();
    server.setReuseAddress(true);
    try {
      server.bind(address, 128);
    } catch (IOException e) {
      server.close();
      throw new IOException(
          "syslog edge cannot listen on tcp " + address + ": " + e.getMessage(), e);
    }
    port = server.getLocalPort();
    counters = new EdgeCounters(name(), spec.sensor());
    LOG.info("Syslog TCP edge on {}:{} -> topic {}", spec.host(), port, spec.sensor());
    acceptor = Thread.ofPlatform().name("syslog-tcp-" + port).start(this::accept);
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        Thread worker =
            Thread.ofVirtual().name("syslog-tcp-" + port + "-conn").unstarted(() -> serve(socket));
        connections.put(socket, worker);
        worker.start();
      } catch (IOException e) {
        if (server.isClosed()) {
          return;
        }
        LOG.warn("Syslog TCP edge on port {}: accept failed: {}", port, e.getMessage());
      }
    }
  }

  private void serve(Socket socket) {
    EdgeCounters c = counters;
    String topic = spec.sensor();
    SyslogFrameDecoder decoder =
        new SyslogFrameDecoder(
            maxMessage,
            new SyslogFrameDecoder.Listener() {
              @Override
              public void message(byte[] message) {
                c.received(1);
                c.track(sink.send(topic, null, message));
              }

              @Override
              public void oversize() {
                c.received(1);
                c.oversize();
              }

              @Override
              public void truncated() {
                c.dropped(1);
              }
            });
    byte[] buf = new byte[64 * 1024];
    try (socket;
        InputStream in = socket.getInputStream()) {
      int n;
      while ((n = in.read(buf)) > 0) {
        decoder.feed(buf, 0, n);
      }
      decoder.finish();
    } catch (SocketException e) {
      // Closed by the peer mid-read or by close(): keep what was complete.
      decoder.finish();
    } catch (IOException e) {
      LOG.warn(
          "Syslog TCP edge on port {}: connection from {} failed: {}",
          port,
          socket.getRemoteSocketAddress(),
          e.getMessage());
    } finally {
      connections.remove(socket);
    }
  }

  @Override
  public List<EdgeStats> stats() {
    EdgeCounters c = counters;
    return c == null ? List.of() : List.of(c.snapshot());
  }

  @Override
  public void close() {
    try {
      if (server != null) {
        server.close();
      }
      if (acceptor != null) {
        acceptor.join(10_000);
      }
      for (Map.Entry<Socket, Thread> connection : Map.copyOf(connections).entrySet()) {
        connection.getKey().close();
        connection.getValue().join(10_000);
      }
    } catch (IOException e) {
      LOG.warn("Syslog TCP edge on port {}: close failed: {}", port, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sink.flush();
  }
}
