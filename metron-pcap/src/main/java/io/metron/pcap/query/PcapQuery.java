package io.metron.pcap.query;

import io.metron.pcap.filter.FixedFilter;

/**
 * What a pcap query looks for. Every part that is set must match.
 *
 * @param range packet timestamps to include
 * @param fixed Metron's fixed filter ({@link FixedFilter#ANY} for none)
 * @param packetFilter a tcpdump filter expression, or null
 * @param bytePattern a byteseek pattern searched in the raw packet (Metron's {@code
 *     packet_filter}), or null
 * @param stellar a Stellar predicate over the packet fields (Metron's query filter), or null
 */
public record PcapQuery(
    TimeRange range, FixedFilter fixed, String packetFilter, String bytePattern, String stellar) {

  public PcapQuery {
    range = range == null ? TimeRange.ALL : range;
    fixed = fixed == null ? FixedFilter.ANY : fixed;
    packetFilter = blankToNull(packetFilter);
    bytePattern = blankToNull(bytePattern);
    stellar = blankToNull(stellar);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  /** Everything in {@code range}. */
  public static PcapQuery of(TimeRange range) {
    return new PcapQuery(range, FixedFilter.ANY, null, null, null);
  }

  public PcapQuery withFixed(FixedFilter f) {
    return new PcapQuery(range, f, packetFilter, bytePattern, stellar);
  }

  public PcapQuery withPacketFilter(String bpf) {
    return new PcapQuery(range, fixed, bpf, bytePattern, stellar);
  }

  public PcapQuery withBytePattern(String pattern) {
    return new PcapQuery(range, fixed, packetFilter, pattern, stellar);
  }

  public PcapQuery withStellar(String expression) {
    return new PcapQuery(range, fixed, packetFilter, bytePattern, expression);
  }

  public PcapQuery withRange(TimeRange r) {
    return new PcapQuery(r, fixed, packetFilter, bytePattern, stellar);
  }
}
