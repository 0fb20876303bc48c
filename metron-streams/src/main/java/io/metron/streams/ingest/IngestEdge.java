package io.metron.streams.ingest;

import java.io.IOException;
import java.util.List;

/**
 * A source of raw events that writes them to sensor topics.
 *
 * <p>Contract: {@link #start()} binds or opens what the edge reads and returns once it is accepting
 * events; failures to bind (port in use, unreadable directory) are reported there as an {@link
 * IOException} naming the resource. After that, bad input never throws: it is counted ({@link
 * EdgeStats#oversize()}, {@link EdgeStats#dropped()}) and skipped. {@link #close()} stops reading
 * and waits for events already accepted to be acknowledged or failed. {@link #stats()} may be
 * called from any thread at any time.
 */
public interface IngestEdge extends AutoCloseable {

  /** A short name for logs and metrics, such as {@code syslog-udp:5514}. */
  String name();

  /** Starts accepting events. */
  void start() throws IOException;

  /** A snapshot of the counters, one entry per sensor this edge writes to. */
  List<EdgeStats> stats();

  /** Stops accepting events and waits for those in flight. Never throws. */
  @Override
  void close();
}
