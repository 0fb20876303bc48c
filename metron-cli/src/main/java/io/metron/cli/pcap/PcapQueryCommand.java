package io.metron.cli.pcap;

import io.metron.pcap.filter.FixedFilter;
import io.metron.pcap.filter.StellarPacketFilter;
import io.metron.pcap.libpcap.LibPcapException;
import io.metron.pcap.query.PcapOutput;
import io.metron.pcap.query.PcapQuery;
import io.metron.pcap.query.PcapQueryEngine;
import io.metron.pcap.query.QueryResult;
import io.metron.pcap.query.TimeRange;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code metron pcap query}: filtered extraction to standard .pcap. */
@Command(
    name = "query",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Pulls packets out of the packet store (or out of pcap files given with --file) into a"
          + " standard .pcap. Every filter given must match: Metron's fixed filter (addresses,"
          + " ports, protocol; --include-reverse for both directions), a tcpdump expression"
          + " (--packet-filter), a byte pattern, and a Stellar predicate (--query) over"
          + " ip_src_addr, ip_dst_addr, ip_src_port, ip_dst_port, protocol and packet, with"
          + " BYTEARRAY_MATCHER. Times are epoch milliseconds or ISO-8601; the end is exclusive."
          + " Over the store only the matching flows are read and packets come out in time order;"
          + " over files, in file order. Exit status 1 means some input was damaged (its readable"
          + " packets were used).",
      "",
      "Examples:",
      "  metron pcap query -sa 10.0.0.1 -da 10.0.0.2 -dp 443 -ir \\",
      "      -st 2024-05-01T10:00:00Z -et 2024-05-01T11:00:00Z -w flow.pcap",
      "  metron pcap query --file a.pcap --file b.pcap -pf 'tcp port 80' | tshark -r -",
      "  metron pcap query -q \"protocol == 17 && BYTEARRAY_MATCHER('`evil`', packet)\" \\",
      "      -w dns.pcap",
      "  metron pcap query -sa 10.0.0.1 --records-per-file 10000 -w /tmp/out/pcap-data.pcap",
    })
public final class PcapQueryCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--store",
      defaultValue = "data/pcap",
      description = "Packet store directory (default: ${DEFAULT-VALUE}).")
  Path store;

  @Option(
      names = "--file",
      description = "Query this pcap/pcapng file instead of the store; repeatable; '-' is stdin.")
  List<Path> files = new ArrayList<>();

  @Option(
      names = {"-sa", "--ip-src-addr"},
      description = "Source IP address (IPv4 or IPv6).")
  String srcAddr;

  @Option(
      names = {"-da", "--ip-dst-addr"},
      description = "Destination IP address.")
  String dstAddr;

  @Option(
      names = {"-sp", "--ip-src-port"},
      description = "Source port.")
  String srcPort;

  @Option(
      names = {"-dp", "--ip-dst-port"},
      description = "Destination port.")
  String dstPort;

  @Option(
      names = {"-p", "--protocol"},
      description = "IP protocol: a number or tcp, udp, icmp, icmp6, sctp.")
  String protocol;

  @Option(
      names = {"-ir", "--include-reverse"},
      description = "Also match the reverse direction.")
  boolean includeReverse;

  @Option(
      names = {"-pf", "--packet-filter"},
      description = "tcpdump filter expression (libpcap syntax).")
  String packetFilter;

  @Option(
      names = "--byte-pattern",
      description =
          "Binary pattern anywhere in the packet (Metron's byteseek syntax, e.g. 'deadbeef' or"
              + " \"'GET '\").")
  String bytePattern;

  @Option(
      names = {"-q", "--query"},
      description = "Stellar predicate over the packet fields.")
  String query;

  @Option(
      names = {"-st", "--start-time"},
      description = "First time included: epoch ms or ISO-8601.")
  String start;

  @Option(
      names = {"-et", "--end-time"},
      description = "First time excluded: epoch ms or ISO-8601.")
  String end;

  @Option(
      names = {"-w", "--output"},
      defaultValue = "-",
      description = "Output .pcap, or '-' for stdout (default).")
  String output;

  @Option(
      names = "--records-per-file",
      defaultValue = "0",
      description = "Write pages of N packets: OUT-0001.pcap, OUT-0002.pcap, ...")
  int recordsPerFile;

  public PcapQueryCommand() {}

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PcapQuery q;
    try {
      q =
          new PcapQuery(
              TimeRange.parse(start, end),
              FixedFilter.parse(srcAddr, dstAddr, srcPort, dstPort, protocol, includeReverse),
              packetFilter,
              bytePattern,
              query);
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return 2;
    }
    boolean stdout = output.equals("-");
    if (stdout && recordsPerFile > 0) {
      err.println("error: --records-per-file needs --output FILE");
      return 2;
    }
    if (stdout && System.console() != null && System.console().isTerminal()) {
      err.println(
          "error: refusing to write binary pcap to a terminal; pipe it or use --output FILE.pcap");
      return 2;
    }
    // Stellar is loaded only when a --query is given.
    PcapQueryEngine engine =
        new PcapQueryEngine(query == null ? null : StellarPacketFilter.compiler());
    try {
      PcapOutput out =
          stdout
              ? PcapOutput.toStream(new BufferedOutputStream(System.out, 1 << 16))
              : recordsPerFile > 0
                  ? PcapOutput.paged(Path.of(output), recordsPerFile)
                  : PcapOutput.toFile(Path.of(output));
      QueryResult r =
          files.isEmpty() ? engine.queryStore(q, store, out) : engine.queryFiles(q, files, out);
      for (String w : r.warnings()) {
        err.println("warning: " + w);
      }
      err.println(
          r.packetsMatched()
              + " packets matched ("
              + r.packetsExamined()
              + " examined, "
              + r.filesRead()
              + " files read)"
              + (r.outputs().isEmpty()
                  ? ""
                  : "; wrote "
                      + r.outputs().size()
                      + " file(s): "
                      + r.outputs().getFirst()
                      + (r.outputs().size() > 1 ? " ..." : "")));
      return r.warnings().isEmpty() ? 0 : 1;
    } catch (IllegalArgumentException | LibPcapException e) {
      err.println("error: " + e.getMessage());
      return 2;
    } catch (IOException e) {
      err.println("error: " + e.getMessage());
      return 1;
    } finally {
      err.flush();
    }
  }
}
