package io.metron.server.routes;

import io.metron.pcap.filter.FixedFilter;
import io.metron.pcap.filter.StellarPacketFilter;
import io.metron.pcap.query.PcapOutput;
import io.metron.pcap.query.PcapQuery;
import io.metron.pcap.query.PcapQueryEngine;
import io.metron.pcap.query.QueryResult;
import io.metron.pcap.query.TimeRange;
import io.metron.server.api.Access;
import io.metron.server.api.ApiException;
import io.metron.server.api.Endpoint;
import io.metron.server.api.Routes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Metron's PcapController over the packet store {@code metron run} keeps under {@code <data>/pcap}:
 * a query runs as a job in the background (one at a time), its status is polled, and its packets
 * download as a standard .pcap file. Jobs are kept in memory; their files under {@code
 * <data>/pcap-jobs}.
 */
public final class PcapRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(PcapRoutes.class);

  /** Metron's {@code FixedPcapRequest} (the Hadoop path fields are accepted and ignored). */
  public record FixedBody(
      String basePath,
      String baseInterimResultPath,
      String finalOutputPath,
      Long startTimeMs,
      Long endTimeMs,
      Integer numReducers,
      String ipSrcAddr,
      String ipDstAddr,
      String ipSrcPort,
      String ipDstPort,
      String protocol,
      String packetFilter,
      Boolean includeReverse) {}

  /** Metron's {@code QueryPcapRequest}. */
  public record QueryBody(
      String basePath,
      String baseInterimResultPath,
      String finalOutputPath,
      Long startTimeMs,
      Long endTimeMs,
      Integer numReducers,
      String query) {}

  /** Metron's {@code PcapStatus}. */
  public record PcapStatus(
      String jobId, String jobStatus, String description, double percentComplete, long size) {}

  private final Path store;
  private final Path jobsDir;
  private final Clock clock;
  private final Map<String, PcapStatus> jobs = new ConcurrentHashMap<>();
  private final ExecutorService runner =
      Executors.newSingleThreadExecutor(
          r -> Thread.ofPlatform().daemon().name("pcap-jobs").unstarted(r));

  private PcapRoutes(Path dataDir, Clock clock) {
    this.store = dataDir.resolve("pcap");
    this.jobsDir = dataDir.resolve("pcap-jobs");
    this.clock = clock;
  }

  public static void declare(Routes routes, Path dataDir, Clock clock) {
    PcapRoutes pcap = new PcapRoutes(dataDir, clock);
    routes
        .group("Pcap")
        .post(
            "/pcap/fixed",
            Access.USER,
            "Starts a fixed-filter pcap query (addresses, ports, protocol, BPF)",
            FixedBody.class,
            PcapStatus.class,
            call -> {
              FixedBody b = call.body();
              FixedFilter fixed;
              try {
                fixed =
                    FixedFilter.parse(
                        b.ipSrcAddr(),
                        b.ipDstAddr(),
                        b.ipSrcPort(),
                        b.ipDstPort(),
                        b.protocol(),
                        Boolean.TRUE.equals(b.includeReverse()));
              } catch (IllegalArgumentException e) {
                String msg = e.getMessage();
                throw ApiException.badRequest(msg, fieldOf(msg));
              }
              return pcap.start(
                  new PcapQuery(
                      pcap.range(b.startTimeMs(), b.endTimeMs()),
                      fixed,
                      b.packetFilter(),
                      null,
                      null));
            })
        .post(
            "/pcap/query",
            Access.USER,
            "Starts a Stellar-filter pcap query",
            QueryBody.class,
            PcapStatus.class,
            call -> {
              QueryBody b = call.body();
              Wire.required(b.query(), "query");
              return pcap.start(
                  new PcapQuery(
                      pcap.range(b.startTimeMs(), b.endTimeMs()), null, null, null, b.query()));
            })
        .get(
            "/pcap/{jobId}",
            Access.USER,
            "A pcap query job's status",
            PcapStatus.class,
            call -> pcap.status(call.path("jobId")))
        .get(
            "/pcap/{jobId}/raw",
            Access.USER,
            "Downloads a finished job's packets as a .pcap file",
            byte[].class,
            call -> pcap.download(call))
        .get(
            "/pcap/{jobId}/pcap",
            Access.USER,
            "Downloads a finished job's packets as a .pcap file (same as /raw)",
            byte[].class,
            call -> pcap.download(call));
  }

  private TimeRange range(Long startMs, Long endMs) {
    long start = startMs == null ? 0 : startMs;
    long end = endMs == null ? clock.millis() : endMs;
    if (start < 0 || end < start) {
      throw ApiException.badRequest(
          "field 'endTimeMs' must not be before 'startTimeMs' (both epoch milliseconds)",
          "endTimeMs");
    }
    return new TimeRange(
        Math.multiplyExact(start, 1_000_000L), Math.multiplyExact(end, 1_000_000L));
  }

  private static String fieldOf(String message) {
    int colon = message == null ? -1 : message.indexOf(':');
    String f = colon > 0 ? message.substring(0, colon) : null;
    return switch (f == null ? "" : f) {
      case "ip_src_addr" -> "ipSrcAddr";
      case "ip_dst_addr" -> "ipDstAddr";
      case "ip_src_port" -> "ipSrcPort";
      case "ip_dst_port" -> "ipDstPort";
      default -> "protocol";
    };
  }

  private PcapStatus start(PcapQuery query) {
    String id = UUID.randomUUID().toString();
    PcapStatus running = new PcapStatus(id, "RUNNING", "Query is running", 0, 0);
    jobs.put(id, running);
    runner.submit(
        () -> {
          try {
            Files.createDirectories(jobsDir);
            PcapQueryEngine engine =
                new PcapQueryEngine(
                    query.stellar() == null ? null : StellarPacketFilter.compiler());
            QueryResult r;
            try (PcapOutput out = PcapOutput.toFile(jobsDir.resolve(id + ".pcap"))) {
              r = engine.queryStore(query, store, out);
            }
            jobs.put(
                id,
                new PcapStatus(
                    id,
                    "SUCCEEDED",
                    r.packetsMatched() + " of " + r.packetsExamined() + " packets matched",
                    100,
                    r.packetsMatched()));
          } catch (IOException | RuntimeException e) {
            LOG.warn("pcap job {} failed: {}", id, e.getMessage());
            jobs.put(id, new PcapStatus(id, "FAILED", String.valueOf(e.getMessage()), 100, 0));
          }
        });
    return running;
  }

  private PcapStatus status(String id) {
    PcapStatus s = jobs.get(id);
    if (s == null) {
      throw ApiException.notFound("no pcap job " + id);
    }
    return s;
  }

  private Object download(io.metron.server.api.Call<Void> call) throws IOException {
    PcapStatus s = status(call.path("jobId"));
    if (!s.jobStatus().equals("SUCCEEDED")) {
      throw new ApiException(
          409, "pcap job " + s.jobId() + " is " + s.jobStatus() + ", not finished");
    }
    Path file = jobsDir.resolve(s.jobId() + ".pcap");
    InputStream in = Files.newInputStream(file);
    call.ctx()
        .contentType("application/vnd.tcpdump.pcap")
        .header("Content-Disposition", "attachment; filename=\"pcap_" + s.jobId() + ".pcap\"")
        .result(in);
    return Endpoint.HANDLED;
  }
}
